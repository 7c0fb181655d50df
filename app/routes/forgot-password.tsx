import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { EmailRequest } from "~/components/email-request";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { emailOnlySchema } from "~/modules/auth/schemas";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ action: "public" }), ...page({ title: "forgot.title" }) };

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), emailOnlySchema, (v) => requestPasswordReset(v.email, clientIp(request)));
  if (!result.ok) return result.response;
  // The same answer whether or not the address has an account.
  return { result: undefined, sent: true };
});

export default function ForgotPassword() {
  return (
    <EmailRequest
      actionData={useActionData<typeof action>()}
      text={{ title: "forgot.title", intro: "forgot.intro", submit: "forgot.submit", sent: "forgot.sent" }}
    />
  );
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { EmailRequest } from "~/components/email-request";
import { clientIp, handler, submitForm } from "~/lib/route.server";
import { resendVerification } from "~/modules/auth/accounts.server";
import { emailOnlySchema } from "~/modules/auth/schemas";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ action: "public" }), ...page({ title: "resendVerification.title" }) };

export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), emailOnlySchema, (v) => resendVerification(v.email, clientIp(request)));
  if (!result.ok) return result.response;
  // The same answer whether or not the address has an unconfirmed account.
  return { result: undefined, sent: true };
});

export default function ResendVerification() {
  return (
    <EmailRequest
      actionData={useActionData<typeof action>()}
      text={{ title: "resendVerification.title", submit: "resendVerification.submit", sent: "resendVerification.sent" }}
    />
  );
}

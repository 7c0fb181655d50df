import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ContractFields } from "~/components/contracts/contract-fields";
import { Button, Card, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { createContract } from "~/modules/contracts/contracts.server";
import { listReference } from "~/modules/contracts/reference.server";
import { contractSchema } from "~/modules/contracts/schemas";

export const handle = { ...access({ loader: "contracts:write", action: "contracts:write" }), ...page({ title: "contracts.new", parent: { to: "contracts", label: "shell.nav.contracts" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  return { slug: ctx.org.slug, reference: await listReference(ctx) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:write");
  const result = await submitForm(await request.formData(), contractSchema, (v) => createContract(ctx, v));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/contracts/${result.value.id}`);
});

/** The board records a contract it has won (or signed as subcontractor). */
export default function NewContract() {
  const { t } = useTranslation();
  const { slug, reference } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(contractSchema, {
    lastResult: actionData?.result,
    defaultValue: { clientKind: "region", kind: "tender_framework", financing: "effort", indirectTime: "not_paid" },
  });
  return (
    <div className="max-w-3xl">
      <Card>
        <p className="mb-3 text-sm">
          <Link to={`/c/${slug}/contracts`} className="text-teal-800 underline">
            {t("contracts.back")}
          </Link>
        </p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          <ContractFields fields={fields} reference={reference} />
          <Button>{t("contracts.create")}</Button>
        </Form>
      </Card>
    </div>
  );
}

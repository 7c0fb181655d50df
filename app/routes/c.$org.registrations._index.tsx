import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { RegistrationForm, RegistrationTable, VerdictForms } from "~/components/registrations";
import { Card, Notice } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import { createOrganizationRegistration, getVerificationOverview, rejectRegistration, verifyRegistration } from "~/modules/registrations/registrations.server";
import { registrationSchema, verificationSchema } from "~/modules/registrations/schemas";
import type { RootData } from "~/root";
import { uploadFromForm } from "~/modules/files/uploads.server";

export const handle = { ...access({ loader: "credentials:verify", action: "credentials:verify" }), ...page({ title: "shell.nav.registrations" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "credentials:verify");
  return { slug: ctx.org.slug, ...(await getVerificationOverview(ctx)), newId: randomUUID() };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "credentials:verify");
  const { formData, oversized } = await readUploadForm(request, "evidence", MAX_EVIDENCE_BYTES);
  if (formData.get("intent") === "create") {
    // The cooperative's own certificate (HKZ).
    const result = await submitForm(formData, registrationSchema, async (value) => {
      if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "evidence");
      return createOrganizationRegistration(ctx, value, await uploadFromForm(value.evidence));
    });
    if (!result.ok) return result.response;
    throw redirect(`/c/${ctx.org.slug}/registrations?done=created`);
  }
  const result = await submitForm(formData, verificationSchema, async (v) => (v.intent === "verify" ? verifyRegistration(ctx, v) : rejectRegistration(ctx, v)));
  // The row whose form failed shows the message; the others stay clean.
  if (!result.ok) return data({ ...result.response.data, registrationId: String(formData.get("registrationId") ?? "") }, result.response.init ?? undefined);
  throw redirect(`/c/${ctx.org.slug}/registrations?done=${result.value.verification}`);
});

export default function RegistrationsQueue() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, types, pending, own, newId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const ownTypes = types.filter((ty) => ty.subject === "organization" && ty.active);
  const failedFor = actionData && "registrationId" in actionData ? actionData.registrationId : null;
  return (
    <div className="space-y-4">
      {done ? <Notice tone="success">{t(`registrations.done.${done}`)}</Notice> : null}
      <div className="flex flex-wrap gap-4 text-sm">
        <Link className="text-teal-800 underline" to="types">
          {t("registrations.typesTitle")}
        </Link>
        <a className="text-teal-800 underline" href={`/c/${slug}/registrations.csv`}>
          {t("actions.exportCsv")}
        </a>
      </div>
      <Card title={t("registrations.queue")}>
        <RegistrationTable caption={t("registrations.queue")} regs={pending} types={types} lng={lng} slug={slug} actions={(r) => <VerdictForms reg={r} lastResult={failedFor === r.id ? actionData?.result : null} />} />
      </Card>
      <Card title={t("registrations.own")}>
        <RegistrationTable caption={t("registrations.own")} regs={own} types={types} lng={lng} slug={slug} />
      </Card>
      {ownTypes.length > 0 ? (
        <Card title={t("registrations.addOwn")}>
          <RegistrationForm types={ownTypes} newId={newId} lastResult={actionData && !("registrationId" in actionData) ? actionData.result : null} submitLabel={t("actions.save")} />
        </Card>
      ) : null}
    </div>
  );
}

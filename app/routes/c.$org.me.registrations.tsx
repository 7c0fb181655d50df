import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { RegistrationForm, RegistrationTable, StateBadge, typeLabel } from "~/components/registrations";
import { Card, Notice } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import { createMyRegistration, getMyRegistrations } from "~/modules/registrations/registrations.server";
import { registrationSchema } from "~/modules/registrations/schemas";
import type { RootData } from "~/root";
import { uploadFromForm } from "~/modules/files/uploads.server";

export const handle = { ...access({ loader: "profile:self", action: "profile:self" }), ...page({ title: "nav.registrations", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "profile:self");
  const mine = await getMyRegistrations(ctx);
  return { slug: ctx.org.slug, ...mine, newId: randomUUID() };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  // Who is asking before the body is read: a stranger's upload is never parsed.
  const ctx = await requireMember(request, params.org, "profile:self");
  const { formData, oversized } = await readUploadForm(request, "evidence", MAX_EVIDENCE_BYTES);
  const result = await submitForm(formData, registrationSchema, async (value) => {
    if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "evidence");
    return createMyRegistration(ctx, value, await uploadFromForm(value.evidence));
  });
  if (!result.ok) return result.response;
  throw redirect(`/c/${ctx.org.slug}/me/registrations?saved=1`);
});

export default function MyRegistrations() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, types, registrations, state, missingTypeIds, newId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const renew = registrations.find((r) => r.id === params.get("renew")) ?? null;
  const offered = types.filter((ty) => ty.active);
  const byId = new Map(types.map((ty) => [ty.id, ty]));
  return (
    <div className="space-y-4">
      {params.get("saved") ? <Notice tone="success">{t("registrations.submitted")}</Notice> : null}
      <Card title={t("registrations.mine")}>
        <p className="mb-3 text-sm">
          {t("registrations.overall")}: <StateBadge state={state} />
        </p>
        {missingTypeIds.length > 0 ? (
          <p className="mb-3 text-sm text-red-800">{t("registrations.missingList", { types: missingTypeIds.map((id) => typeLabel(t, byId.get(id))).join(", ") })}</p>
        ) : null}
        <RegistrationTable
          regs={registrations}
          types={types}
          lng={lng}
          slug={slug}
          actions={(r) =>
            r.verification !== "rejected" && byId.get(r.typeId)?.active ? (
              <Link className="text-teal-800 underline" to={`?renew=${r.id}#add`}>
                {t("registrations.renew")}
              </Link>
            ) : null
          }
        />
      </Card>
      <div id="add">
        <Card title={renew ? t("registrations.renewTitle", { type: typeLabel(t, byId.get(renew.typeId)) }) : t("registrations.add")}>
          <p className="mb-3 text-sm text-slate-600">{t("registrations.awaitsBoard")}</p>
          <RegistrationForm key={renew?.id ?? "new"} types={offered} newId={newId} supersedes={renew} lastResult={actionData?.result} submitLabel={t("registrations.submit")} />
        </Card>
      </div>
    </div>
  );
}

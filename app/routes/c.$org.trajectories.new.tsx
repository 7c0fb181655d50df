import { getFormProps } from "@conform-to/react";
import { REFERRER_TYPES, formatMinutes, todayInAmsterdam } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateField } from "~/components/ui/date-field";
import { Button, Card, FormErrors, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { createTrajectory, trajectoryFormOptions } from "~/modules/trajectories/trajectories.server";
import { trajectorySchema } from "~/modules/trajectories/schemas";

export const handle = { ...access({ loader: "trajectories:manage", action: "trajectories:manage" }), ...page({ title: "trajectories.new", parent: { to: "trajectories", label: "shell.nav.trajectories" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  const contractId = new URL(request.url).searchParams.get("contract");
  return { slug: ctx.org.slug, today: todayInAmsterdam(), contractId, ...(await trajectoryFormOptions(ctx)) };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "trajectories:manage");
  const result = await submitForm(await request.formData(), trajectorySchema, (v) => createTrajectory(ctx, v));
  if (!result.ok) return result.response;
  return redirect(`/c/${ctx.org.slug}/trajectories/${result.value.id}`);
});

/** The board or office staff record an allocation from the municipality: a client reference that identifies no one. */
export default function NewTrajectory() {
  const { t } = useTranslation();
  const { slug, today, contractId, contracts, products, municipalities, practitioners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const firstContract = contractId && contracts.some((c) => c.id === contractId) ? contractId : (contracts[0]?.id ?? "");
  const [form, fields] = useSchemaForm(trajectorySchema, {
    lastResult: actionData?.result,
    defaultValue: { contractId: firstContract, startsOn: today, referrerType: "gp", productId: products.find((p) => p.contractId === firstContract)?.id ?? "" },
  });
  const contractName = new Map(contracts.map((c) => [c.id, c.name]));
  const chosen = products.find((p) => p.id === fields.productId.value);
  const blank = { value: "", label: "—" };
  return (
    <div className="max-w-2xl">
      <Card>
        <p className="mb-4 text-sm text-slate-600">{t("trajectories.newIntro")}</p>
        <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <FormErrors errors={form.errors} />
          </div>
          <SelectField field={fields.contractId} label={t("trajectories.contract")} options={[blank, ...contracts.map((c) => ({ value: c.id, label: c.name }))]} />
          <SelectField
            field={fields.productId}
            label={t("trajectories.product")}
            options={[blank, ...products.map((p) => ({ value: p.id, label: `${contractName.get(p.contractId) ?? ""} — ${p.code} ${p.name}${p.maxVolume !== null ? ` (max ${formatMinutes(p.maxVolume)})` : ""}` }))]}
          />
          <TextField field={fields.clientCode} label={t("trajectories.clientCode")} hint={t("trajectories.clientCodeHint")} />
          <TextField field={fields.birthYear} label={t("trajectories.birthYear")} />
          <SelectField field={fields.municipalityId} label={t("trajectories.municipality")} options={[blank, ...municipalities.map((m) => ({ value: m.id, label: m.name }))]} />
          <TextField field={fields.allocationNumber} label={t("trajectories.allocationNumber")} />
          <SelectField field={fields.coordinatorId} label={t("trajectories.coordinator")} options={[blank, ...practitioners.map((p) => ({ value: p.id, label: p.name }))]} />
          <SelectField field={fields.referrerType} label={t("trajectories.referrer")} options={REFERRER_TYPES.map((r) => ({ value: r, label: t(`trajectories.referrers.${r}`) }))} />
          <DateField field={fields.startsOn} label={t("trajectories.startsOn")} />
          <DateField field={fields.endsOn} label={t("trajectories.endsOn")} />
          <TextField field={fields.allocatedHours} label={t("trajectories.allocatedHours")} hint={chosen?.maxVolume != null ? t("trajectories.maxHint", { max: formatMinutes(chosen.maxVolume) }) : t("trajectories.hoursHint")} />
          <TextField field={fields.leadClinician} label={t("trajectories.leadClinician")} hint={chosen?.requiresLeadClinician ? t("trajectories.leadClinicianRequired") : undefined} />
          <div className="flex gap-3 sm:col-span-2">
            <Button>{t("trajectories.create")}</Button>
            <Link to={`/c/${slug}/trajectories`} className="self-center text-sm text-teal-800 underline">
              {t("trajectories.back")}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  );
}

import { getFormProps, getInputProps, getSelectProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { formatDate, type Locale } from "@koepel/rules";
import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "~/components/ui/data-table";
import { DateField } from "~/components/ui/date-field";
import { Button, FieldErrors, FormErrors } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { StateBadge } from "./registration-state";
import { rejectSchema, registrationSchema } from "~/modules/registrations/schemas";

// Shared by the member's page, the board's queue and a member's tab: one look for a registration.

export type TypeView = { id: string; code: string | null; name: string | null; subject: string; cycleMonths: number | null; pointsRequired: number | null; required: boolean; active: boolean };
export type RegView = {
  id: string;
  typeId: string;
  number: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  points: number | null;
  hasEvidence: boolean;
  verification: string;
  rejectionReason: string | null;
  version: number;
  state: string;
  memberName?: string;
};

export const typeLabel = (t: TFunction, type: Pick<TypeView, "code" | "name"> | undefined) => (type ? (type.code ? t(`registrations.types.${type.code}`) : (type.name ?? "")) : "");

// Apart from the forms below, so a list that only shows a state loads no form validation (decision 027).
export { StateBadge };

export function RegistrationTable({ regs, types, lng, slug, actions, caption }: { regs: RegView[]; types: TypeView[]; lng: Locale; slug: string; actions?: (reg: RegView) => React.ReactNode; caption?: string }) {
  const { t } = useTranslation();
  if (regs.length === 0) return <p className="text-sm text-slate-600">{t("registrations.none")}</p>;
  const byId = new Map(types.map((ty) => [ty.id, ty]));
  const dash = (value: string | number | null) => value ?? "–";
  const columns: Column<RegView>[] = [
    ...(regs.some((r) => r.memberName) ? [{ key: "member", header: t("registrations.fields.member"), rowHeader: true, cell: (r: RegView) => r.memberName }] : []),
    { key: "type", header: t("registrations.fields.type"), rowHeader: !regs.some((r) => r.memberName), cell: (r) => typeLabel(t, byId.get(r.typeId)) },
    { key: "number", header: t("registrations.fields.number"), cell: (r) => dash(r.number) },
    { key: "issuedOn", header: t("registrations.fields.issuedOn"), cell: (r) => (r.issuedOn ? formatDate(r.issuedOn, lng) : "–") },
    { key: "validUntil", header: t("registrations.fields.validUntil"), cell: (r) => (r.validUntil ? formatDate(r.validUntil, lng) : "–") },
    { key: "points", header: t("registrations.fields.points"), numeric: true, cell: (r) => dash(r.points) },
    {
      key: "state",
      header: t("registrations.fields.state"),
      cell: (r) => (
        <>
          <StateBadge state={r.state} />
          {r.rejectionReason ? <p className="mt-1 text-xs text-slate-600">{t("registrations.rejectedBecause", { reason: r.rejectionReason })}</p> : null}
        </>
      ),
    },
    {
      key: "evidence",
      header: t("registrations.fields.evidence"),
      cell: (r) =>
        r.hasEvidence ? (
          <a className="text-teal-800 underline" href={`/c/${slug}/registrations/${r.id}/evidence`}>
            {t("registrations.download")}
          </a>
        ) : (
          "–"
        ),
    },
    ...(actions ? [{ key: "actions", header: t("registrations.fields.actions"), cell: (r: RegView) => actions(r) }] : []),
  ];
  return <DataTable caption={caption ?? t("nav.registrations")} columns={columns} rows={regs} rowKey={(r) => r.id} rowTestId="registration-row" />;
}

/**
 * Add or renew a registration, with its evidence file. A multipart form: it works
 * without JavaScript. `newId` comes from the loader, so a double submit is one registration.
 */
export function RegistrationForm({ types, newId, supersedes, lastResult, submitLabel }: { types: TypeView[]; newId: string; supersedes?: RegView | null; lastResult?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(registrationSchema, {
    id: `registration-${newId}`,
    lastResult,
    defaultValue: { id: newId, typeId: supersedes?.typeId ?? types[0]?.id ?? "", supersedesId: supersedes?.id ?? "", number: supersedes?.number ?? "" },
  });
  const typeProps = getSelectProps(fields.typeId);
  const fileProps = getInputProps(fields.evidence, { type: "file" });
  // Fields that depend on the type: the points field for types counted in points, the
  // BIG-number hint for the BIG register. Without JavaScript the page cannot follow the
  // select, so it shows what any offered type needs; once hydrated, what the chosen one needs.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [typeId, setTypeId] = useState(String(fields.typeId.initialValue ?? supersedes?.typeId ?? types[0]?.id ?? ""));
  const relevant = hydrated ? types.filter((ty) => ty.id === typeId) : types;
  const askPoints = relevant.some((ty) => ty.pointsRequired !== null);
  const bigHint = relevant.some((ty) => ty.code === "big");
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="create" />
      <input {...getInputProps(fields.id, { type: "hidden" })} key={fields.id.key} />
      <input {...getInputProps(fields.supersedesId, { type: "hidden" })} key={fields.supersedesId.key} />
      <div>
        <label htmlFor={fields.typeId.id} className="block text-sm font-medium text-slate-800">
          {t("registrations.fields.type")}
        </label>
        <select {...typeProps} key={typeProps.key} onChange={(e) => setTypeId(e.target.value)} disabled={Boolean(supersedes)} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
          {types.map((ty) => (
            <option key={ty.id} value={ty.id}>
              {typeLabel(t, ty)}
              {ty.cycleMonths ? ` (${t("registrations.cycle", { months: ty.cycleMonths })})` : ""}
            </option>
          ))}
        </select>
        {/* A disabled select is not submitted: a renewal keeps its type this way. */}
        {supersedes ? <input type="hidden" name={fields.typeId.name} value={supersedes.typeId} /> : null}
        <FieldErrors id={fields.typeId.errorId} errors={fields.typeId.errors} />
      </div>
      <div>
        <label htmlFor={fields.number.id} className="block text-sm font-medium text-slate-800">
          {t("registrations.fields.number")}
        </label>
        <input {...getInputProps(fields.number, { type: "text" })} key={fields.number.key} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        {bigHint ? <p className="mt-1 text-xs text-slate-500">{t("registrations.numberHint")}</p> : null}
        <FieldErrors id={fields.number.errorId} errors={fields.number.errors} />
      </div>
      <DateField field={fields.issuedOn} label={t("registrations.fields.issuedOn")} />
      <DateField field={fields.validUntil} label={t("registrations.fields.validUntil")} hint={t("registrations.validUntilHint")} />
      {askPoints ? <NumberField field={fields.points} label={t("registrations.fields.points")} hint={t("registrations.pointsHint")} /> : null}
      <div>
        <label htmlFor={fields.evidence.id} className="block text-sm font-medium text-slate-800">
          {t("registrations.fields.evidence")}
        </label>
        <input {...fileProps} key={fileProps.key} accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg" className="mt-1 block w-full text-sm" />
        <p className="mt-1 text-xs text-slate-500">{t("registrations.evidenceHint")}</p>
        <FieldErrors id={fields.evidence.errorId} errors={fields.evidence.errors} />
      </div>
      <Button>{submitLabel}</Button>
    </Form>
  );
}

/** The board's verdict on a pending registration: verify, or reject with a reason. */
export function VerdictForms({ reg, lastResult }: { reg: RegView; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(rejectSchema, { id: `reject-${reg.id}-${reg.version}`, lastResult, defaultValue: { intent: "reject", registrationId: reg.id, version: String(reg.version) } });
  return (
    <div className="space-y-2">
      <Form method="post">
        <input type="hidden" name="intent" value="verify" />
        <input type="hidden" name="registrationId" value={reg.id} />
        <input type="hidden" name="version" value={reg.version} />
        <Button size="sm">{t("registrations.verify")}</Button>
      </Form>
      <Form method="post" {...getFormProps(form)} className="space-y-1">
        <FormErrors errors={form.errors} />
        <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
        <input {...getInputProps(fields.registrationId, { type: "hidden" })} key={fields.registrationId.key} />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
        <label htmlFor={fields.reason.id} className="block text-xs font-medium text-slate-700">
          {t("registrations.fields.reason")}
        </label>
        <input {...getInputProps(fields.reason, { type: "text" })} key={fields.reason.key} className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
        <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
        <Button size="sm" variant="danger">
          {t("registrations.reject")}
        </Button>
      </Form>
    </div>
  );
}

export function NumberField({ field, label, hint }: { field: FieldMetadata<number | undefined>; label: string; hint?: string }) {
  const props = getInputProps(field, { type: "number" });
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input {...props} key={props.key} min={0} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

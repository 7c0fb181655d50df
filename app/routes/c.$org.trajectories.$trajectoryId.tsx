import { getFormProps } from "@conform-to/react";
import { formatDate, formatMinutes, todayInAmsterdam } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { Warnings } from "~/components/trajectories/warnings";
import { ConfirmForm, ConfirmPanel, pendingField, type ConfirmText, type PendingConfirmation } from "~/components/ui/confirm-action";
import { DateField } from "~/components/ui/date-field";
import { Button, Card, FieldErrors, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import { addPractitioner, attachExtensionDocument, getTrajectory, grantExtension, logTime, recordReview, removePractitioner, setStatus } from "~/modules/trajectories/trajectories.server";
import { attachDocumentSchema, extensionSchema, practitionerSchema, removePractitionerSchema, reviewSchema, statusSchema, timeEntrySchema } from "~/modules/trajectories/schemas";
import type { RootData } from "~/root";
import { uploadFromForm } from "~/modules/files/uploads.server";
import { MeterBar } from "~/components/ui/meter-bar";

// Board and office staff (trajectories:manage) see every trajectory, a practitioner (time:log)
// the ones they work on; contracts:view is what all of them share.
export const handle = { ...access({ loader: "contracts:view", action: "contracts:view" }), ...page<typeof loader>({ title: (d) => d.trajectory.clientCode, parent: { to: "trajectories", label: "shell.nav.trajectories" } }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const data = await getTrajectory(ctx, params.trajectoryId ?? "");
  // A fresh key per rendered form: submitting the same form twice writes one entry.
  return { slug: ctx.org.slug, today: todayInAmsterdam(), submissionKey: randomUUID(), ...data };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const id = params.trajectoryId ?? "";
  const { formData, oversized } = await readUploadForm(request, "document", MAX_EVIDENCE_BYTES);
  const intent = formData.get("intent");
  const back = `/c/${ctx.org.slug}/trajectories/${id}`;
  const manage = () => {
    if (!ctx.can("trajectories:manage")) throw new AppError("forbidden");
  };
  if (intent === "log") {
    // Everyone who works may open the page; logging needs time:log (one's own) or trajectories:manage (anyone's).
    if (!ctx.can("time:log") && !ctx.can("trajectories:manage")) throw new AppError("forbidden");
    const result = await submitForm(formData, timeEntrySchema, (v) => logTime(ctx, id, v));
    if (!result.ok) return result.response;
    return redirect(`${back}?logged=1`);
  }
  if (intent === "extend") {
    const result = await submitForm(formData, extensionSchema, async (v) => {
      if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "document");
      return grantExtension(ctx, id, v, await uploadFromForm(v.document));
    });
    if (!result.ok) return result.response;
    return redirect(`${back}?extended=${result.value.documentMissing ? "nodoc" : "1"}`);
  }
  if (intent === "attachDocument") {
    const result = await submitForm(formData, attachDocumentSchema, async (v) => {
      if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "document");
      return attachExtensionDocument(ctx, id, v.extensionId, await uploadFromForm(v.document));
    });
    if (!result.ok) return result.response;
    return redirect(back);
  }
  if (intent === "addPractitioner" || intent === "removePractitioner") {
    manage();
    const schema = intent === "addPractitioner" ? practitionerSchema : removePractitionerSchema;
    const result = await submitForm(formData, schema, (v) => (intent === "addPractitioner" ? addPractitioner(ctx, id, v.memberId) : removePractitioner(ctx, id, v.memberId)), {
      // Taking someone off a trajectory stops their logging: asked first (decision 021).
      confirm: () => intent === "removePractitioner",
    });
    if (!result.ok) return result.response;
    return redirect(back);
  }
  if (intent === "status") {
    manage();
    const result = await submitForm(formData, statusSchema, (v) => setStatus(ctx, id, v.status, v.version));
    if (!result.ok) return result.response;
    return redirect(back);
  }
  if (intent === "review") {
    manage();
    const result = await submitForm(formData, reviewSchema, (v) => recordReview(ctx, id, v.reviewDoneOn, v.version));
    if (!result.ok) return result.response;
    return redirect(back);
  }
  throw new AppError("invalid");
});

/** One trajectory: its data, volume against the allocation and the product's maximum, extensions and time. */
export default function TrajectoryPage() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const data = useLoaderData<typeof loader>();
  const { slug, trajectory: tr, warnings, additional, extensions, entries, loggable, others, nextExtension, canManage, canLog, submissionKey, today } = data;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const last = actionData?.result as { initialValue?: Record<string, unknown> } | undefined;
  const lastIntent = last?.initialValue?.intent;
  const pick = (intent: string) => (lastIntent === intent ? actionData?.result : undefined);
  const attachErrors = lastIntent === "attachDocument" ? (actionData?.result as { error?: Record<string, string[]> } | undefined)?.error : undefined;
  const [logForm, logFields] = useSchemaForm(timeEntrySchema, { id: "log", lastResult: pick("log"), defaultValue: { workedOn: today, memberId: loggable[0]?.id ?? "" } });
  const [extForm, extFields] = useSchemaForm(extensionSchema, { id: "extend", lastResult: pick("extend") });
  const [addForm, addFields] = useSchemaForm(practitionerSchema, { id: "add", lastResult: pick("addPractitioner") });
  const [reviewForm, reviewFields] = useSchemaForm(reviewSchema, { id: "review", lastResult: pick("review"), defaultValue: { reviewDoneOn: today } });
  const mayExtend = canManage || loggable.some((p) => p.id === tr.coordinatorId);
  const limit = Math.max(tr.allowed, tr.maxVolume ?? 0, 1);
  const removeText = (name: string): ConfirmText => ({
    title: t("ui.confirmations.removePractitioner.title", { name }),
    text: t("ui.confirmations.removePractitioner.text", { name }),
    yes: t("ui.confirmations.removePractitioner.yes", { name }),
  });
  const pending = (actionData as { confirm?: PendingConfirmation } | undefined)?.confirm;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {pending ? (
        <div className="lg:col-span-2">
          <ConfirmPanel
            pending={pending}
            text={(p) => {
              const name = additional.find((a) => a.id === pendingField(p, "memberId"))?.name;
              return p.intent === "removePractitioner" && name ? removeText(name) : undefined;
            }}
          />
        </div>
      ) : null}
      <Card title={`${t("trajectories.trajectory")} ${tr.clientCode}`}>
        <p className="mb-2 text-sm">
          <Link to={`/c/${slug}/trajectories`} className="text-teal-800 underline">
            {t("trajectories.back")}
          </Link>
        </p>
        {params.get("logged") ? <Notice tone="success">{t("timeEntries.logged")}</Notice> : null}
        {params.get("extended") === "nodoc" ? <Notice>{t("trajectories.extensionSavedNoDocument")}</Notice> : null}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("trajectories.contract")}</dt>
          <dd>{tr.contractName}</dd>
          <dt className="text-slate-500">{t("trajectories.product")}</dt>
          <dd>
            {tr.productCode} {tr.productName}
          </dd>
          <dt className="text-slate-500">{t("trajectories.birthYear")}</dt>
          <dd>{tr.birthYear}</dd>
          <dt className="text-slate-500">{t("trajectories.municipality")}</dt>
          <dd>{tr.municipalityName ?? "—"}</dd>
          <dt className="text-slate-500">{t("trajectories.allocationNumber")}</dt>
          <dd>{tr.allocationNumber ?? "—"}</dd>
          <dt className="text-slate-500">{t("trajectories.coordinator")}</dt>
          <dd>{tr.coordinatorName}</dd>
          <dt className="text-slate-500">{t("trajectories.referrer")}</dt>
          <dd>{t(`trajectories.referrers.${tr.referrerType}`)}</dd>
          {tr.leadClinician ? (
            <>
              <dt className="text-slate-500">{t("trajectories.leadClinician")}</dt>
              <dd>{tr.leadClinician}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t("trajectories.period")}</dt>
          <dd>
            {formatDate(tr.startsOn, lng)} – {formatDate(tr.endsOn, lng)}
          </dd>
          <dt className="text-slate-500">{t("trajectories.status")}</dt>
          <dd>{t(`trajectories.statuses.${tr.status}`)}</dd>
          {tr.reviewDoneOn ? (
            <>
              <dt className="text-slate-500">{t("trajectories.reviewDoneOn")}</dt>
              <dd>{formatDate(tr.reviewDoneOn, lng)}</dd>
            </>
          ) : null}
        </dl>
        <div className="mt-4 text-sm">
          <p>{t("trajectories.volumeLine", { used: formatMinutes(tr.usedDirect), allocated: formatMinutes(tr.allowed), max: tr.maxVolume !== null ? formatMinutes(tr.maxVolume) : "—", indirect: formatMinutes(tr.usedIndirect) })}</p>
          <MeterBar
            value={tr.usedDirect}
            max={limit}
            marker={tr.allowed}
            markerLabel={t("trajectories.allocated")}
            tone={tr.usedDirect > tr.allowed ? "red" : warnings.some((w) => w.code === "volume_80") ? "amber" : "teal"}
            label={t("trajectories.volumeLine", { used: formatMinutes(tr.usedDirect), allocated: formatMinutes(tr.allowed), max: tr.maxVolume !== null ? formatMinutes(tr.maxVolume) : "—", indirect: formatMinutes(tr.usedIndirect) })}
          />
        </div>
        <div className="mt-4 text-sm">
          <Warnings warnings={warnings} lng={lng} />
        </div>
        {canManage ? (
          <Form method="post" className="mt-4 flex items-end gap-2 text-sm">
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="version" value={tr.version} />
            <select name="status" defaultValue={tr.status} className="rounded border border-slate-300 px-2 py-1" aria-label={t("trajectories.status")}>
              {(["active", "completed", "stopped"] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`trajectories.statuses.${s}`)}
                </option>
              ))}
            </select>
            <Button>{t("trajectories.setStatus")}</Button>
          </Form>
        ) : null}
      </Card>

      {canLog ? (
        <Card title={t("timeEntries.log")}>
          <Form method="post" {...getFormProps(logForm)} className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="log" />
            <input type="hidden" name="submissionKey" value={submissionKey} />
            <div className="sm:col-span-2">
              <FormErrors errors={logForm.errors} />
            </div>
            <DateField field={logFields.workedOn} label={t("timeEntries.date")} />
            <SelectField field={logFields.memberId} label={t("timeEntries.practitioner")} options={loggable.map((p) => ({ value: p.id, label: p.name }))} />
            <TextField field={logFields.direct} label={t("timeEntries.direct")} hint={t("timeEntries.minutesHint")} />
            <TextField field={logFields.indirect} label={t("timeEntries.indirect")} hint={t("timeEntries.minutesHint")} />
            <div className="sm:col-span-2">
              <TextField field={logFields.note} label={t("timeEntries.note")} />
            </div>
            <div>
              <Button>{t("timeEntries.save")}</Button>
            </div>
          </Form>
        </Card>
      ) : null}

      <Card title={t("timeEntries.title")}>
        {entries.length === 0 ? <p className="text-sm text-slate-600">{t("timeEntries.none")}</p> : null}
        <table className="w-full text-left text-sm">
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-b border-slate-100">
                <td className="py-1">{formatDate(e.workedOn, lng)}</td>
                <td>{e.memberName}</td>
                <td>{formatMinutes(e.directMinutes)}</td>
                <td className="text-slate-500">{formatMinutes(e.indirectMinutes)}</td>
                <td className="text-slate-500">{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card title={t("trajectories.practitioners")}>
        <ul className="text-sm">
          <li>
            {tr.coordinatorName} <span className="text-slate-500">({t("trajectories.coordinator")})</span>
          </li>
          {additional.map((p) => (
            <li key={p.id} className="flex items-center gap-2">
              {p.name}
              {canManage ? (
                <ConfirmForm confirm={removeText(p.name)}>
                  <input type="hidden" name="intent" value="removePractitioner" />
                  <input type="hidden" name="memberId" value={p.id} />
                  <button className="text-xs text-red-700 underline">{t("trajectories.remove")}</button>
                </ConfirmForm>
              ) : null}
            </li>
          ))}
        </ul>
        {canManage && others.length ? (
          <Form method="post" {...getFormProps(addForm)} className="mt-3 flex items-end gap-2">
            <input type="hidden" name="intent" value="addPractitioner" />
            <SelectField field={addFields.memberId} label={t("trajectories.addPractitioner")} options={others.map((p) => ({ value: p.id, label: p.name }))} />
            <Button>{t("trajectories.add")}</Button>
          </Form>
        ) : null}
      </Card>

      <Card title={t("trajectories.extensions")}>
        {attachErrors ? <FormErrors errors={Object.values(attachErrors).flat()} /> : null}
        <ul className="text-sm">
          {extensions.map((e) => (
            <li key={e.id}>
              {t("trajectories.extensionLine", { number: e.number, on: formatDate(e.grantedOn, lng), to: formatDate(e.newEndsOn, lng), extra: formatMinutes(e.extraVolume) })}{" "}
              <span className="text-slate-500">{e.grantedByReferrer ? t("trajectories.byReferrer") : t("trajectories.byCoordinator")}</span>
              {e.documentFileId ? <span className="ml-1 text-slate-500">· {t("trajectories.documentAttached")}</span> : null}
              {!e.documentFileId && e.needsDocument && mayExtend ? (
                <Form method="post" encType="multipart/form-data" className="mt-1 flex flex-wrap items-center gap-2">
                  <input type="hidden" name="intent" value="attachDocument" />
                  <input type="hidden" name="extensionId" value={e.id} />
                  <input type="file" name="document" aria-label={t("trajectories.document")} accept="application/pdf,image/png,image/jpeg" className="text-xs" />
                  <button className="text-xs text-teal-800 underline">{t("trajectories.attachDocument")}</button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {tr.status === "active" && mayExtend ? (
          <Form method="post" encType="multipart/form-data" {...getFormProps(extForm)} className="mt-3 grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="extend" />
            <input type="hidden" name="version" value={tr.version} />
            <p className="text-sm sm:col-span-2">
              {t("trajectories.nextExtension", { number: nextExtension.number })} {nextExtension.grantor === "referrer" ? t("trajectories.needsReferrer") : t("trajectories.coordinatorMayGrant")}
            </p>
            <div className="sm:col-span-2">
              <FormErrors errors={extForm.errors} />
            </div>
            <DateField field={extFields.grantedOn} label={t("trajectories.grantedOn")} />
            <DateField field={extFields.newEndsOn} label={t("trajectories.newEndsOn")} />
            <TextField field={extFields.extraHours} label={t("trajectories.extraHours")} />
            <div>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="grantedByReferrer" id={extFields.grantedByReferrer.id} />
                {t("trajectories.grantedByReferrer")}
              </label>
              <FieldErrors id={extFields.grantedByReferrer.errorId} errors={extFields.grantedByReferrer.errors} />
            </div>
            <div className="sm:col-span-2">
              <label className="block text-sm font-medium text-slate-800" htmlFor={extFields.document.id}>
                {nextExtension.needsDocument ? t("trajectories.documentNeeded", { document: nextExtension.documentName ?? "" }) : t("trajectories.document")}
              </label>
              <input type="file" name="document" id={extFields.document.id} accept="application/pdf,image/png,image/jpeg" className="mt-1 text-sm" />
              <FieldErrors id={extFields.document.errorId} errors={extFields.document.errors} />
            </div>
            <div>
              <Button>{t("trajectories.grant")}</Button>
            </div>
          </Form>
        ) : null}
        {canManage && warnings.some((w) => w.code === "review_due") ? (
          <Form method="post" {...getFormProps(reviewForm)} className="mt-4 flex items-end gap-2">
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="version" value={tr.version} />
            <DateField field={reviewFields.reviewDoneOn} label={t("trajectories.reviewDoneOn")} />
            <Button>{t("trajectories.recordReview")}</Button>
          </Form>
        ) : null}
      </Card>
    </div>
  );
}

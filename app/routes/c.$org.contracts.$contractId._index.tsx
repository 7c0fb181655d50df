import { getFormProps } from "@conform-to/react";
import { formatDate } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ConfirmForm, ConfirmPanel, pendingField, type ConfirmText, type PendingConfirmation } from "~/components/ui/confirm-action";
import { Form, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ContractFields, contractDefaults } from "~/components/contracts/contract-fields";
import { Button, Card, FieldErrors, FormErrors, Notice, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { readUploadForm } from "~/lib/upload.server";
import { addContact, getContract, removeContact, updateContract } from "~/modules/contracts/contracts.server";
import { addDocument } from "~/modules/contracts/documents.server";
import { uploadFromForm } from "~/modules/files/uploads.server";
import { listReference } from "~/modules/contracts/reference.server";
import { contactSchema, contractDetailsSchema, documentSchema, removeContactSchema } from "~/modules/contracts/schemas";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import type { RootData } from "~/root";

export const handle = access({ loader: "contracts:view", action: "contracts:write" });

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "contracts:view");
  const found = await getContract(ctx, params.contractId ?? "");
  const canWrite = ctx.can("contracts:write");
  return { slug: ctx.org.slug, ...found, canWrite, reference: canWrite ? await listReference(ctx) : null };
});

const SCHEMAS = { details: contractDetailsSchema, addContact: contactSchema, removeContact: removeContactSchema, upload: documentSchema } as const;
type Intent = keyof typeof SCHEMAS;

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  // Who is asking before the body is read: a stranger's upload is never parsed.
  const ctx = await requireMember(request, params.org, "contracts:write");
  const contractId = params.contractId ?? "";
  const { formData, oversized } = await readUploadForm(request, "document", MAX_EVIDENCE_BYTES);
  const raw = String(formData.get("intent") ?? "");
  const intent: Intent = raw in SCHEMAS ? (raw as Intent) : "details";
  const result = await submitForm(formData, SCHEMAS[intent], async (v) => {
    switch (v.intent) {
      case "details":
        await updateContract(ctx, contractId, v);
        return "saved";
      case "addContact":
        await addContact(ctx, contractId, v);
        return "contactAdded";
      case "removeContact":
        await removeContact(ctx, contractId, v.contactId);
        return "contactRemoved";
      case "upload":
        if (oversized) throw new AppError("invalid", "errors.fileTooLarge", "document");
        await addDocument(ctx, contractId, v.title, await uploadFromForm(v.document));
        return "uploaded";
    }
  }, { confirm: (v) => v.intent === "removeContact" });
  if (!result.ok) return result.response;
  return { result: undefined, done: result.value };
});

type ActionData = { result?: Parameters<typeof useSchemaForm>[1]["lastResult"]; done?: string; confirm?: PendingConfirmation } | undefined;
/** Which form a failed reply belongs to: the intent it was submitted with. */
const replyFor = (data: ActionData, intent: string) => {
  const result = data?.result as { initialValue?: { intent?: unknown } } | undefined;
  return result?.initialValue?.intent === intent ? data?.result : undefined;
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2">{children}</dd>
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

/** The contract's overview: every detail, the client, contact persons and documents. */
export default function ContractOverview() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const { contract: c, contacts, documents, canWrite, slug } = data;
  const date = (d: string | null) => (d ? formatDate(d, lng) : "—");
  const removeContactText = (name: string): ConfirmText => ({
    title: t("ui.confirmations.removeContact.title", { name }),
    text: t("ui.confirmations.removeContact.text", { name }),
    yes: t("ui.confirmations.removeContact.yes", { name }),
  });
  const indirect = c.indirectTime === "share" ? t("contracts.indirectShare", { percent: c.indirectSharePercent ?? 0 }) : t(`contracts.indirect.${c.indirectTime}`);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="space-y-4">
        <ConfirmPanel
          pending={actionData?.confirm}
          text={(pending) => {
            const name = contacts.find((p) => p.id === pendingField(pending, "contactId"))?.name;
            return pending.intent === "removeContact" && name ? removeContactText(name) : undefined;
          }}
        />
        {actionData?.done ? <Notice tone="success">{t(`contracts.done.${actionData.done}`)}</Notice> : null}
        <Card title={t("contracts.details")}>
          <dl className="divide-y divide-slate-100 text-sm" data-testid="contract-details">
            <Row label={t("contracts.fields.reference")}>{c.reference ?? "—"}</Row>
            <Row label={t("contracts.fields.clientKind")}>{t(`contracts.clientKinds.${c.clientKind}`)}</Row>
            <Row label={t("contracts.fields.client")}>{data.clientLabel || "—"}</Row>
            {c.clientKind === "region" && data.municipalities.length ? <Row label={t("contracts.fields.municipalities")}>{data.municipalities.map((m) => m.name).join(", ")}</Row> : null}
            <Row label={t("contracts.fields.kind")}>{t(`contracts.kinds.${c.kind}`)}</Row>
            <Row label={t("contracts.fields.lot")}>{c.lot ?? "—"}</Row>
            <Row label={t("contracts.fields.period")}>
              {date(c.startsOn)} – {date(c.endsOn)} ({t(`contracts.status.${c.status}`)})
            </Row>
            <Row label={t("contracts.fields.extensionOptions")}>{c.extensionOptions ?? "—"}</Row>
            <Row label={t("contracts.fields.latestEndOn")}>{date(c.latestEndOn)}</Row>
            <Row label={t("contracts.fields.evaluationDates")}>{c.evaluationDates.length ? c.evaluationDates.map((d) => formatDate(d, lng)).join(", ") : "—"}</Row>
            <Row label={t("contracts.fields.financing")}>{t(`contracts.financing.${c.financing}`)}</Row>
            <Row label={t("contracts.fields.indirectTime")}>{indirect}</Row>
            <Row label={t("contracts.fields.stopsWhenBudgetSpent")}>{c.stopsWhenBudgetSpent ? t("contracts.yes") : t("contracts.no")}</Row>
            <Row label={t("contracts.fields.notes")}>
              <span className="whitespace-pre-line">{c.notes ?? "—"}</span>
            </Row>
          </dl>
        </Card>
        {canWrite && data.reference ? <EditForm data={data} actionData={actionData} /> : null}
      </div>
      <div className="space-y-4">
        <Card title={t("contracts.contacts")}>
          {contacts.length === 0 ? <p className="text-sm text-slate-600">{t("contracts.noContacts")}</p> : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {contacts.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2 py-1" data-testid="contact">
                <span className="font-medium">{p.name}</span>
                {p.role ? <span className="text-slate-500">{p.role}</span> : null}
                {p.email ? (
                  <a href={`mailto:${p.email}`} className="text-teal-800 underline">
                    {p.email}
                  </a>
                ) : null}
                {p.phone ? <span>{p.phone}</span> : null}
                {canWrite ? (
                  <ConfirmForm className="ml-auto" confirm={removeContactText(p.name)}>
                    <input type="hidden" name="contactId" value={p.id} />
                    <Button variant="secondary" size="sm" name="intent" value="removeContact" aria-label={t("contracts.removeContactName", { name: p.name })}>
                      {t("contracts.removeContact")}
                    </Button>
                  </ConfirmForm>
                ) : null}
              </li>
            ))}
          </ul>
          {canWrite ? <ContactForm actionData={actionData} /> : null}
        </Card>
        <Card title={t("contracts.documents")}>
          {documents.length === 0 ? <p className="text-sm text-slate-600">{t("contracts.noDocuments")}</p> : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2 py-1" data-testid="document">
                <a href={`/c/${slug}/contracts/${c.id}/documents/${d.id}`} className="font-medium text-teal-800 underline">
                  {d.title}
                </a>
                <span className="text-slate-500">{d.filename}</span>
                {d.amendmentId ? <span className="text-xs text-slate-500">{t("contracts.amendmentDocument")}</span> : null}
              </li>
            ))}
          </ul>
          {canWrite ? <UploadForm actionData={actionData} /> : null}
        </Card>
      </div>
    </div>
  );
}

function EditForm({ data, actionData }: { data: Loaded; actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(contractDetailsSchema, {
    id: "contract-details",
    lastResult: replyFor(actionData, "details"),
    defaultValue: contractDefaults(data.contract, data.municipalities.map((m) => m.id)) as never,
  });
  // Folded away until wanted; open again when the last attempt came back with errors.
  return (
    <Card>
      <details open={Boolean(replyFor(actionData, "details"))}>
        <summary className="cursor-pointer text-lg font-semibold text-slate-900">{t("contracts.edit")}</summary>
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4" aria-label={t("contracts.edit")}>
          <FormErrors errors={form.errors} />
          <input type="hidden" name="version" value={data.contract.version} />
          <ContractFields fields={fields} reference={data.reference!} />
          <Button name="intent" value="details">
            {t("actions.save")}
          </Button>
        </Form>
      </details>
    </Card>
  );
}

function ContactForm({ actionData }: { actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(contactSchema, { id: "contact", lastResult: replyFor(actionData, "addContact") });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-2 border-t border-slate-100 pt-3" aria-label={t("contracts.addContact")}>
      <FormErrors errors={form.errors} />
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField field={fields.name} label={t("contracts.contact.name")} />
        <TextField field={fields.role} label={t("contracts.contact.role")} />
        <TextField field={fields.email} label={t("contracts.contact.email")} type="email" />
        <TextField field={fields.phone} label={t("contracts.contact.phone")} />
      </div>
      <Button variant="secondary" name="intent" value="addContact">
        {t("contracts.addContact")}
      </Button>
    </Form>
  );
}

function UploadForm({ actionData }: { actionData: ActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(documentSchema, { id: "upload", lastResult: replyFor(actionData, "upload") });
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="mt-3 space-y-2 border-t border-slate-100 pt-3" aria-label={t("contracts.upload")}>
      <FormErrors errors={form.errors} />
      <TextField field={fields.title} label={t("contracts.documentTitle")} />
      <div>
        <label htmlFor={fields.document.id} className="block text-sm font-medium text-slate-800">
          {t("contracts.file")}
        </label>
        <input id={fields.document.id} name={fields.document.name} type="file" accept="application/pdf,image/png,image/jpeg" className="mt-1 block text-sm" aria-describedby={fields.document.errorId} />
        <p className="mt-1 text-xs text-slate-500">{t("contracts.fileHint")}</p>
        <FieldErrors id={fields.document.errorId} errors={fields.document.errors} />
      </div>
      <Button variant="secondary" name="intent" value="upload">
        {t("contracts.upload")}
      </Button>
    </Form>
  );
}

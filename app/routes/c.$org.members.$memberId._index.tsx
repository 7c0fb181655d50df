import { getFormProps, getInputProps } from "@conform-to/react";
import { MEMBER_TYPES, formatDate, formatDateTime, parseDateInput, todayInAmsterdam } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ProfileFields, ProfileView, profileDefaults } from "~/components/members/profile-fields";
import { ConfirmForm, ConfirmPanel, pendingField, type ConfirmText, type PendingConfirmation } from "~/components/ui/confirm-action";
import { DateInput } from "~/components/ui/date-field";
import { Button, Card, FieldErrors, FormErrors, Notice, SelectField, TextField } from "~/components/ui/form";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  addMemberAgb,
  admitMember,
  getMember,
  inviteMember,
  listProblemAreas,
  recordResignation,
  removeMemberAgb,
  setPracticeLink,
  setSuspended,
  updateMember,
} from "~/modules/members/members.server";
import { listPractices } from "~/modules/members/practices.server";
import { memberActionSchema, memberDetailsSchema } from "~/modules/members/schemas";
import type { RootData } from "~/root";
import { ScrollArea } from "~/components/shell/scroll-area";

export const handle = access({ loader: "members:view", action: "members:write" });

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:view");
  const member = await getMember(ctx, params.memberId ?? "");
  const canWrite = ctx.can("members:write");
  const [problemAreas, practices] = canWrite ? await Promise.all([listProblemAreas(ctx), listPractices(ctx)]) : [[], []];
  return { slug: ctx.org.slug, member, canWrite, problemAreas, practices, today: todayInAmsterdam() };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:write");
  const id = params.memberId ?? "";
  const result = await submitForm(await request.formData(), memberActionSchema, async (v) => {
    switch (v.intent) {
      case "details":
        await updateMember(ctx, id, v);
        return { done: "saved" };
      case "admit":
        await admitMember(ctx, id, v);
        return { done: "admitted" };
      case "resign":
        await recordResignation(ctx, id, v);
        return { done: "resigned" };
      case "suspend":
      case "reinstate":
        await setSuspended(ctx, id, v);
        return { done: v.intent === "suspend" ? "suspended" : "reinstated" };
      case "invite":
        await inviteMember(ctx, id);
        return { done: "invited" };
      case "addAgb": {
        const { warning } = await addMemberAgb(ctx, id, v.code);
        return { done: "agbAdded", warning };
      }
      case "removeAgb":
        await removeMemberAgb(ctx, id, v.agbId);
        return { done: "agbRemoved" };
      case "linkPractice":
      case "unlinkPractice":
        await setPracticeLink(ctx, id, v);
        return { done: v.intent === "linkPractice" ? "practiceLinked" : "practiceUnlinked" };
    }
  }, { confirm: (v) => DESTRUCTIVE.has(v.intent) });
  if (!result.ok) return result.response;
  // A redirect, so a reload does not post again; "saved" comes as a toast. Adding an AGB
  // code stays on the answer: its warning belongs beside the field.
  if (result.value.done !== "agbAdded") return redirectWithToast(new URL(request.url).pathname, `members.done.${result.value.done}`);
  return { result: undefined, ...result.value };
});

/** Intents that ask first (decision 021); reinstating and linking do not take anything away. */
const DESTRUCTIVE = new Set(["suspend", "resign", "removeAgb", "unlinkPractice"]);

type ActionData = { result?: Parameters<typeof useSchemaForm>[1]["lastResult"]; done?: string; warning?: string | null; confirm?: PendingConfirmation } | undefined;
/** Which form a failed reply belongs to: the intent it was submitted with. */
const replyFor = (data: ActionData, intent: string) => {
  const result = data?.result as { initialValue?: { intent?: unknown } } | undefined;
  return result?.initialValue?.intent === intent ? data?.result : undefined;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return <Card title={title}>{children}</Card>;
}

export default function MemberDetails() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, member, canWrite, problemAreas, practices, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData;
  const { profile, admin } = member;
  const problemAreaNames = profile.problemAreas.map((p) => p.name);
  if (!admin || !canWrite) {
    return (
      <div className="max-w-3xl space-y-4">
        <Section title={t("profile.title")}>
          <ProfileView profile={{ ...profile, problemAreaIds: [], problemAreaNames }} />
        </Section>
        <Section title={t("practices.title")}>
          <PracticeList practices={profile.practices} slug={slug} />
        </Section>
      </div>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="space-y-4">
        <ConfirmPanel pending={data?.confirm} text={(pending) => confirmText(t, member, pending.intent, pending, lng)} />
        {data?.done ? <Notice tone="success">{t(`members.done.${data.done}`)}</Notice> : null}
        {admin.agbCodes.some((c) => c.warning) ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status" data-testid="agb-warning">
            {t("agb.warning.notArtsTherapyCode")}
          </div>
        ) : null}
        <StatusCard lng={lng} today={today} member={member} data={data} />
        <DetailsForm member={member} problemAreas={problemAreas} data={data} />
      </div>
      <div className="space-y-4">
        <AgbCard member={member} data={data} />
        <Section title={t("practices.title")}>
          <PracticeList practices={profile.practices} slug={slug} unlink={(practiceId) => confirmText(t, member, "unlinkPractice", { intent: "unlinkPractice", fields: [["practiceId", practiceId]] })} />
          <LinkPracticeForm options={practices.filter((p) => !profile.practices.some((l) => l.id === p.id))} data={data} />
          <p className="mt-3 text-sm">
            <Link to={`/c/${slug}/practices?member=${profile.id}`} className="text-teal-800 underline">
              {t("practices.new")}
            </Link>
          </p>
        </Section>
        <Section title={t("members.history")}>
          <ScrollArea label={t("members.history")}>
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">{t("members.status")}</th>
                <th>{t("members.effectiveOn")}</th>
                <th>{t("members.reason")}</th>
                <th>{t("members.recordedBy")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {admin.history.map((h, i) => (
                <tr key={i}>
                  <td className="py-1">{t(`memberStatus.${h.status}`)}</td>
                  <td>{formatDate(h.effectiveOn, lng)}</td>
                  <td>{h.reason ?? ""}</td>
                  <td>
                    {h.by ?? ""} <span className="text-xs text-slate-500">{formatDateTime(new Date(h.recordedAt), lng)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </ScrollArea>
        </Section>
      </div>
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Member = Loaded["member"];
type T = ReturnType<typeof useTranslation>["t"];

/** The question for each destructive intent, naming who and what; with `pending`, for the no-JS page. */
function confirmText(t: T, member: Member, intent: string, pending?: PendingConfirmation, lng: "nl" | "en" = "nl"): ConfirmText | undefined {
  const name = member.profile.name;
  const words = (key: string, params: Record<string, string>) => ({
    title: t(`ui.confirmations.${key}.title`, params),
    text: t(`ui.confirmations.${key}.text`, params),
    yes: t(`ui.confirmations.${key}.yes`, params),
  });
  switch (intent) {
    case "suspend":
      return words("suspend", { name });
    case "resign": {
      const date = pending ? (pendingField(pending, "requestedOn") ?? "") : "";
      const iso = parseDateInput(date);
      return words("resign", { name, date: iso ? formatDate(iso, lng) : date });
    }
    case "removeAgb": {
      const code = member.admin?.agbCodes.find((c) => c.id === (pending ? pendingField(pending, "agbId") : undefined))?.code ?? "";
      return words("removeAgb", { name, code });
    }
    case "unlinkPractice": {
      const practice = member.profile.practices.find((p) => p.id === (pending ? pendingField(pending, "practiceId") : undefined))?.name ?? "";
      return words("unlinkPractice", { name, practice });
    }
  }
  return undefined;
}

function PracticeList({ practices, slug, unlink }: { practices: { id: string; name: string; city: string | null }[]; slug: string; unlink?: (practiceId: string) => ConfirmText | undefined }) {
  const { t } = useTranslation();
  if (!practices.length) return <p className="text-sm text-slate-600">{t("practices.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {practices.map((p) => (
        <li key={p.id} className="flex items-center gap-2 py-1">
          <Link to={`/c/${slug}/practices/${p.id}`} className="text-teal-800 underline">
            {p.name}
          </Link>
          {p.city ? <span className="text-slate-500">{p.city}</span> : null}
          {unlink ? (
            <ConfirmForm className="ml-auto" confirm={unlink(p.id) ?? { title: "", text: "", yes: "" }}>
              <input type="hidden" name="practiceId" value={p.id} />
              <Button variant="secondary" size="sm" name="intent" value="unlinkPractice" aria-label={t("practices.unlinkName", { name: p.name })}>
                {t("practices.unlink")}
              </Button>
            </ConfirmForm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function LinkPracticeForm({ options, data }: { options: { id: string; name: string }[]; data: ActionData }) {
  const { t } = useTranslation();
  if (!options.length) return null;
  const errors = (replyFor(data, "linkPractice") as { error?: Record<string, string[]> } | undefined)?.error;
  return (
    <Form method="post" className="mt-3 flex items-end gap-2">
      <div className="flex-1">
        <label htmlFor="link-practice" className="block text-sm font-medium text-slate-800">
          {t("practices.link")}
        </label>
        <select id="link-practice" name="practiceId" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <FieldErrors id="link-practice-error" errors={errors?.practiceId} />
      </div>
      <Button variant="secondary" name="intent" value="linkPractice">
        {t("practices.linkButton")}
      </Button>
    </Form>
  );
}

function StatusCard({ member, data, today, lng }: { member: Member; data: ActionData; today: string; lng: "nl" | "en" }) {
  const { t } = useTranslation();
  const { profile, admin } = member;
  if (!admin) return null;
  const errorsOf = (intent: string) => (replyFor(data, intent) as { error?: Record<string, string[]> } | undefined)?.error ?? {};
  const formErrors = (intent: string) => errorsOf(intent)[""];
  return (
    <Card title={t("members.membership")}>
      <dl className="mb-4 grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">{t("fields.email")}</dt>
        <dd>{admin.email ?? "—"}</dd>
        <dt className="text-slate-500">{t("members.phone")}</dt>
        <dd>{admin.phone ?? "—"}</dd>
        <dt className="text-slate-500">{t("members.account")}</dt>
        <dd>{admin.hasAccount ? t("members.hasAccount") : t("members.noAccount")}</dd>
        <dt className="text-slate-500">{t("members.joinedOn")}</dt>
        <dd>{admin.joinedOn ? formatDate(admin.joinedOn, lng) : "—"}</dd>
        {admin.resignationRequestedOn ? (
          <>
            <dt className="text-slate-500">{t("members.resignationRequestedOn")}</dt>
            <dd>
              {formatDate(admin.resignationRequestedOn, lng)}
              {admin.leaveReason ? ` (${admin.leaveReason})` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      <div className="space-y-4">
        {!admin.hasAccount && admin.email ? (
          <Form method="post">
            <FormErrors errors={formErrors("invite")} />
            <p className="mb-2 text-sm text-slate-600">{t("members.inviteIntro")}</p>
            <Button variant="secondary" name="intent" value="invite">
              {t("members.invite")}
            </Button>
          </Form>
        ) : null}
        {profile.status === "prospective" ? (
          <Form method="post" className="flex items-end gap-2">
            <input type="hidden" name="version" value={profile.version} />
            <div>
              <label htmlFor="joinedOn" className="block text-sm font-medium text-slate-800">
                {t("members.admitOn")}
              </label>
              <DateInput id="joinedOn" name="joinedOn" defaultValue={today} required label={t("members.admitOn")} invalid={Boolean(errorsOf("admit").joinedOn)} describedBy="joinedOn-error" />
              <FieldErrors id="joinedOn-error" errors={errorsOf("admit").joinedOn} />
            </div>
            <Button name="intent" value="admit">
              {t("members.admit")}
            </Button>
            <FormErrors errors={formErrors("admit")} />
          </Form>
        ) : null}
        {profile.status === "member" || profile.status === "suspended" ? (
          (() => {
            const inner = (
              <>
                <input type="hidden" name="version" value={profile.version} />
                <div>
                  <label htmlFor="suspend-reason" className="block text-sm font-medium text-slate-800">
                    {t("members.reason")}
                  </label>
                  <input id="suspend-reason" name="reason" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
                </div>
                <FormErrors errors={formErrors(profile.status === "member" ? "suspend" : "reinstate")} />
                <Button variant="secondary" name="intent" value={profile.status === "member" ? "suspend" : "reinstate"}>
                  {profile.status === "member" ? t("members.suspend") : t("members.reinstate")}
                </Button>
              </>
            );
            // Suspending takes something away and asks first; reinstating gives it back.
            return profile.status === "member" ? (
              <ConfirmForm className="space-y-2" confirm={confirmText(t, member, "suspend") ?? { title: "", text: "", yes: "" }}>
                {inner}
              </ConfirmForm>
            ) : (
              <Form method="post" className="space-y-2">
                {inner}
              </Form>
            );
          })()
        ) : null}
        {profile.status !== "left" ? (
          <ConfirmForm
            className="space-y-2 border-t border-slate-100 pt-3"
            confirm={(form) => confirmText(t, member, "resign", { intent: "resign", fields: [["requestedOn", String(form.get("requestedOn") ?? "")]] }, lng) ?? { title: "", text: "", yes: "" }}
          >
            <input type="hidden" name="version" value={profile.version} />
            <p className="text-sm text-slate-600">{t("members.resignIntro")}</p>
            <div className="grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor="requestedOn" className="block text-sm font-medium text-slate-800">
                  {t("members.requestedOn")}
                </label>
                <DateInput id="requestedOn" name="requestedOn" defaultValue={today} required label={t("members.requestedOn")} invalid={Boolean(errorsOf("resign").requestedOn)} describedBy="requestedOn-error" />
                <FieldErrors id="requestedOn-error" errors={errorsOf("resign").requestedOn} />
              </div>
              <div>
                <label htmlFor="resign-reason" className="block text-sm font-medium text-slate-800">
                  {t("members.reason")}
                </label>
                <input id="resign-reason" name="reason" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
              </div>
            </div>
            <FormErrors errors={formErrors("resign")} />
            <Button variant="danger" name="intent" value="resign">
              {t("members.resign")}
            </Button>
          </ConfirmForm>
        ) : null}
      </div>
    </Card>
  );
}

function DetailsForm({ member, problemAreas, data }: { member: Member; problemAreas: { id: string; name: string }[]; data: ActionData }) {
  const { t } = useTranslation();
  const { profile, admin } = member;
  const [form, fields] = useSchemaForm(memberDetailsSchema, {
    id: `details-${profile.version}`,
    lastResult: replyFor(data, "details"),
    defaultValue: { ...profileDefaults(profile), name: profile.name, email: admin?.email ?? "", phone: admin?.phone ?? "", type: profile.type, intent: "details" },
  });
  return (
    <Card title={t("members.details")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="details" />
        <input {...getInputProps(fields.version, { type: "hidden" })} key={fields.version.key} />
        <TextField field={fields.name} label={t("fields.name")} />
        <TextField field={fields.email} label={t("fields.email")} type="email" />
        <TextField field={fields.phone} label={t("members.phone")} />
        <SelectField field={fields.type} label={t("members.type")} options={MEMBER_TYPES.map((m) => ({ value: m, label: t(`memberTypes.${m}`) }))} />
        <ProfileFields fields={fields} profile={{ ...profile, problemAreaIds: profile.problemAreas.map((p) => p.id) }} problemAreas={problemAreas} />
        <Button>{t("actions.save")}</Button>
      </Form>
    </Card>
  );
}

function AgbCard({ member, data }: { member: Member; data: ActionData }) {
  const { t } = useTranslation();
  const admin = member.admin;
  if (!admin) return null;
  const reply = replyFor(data, "addAgb") as { error?: Record<string, string[]> } | undefined;
  return (
    <Card title={t("agb.personal")}>
      {admin.agbCodes.length ? (
        <ul className="mb-3 divide-y divide-slate-100 text-sm">
          {admin.agbCodes.map((c) => (
            <li key={c.id} className="flex items-center gap-2 py-1" data-testid={`agb-${c.code}`}>
              <span className="font-mono">{c.code}</span>
              <span className="text-slate-500">{t("agb.providerType", { type: c.providerType })}</span>
              {c.warning ? <span className="text-amber-800">{t(`agb.warning.${c.warning}`)}</span> : null}
              <ConfirmForm className="ml-auto" confirm={confirmText(t, member, "removeAgb", { intent: "removeAgb", fields: [["agbId", c.id]] }) ?? { title: "", text: "", yes: "" }}>
                <input type="hidden" name="agbId" value={c.id} />
                <Button variant="danger" size="sm" name="intent" value="removeAgb" aria-label={t("agb.removeCode", { code: c.code })}>
                  {t("agb.remove")}
                </Button>
              </ConfirmForm>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-600">{t("agb.none")}</p>
      )}
      <Form method="post" className="flex items-start gap-2">
        <div className="flex-1">
          <label htmlFor="agb-code" className="block text-sm font-medium text-slate-800">
            {t("agb.code")}
          </label>
          <input id="agb-code" name="code" inputMode="numeric" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={reply?.error?.code ? true : undefined} aria-describedby="agb-code-error agb-code-warning" />
          <FieldErrors id="agb-code-error" errors={reply?.error?.code} />
          {data?.done === "agbAdded" && data.warning ? (
            <p id="agb-code-warning" className="mt-1 text-sm text-amber-800" role="status">
              {t(`agb.warning.${data.warning}`)}
            </p>
          ) : null}
        </div>
        <Button variant="secondary" name="intent" value="addAgb" className="mt-6">
          {t("agb.add")}
        </Button>
      </Form>
    </Card>
  );
}

import { formatDate, seesWholeRecords } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmForm, ConfirmPanel, pendingField, type ConfirmText, type PendingConfirmation } from "~/components/ui/confirm-action";
import { ActionMenu } from "~/components/ui/dropdown-menu";
import { Button, Card, FormErrors, Notice } from "~/components/ui/form";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { invitationActionSchema } from "~/modules/people/schemas";
import { listOpenInvitations, listPeople, resendInvitation, revokeInvitation } from "~/modules/people/people.server";
import type { RootData } from "~/root";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { ScrollArea } from "~/components/shell/scroll-area";

export const handle = { ...access({ loader: "people:view", action: "people:invite" }), ...page({ title: "shell.nav.people" }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "people:view");
  const canInvite = ctx.can("people:invite");
  const [people, invitations] = await Promise.all([listPeople(ctx), canInvite ? listOpenInvitations(ctx) : Promise.resolve([])]);
  return {
    slug: ctx.org.slug,
    me: ctx.membershipId,
    myRole: ctx.role,
    canManage: ctx.can("people:manage"),
    canInvite,
    // Email and since are present only for those who may see them (listPeople applies decision 017).
    seesContact: seesWholeRecords(ctx.role),
    people: people.map(({ since, ...p }): typeof p & { since?: string } => (since ? { ...p, since: since.toISOString() } : p)),
    invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString(), expired: i.expiresAt <= new Date() })),
  };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const formData = await request.formData();
  // The list answers for invitations only; a person's role and removal are on their own page.
  const ctx = await requireMember(request, params.org, "people:invite");
  const result = await submitForm(
    formData,
    invitationActionSchema,
    async (v) => {
      if (v.intent === "resend") {
        await resendInvitation(ctx, v.invitationId);
        return "resent";
      }
      await revokeInvitation(ctx, v.invitationId);
      return "revoked";
    },
    { confirm: (v) => v.intent === "revoke" },
  );
  if (!result.ok) return result.response;
  return { result: undefined, done: result.value };
});

const pendingOf = (data: unknown) => (data as { confirm?: PendingConfirmation } | undefined)?.confirm;

/** The no-JS confirmation page's words for revoking an invitation. */
function confirmText(t: ReturnType<typeof useTranslation>["t"], pending: PendingConfirmation, invitations: { id: string; email: string }[]): ConfirmText | undefined {
  const words = (key: string, params: Record<string, string>) => ({ title: t(`ui.confirmations.${key}.title`, params), text: t(`ui.confirmations.${key}.text`, params), yes: t(`ui.confirmations.${key}.yes`, params) });
  if (pending.intent === "revoke") {
    const email = invitations.find((i) => i.id === pendingField(pending, "invitationId"))?.email;
    return email ? words("revoke", { email }) : undefined;
  }
  return undefined;
}

export default function People() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, me, canManage, canInvite, seesContact, people, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const invited = params.get("invited");
  const errors = actionData?.result?.error ? Object.values(actionData.result.error).flat().filter((e): e is string => typeof e === "string") : undefined;
  return (
    <div className="space-y-6">
      {invited && !actionData ? <Notice tone="success">{t("people.invited", { email: invited })}</Notice> : null}
      {actionData && "done" in actionData && actionData.done ? <Notice tone="success">{t(`people.done.${actionData.done}`)}</Notice> : null}
      <ConfirmPanel pending={pendingOf(actionData)} text={(pending) => confirmText(t, pending, invitations)} />
      <FormErrors errors={errors} />
      <Card
        title={
          <span className="flex items-center justify-between">
            {t("people.title")}
            <span className="flex gap-3 text-sm font-normal">
              <a href={`/c/${slug}/people.csv`} className="text-teal-800 underline" download>
                {t("actions.exportCsv")}
              </a>
              {canInvite ? (
                <Link to="invite" className="text-teal-800 underline">
                  {t("people.invite")}
                </Link>
              ) : null}
            </span>
          </span>
        }
      >
        <ScrollArea label={t("shell.nav.people")}>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2">{t("fields.name")}</th>
              {seesContact ? <th>{t("fields.email")}</th> : null}
              <th>{t("fields.role")}</th>
              {seesContact ? <th>{t("people.since")}</th> : null}
              {canManage ? <th className="sr-only">{t("people.actions")}</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {people.map((p) => (
              <tr key={p.id} data-testid={`person-${p.email ?? p.id}`}>
                <td className="py-2 font-medium">
                  {p.name} {p.id === me ? <span className="text-slate-500">({t("people.you")})</span> : null}
                </td>
                {seesContact ? <td>{p.email}</td> : null}
                <td>{t(`roles.${p.role}`)}</td>
                {seesContact ? <td>{p.since ? formatDate(p.since, lng) : null}</td> : null}
                {canManage ? (
                  <td className="py-2 text-right">
                    <ActionMenu
                      label={t("ui.menu.actionsFor", { name: p.name })}
                      buttonText={t("people.actions")}
                      items={[
                        { label: t("ui.people.changeRole"), to: `/c/${slug}/people/${p.id}` },
                        { label: t("people.remove"), to: `/c/${slug}/people/${p.id}#remove`, danger: true },
                      ]}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollArea>
      </Card>
      {canInvite ? (
        <Card title={t("people.openInvitations")}>
          {invitations.length === 0 ? (
            <p className="text-sm text-slate-600">{t("people.noInvitations")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-3 py-2" data-testid={`invitation-${i.email}`}>
                  <span className="font-medium">{i.email}</span>
                  <span>{t(`roles.${i.role}`)}</span>
                  <span className={i.expired ? "text-red-700" : "text-slate-500"}>
                    {i.expired ? t("people.expired") : t("people.validUntil", { date: formatDate(i.expiresAt, lng) })}
                  </span>
                  <span className="ml-auto flex gap-2">
                    <Form method="post">
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="secondary" name="intent" value="resend" size="sm" aria-label={t("people.resendTo", { email: i.email })}>
                        {t("people.resend")}
                      </Button>
                    </Form>
                    <ConfirmForm
                      confirm={{
                        title: t("ui.confirmations.revoke.title", { email: i.email }),
                        text: t("ui.confirmations.revoke.text", { email: i.email }),
                        yes: t("ui.confirmations.revoke.yes", { email: i.email }),
                      }}
                    >
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="danger" name="intent" value="revoke" size="sm" aria-label={t("people.revokeFor", { email: i.email })}>
                        {t("people.revoke")}
                      </Button>
                    </ConfirmForm>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}

import { ROLES, canAssignRole, formatDate, seesWholeRecords } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card, FormErrors, Notice } from "~/components/ui/form";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { peopleActionSchema } from "~/modules/people/schemas";
import { changeRole, listOpenInvitations, listPeople, removePerson, resendInvitation, revokeInvitation } from "~/modules/people/people.server";
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
  const intent = formData.get("intent");
  // Invitations need people:invite; roles and removal need people:manage.
  const ctx = await requireMember(request, params.org, intent === "resend" || intent === "revoke" ? "people:invite" : "people:manage");
  const result = await submitForm(formData, peopleActionSchema, async (v) => {
    switch (v.intent) {
      case "changeRole":
        await changeRole(ctx, v);
        return "roleChanged";
      case "remove":
        await removePerson(ctx, v);
        return "removed";
      case "resend":
        await resendInvitation(ctx, v.invitationId);
        return "resent";
      case "revoke":
        await revokeInvitation(ctx, v.invitationId);
        return "revoked";
    }
  });
  if (!result.ok) return result.response;
  return { result: undefined, done: result.value };
});

export default function People() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, me, myRole, canManage, canInvite, seesContact, people, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const invited = params.get("invited");
  const errors = actionData?.result?.error ? Object.values(actionData.result.error).flat().filter((e): e is string => typeof e === "string") : undefined;
  const assignable = ROLES.filter((r) => canAssignRole(myRole, r));
  return (
    <div className="space-y-6">
      {invited && !actionData ? <Notice tone="success">{t("people.invited", { email: invited })}</Notice> : null}
      {actionData && "done" in actionData && actionData.done ? <Notice tone="success">{t(`people.done.${actionData.done}`)}</Notice> : null}
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
                <td>
                  {canManage ? (
                    <Form method="post" className="flex items-center gap-2">
                      <input type="hidden" name="intent" value="changeRole" />
                      <input type="hidden" name="membershipId" value={p.id} />
                      <input type="hidden" name="version" value={p.version} />
                      <label className="sr-only" htmlFor={`role-${p.id}`}>
                        {t("people.roleOf", { name: p.name })}
                      </label>
                      <select id={`role-${p.id}`} name="role" defaultValue={p.role} className="rounded border border-slate-300 bg-white px-2 py-1">
                        {assignable.map((r) => (
                          <option key={r} value={r}>
                            {t(`roles.${r}`)}
                          </option>
                        ))}
                      </select>
                      <Button variant="secondary" size="sm" aria-label={t("people.saveRoleOf", { name: p.name })}>
                        {t("actions.save")}
                      </Button>
                    </Form>
                  ) : (
                    t(`roles.${p.role}`)
                  )}
                </td>
                {seesContact ? <td>{p.since ? formatDate(p.since, lng) : null}</td> : null}
                {canManage ? (
                  <td className="text-right">
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        // Without JavaScript the form submits at once; with it, a person confirms first.
                        if (!window.confirm(t("people.confirmRemove", { name: p.name }))) event.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="membershipId" value={p.id} />
                      <input type="hidden" name="version" value={p.version} />
                      <Button variant="danger" size="sm" aria-label={t("people.removeName", { name: p.name })}>
                        {t("people.remove")}
                      </Button>
                    </Form>
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
                    <Form method="post">
                      <input type="hidden" name="invitationId" value={i.id} />
                      <Button variant="danger" name="intent" value="revoke" size="sm" aria-label={t("people.revokeFor", { email: i.email })}>
                        {t("people.revoke")}
                      </Button>
                    </Form>
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

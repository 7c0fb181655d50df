import { ROLES, canAssignRole, formatDate } from "@koepel/rules";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ConfirmForm,
  ConfirmPanel,
  type ConfirmText,
  type PendingConfirmation,
} from "~/components/ui/confirm-action";
import { Button, Card, FieldErrors, FormErrors } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { AppError } from "~/lib/errors";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { redirectWithToast } from "~/lib/toast.server";
import {
  changeRole,
  listPeople,
  removePerson,
} from "~/modules/people/people.server";
import { personActionSchema } from "~/modules/people/schemas";
import type { RootData } from "~/root";

// One person's role and removal, reached from the action menu of the people list, so
// the list shows one menu per row instead of a role picker, a save button and a
// remove button for everyone at once. Works without JavaScript: the menu items are
// links here, and removing asks on this page (decision 021).

export const handle = {
  ...access({ loader: "people:manage", action: "people:manage" }),
  ...page<typeof loader>({ title: (d) => d.person.name, parent: { to: "people", label: "shell.nav.people" } }),
};

export const loader = handler(
  async ({ request, params }: LoaderFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "people:manage");
    const person = (await listPeople(ctx)).find(
      (p) => p.id === params.membershipId
    );
    if (!person) throw new AppError("not_found");
    return {
      slug: ctx.org.slug,
      isMe: person.id === ctx.membershipId,
      assignable: ROLES.filter((r) => canAssignRole(ctx.role, r)),
      person: {
        id: person.id,
        name: person.name,
        email: person.email ?? null,
        role: person.role,
        version: person.version,
        since: person.since ? person.since.toISOString() : null,
      },
    };
  }
);

export const action = handler(
  async ({ request, params }: ActionFunctionArgs) => {
    const ctx = await requireMember(request, params.org, "people:manage");
    const formData = await request.formData();
    // The person is the one in the URL, whatever the form says.
    formData.set("membershipId", params.membershipId ?? "");
    const result = await submitForm(
      formData,
      personActionSchema,
      async (v) => {
        if (v.intent === "changeRole") await changeRole(ctx, v);
        else await removePerson(ctx, v);
        return v.intent === "changeRole" ? "roleChanged" : "removed";
      },
      { confirm: (v) => v.intent === "remove" }
    );
    if (!result.ok) return result.response;
    return redirectWithToast(
      `/c/${ctx.org.slug}/people`,
      `people.done.${result.value}`
    );
  }
);

type ActionData =
  | {
      result?: {
        initialValue?: { intent?: unknown };
        error?: Record<string, string[] | null>;
      };
      confirm?: PendingConfirmation;
    }
  | undefined;

export default function Person() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, isMe, assignable, person } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData;
  const failed = (intent: string) =>
    data?.result?.initialValue?.intent === intent
      ? data.result.error
      : undefined;
  const roleErrors = failed("changeRole");
  const removeErrors = failed("remove");
  const removeText: ConfirmText = {
    title: t("ui.confirmations.removePerson.title", { name: person.name }),
    text: t("ui.confirmations.removePerson.text", { name: person.name }),
    yes: t("ui.confirmations.removePerson.yes", { name: person.name }),
  };
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to={`/c/${slug}/people`} className="text-teal-800 underline">
          {t("ui.people.back")}
        </Link>
      </p>
      <ConfirmPanel
        pending={data?.confirm}
        text={(pending) =>
          pending.intent === "remove" ? removeText : undefined
        }
      />
      <Card>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
          {person.email ? (
            <>
              <dt className="text-slate-500">{t("fields.email")}</dt>
              <dd className="break-all">{person.email}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">{t("fields.role")}</dt>
          <dd>{t(`roles.${person.role}`)}</dd>
          {person.since ? (
            <>
              <dt className="text-slate-500">{t("people.since")}</dt>
              <dd>{formatDate(person.since, lng)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={t("ui.people.changeRole")}>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="changeRole" />
          <input type="hidden" name="version" value={person.version} />
          <div>
            <label
              htmlFor="role"
              className="block text-sm font-medium text-slate-800"
            >
              {t("people.roleOf", { name: person.name })}
            </label>
            <select
              id="role"
              name="role"
              defaultValue={person.role}
              className="mt-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              aria-invalid={roleErrors?.role ? true : undefined}
              aria-describedby={roleErrors?.role ? "role-error" : undefined}
            >
              {/* The current role stays a choice even when this role may not hand it out. */}
              {(assignable.includes(person.role)
                ? assignable
                : [person.role, ...assignable]
              ).map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <Button aria-label={t("people.saveRoleOf", { name: person.name })}>
            {t("actions.save")}
          </Button>
          <div className="basis-full">
            <FieldErrors
              id="role-error"
              errors={roleErrors?.role ?? undefined}
            />
            <FormErrors errors={roleErrors?.[""] ?? undefined} />
          </div>
        </Form>
      </Card>
      <div id="remove">
        <Card title={t("ui.people.removeTitle")}>
          <p className="mb-3 text-sm text-slate-700">
            {isMe
              ? t("ui.people.removeSelf")
              : t("ui.people.removeIntro", { name: person.name })}
          </p>
          <FormErrors
            errors={
              removeErrors
                ? Object.values(removeErrors)
                    .flat()
                    .filter((e): e is string => typeof e === "string")
                : undefined
            }
          />
          <ConfirmForm confirm={removeText}>
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="version" value={person.version} />
            <Button
              variant="danger"
              aria-label={t("people.removeName", { name: person.name })}
            >
              {t("people.remove")}
            </Button>
          </ConfirmForm>
        </Card>
      </div>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RegistrationTable, StateBadge, VerdictForms } from "~/components/registrations";
import { Card, Notice } from "~/components/ui/form";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";
import { requireMember } from "~/lib/guard.server";
import { handler, submitForm } from "~/lib/route.server";
import { getMemberRegistrations, rejectRegistration, verifyRegistration } from "~/modules/registrations/registrations.server";
import { verificationSchema } from "~/modules/registrations/schemas";
import type { RootData } from "~/root";

// A member's registrations on their page: the board and office staff see them (members:records, the
// field-visibility rule of decision 017); peers do not, and a member keeps their own at /me/registrations.
// Verify and reject need credentials:verify.
export const handle = { ...access({ loader: "members:records", action: "credentials:verify" }), ...page({ title: "nav.registrations", tab: true }) };

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "members:records");
  const found = await getMemberRegistrations(ctx, params.memberId ?? "");
  return { slug: ctx.org.slug, canVerify: ctx.can("credentials:verify"), ...found };
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "credentials:verify");
  const memberId = params.memberId ?? "";
  const formData = await request.formData();
  // Only this member's registrations can be decided here: another id is a 404.
  const result = await submitForm(formData, verificationSchema, (v) => (v.intent === "verify" ? verifyRegistration(ctx, v, memberId) : rejectRegistration(ctx, v, memberId)));
  if (!result.ok) return data({ ...result.response.data, registrationId: String(formData.get("registrationId") ?? "") }, result.response.init ?? undefined);
  throw redirect(`/c/${ctx.org.slug}/members/${memberId}/registrations?done=${result.value.verification}`);
});

export default function MemberRegistrations() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { slug, canVerify, member, types, registrations, state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-4">
      {done ? <Notice tone="success">{t(`registrations.done.${done}`)}</Notice> : null}
      <Card title={t("registrations.of", { name: member.name })}>
        <p className="mb-3 text-sm">
          {t("registrations.overall")}: <StateBadge state={state} />
        </p>
        <RegistrationTable
          regs={canVerify ? registrations : registrations.map((r) => ({ ...r, hasEvidence: false }))}
          types={types}
          lng={lng}
          slug={slug}
          actions={canVerify ? (r) => (r.verification === "pending" ? <VerdictForms reg={r} lastResult={actionData?.registrationId === r.id ? actionData.result : null} /> : null) : undefined}
        />
      </Card>
    </div>
  );
}

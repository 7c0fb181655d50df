import { onboardingState, type OnboardingStep } from "@koepel/rules";
import { eq, sql } from "drizzle-orm";
import { organizations } from "~db/schema";
import type { Tx } from "~db/client";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { audit } from "~/modules/audit/audit.server";

export const ONBOARDING_DISMISSED = "organization.onboarding_dismissed";

/** Where each step is done: the page with the first action of that step. */
const HREF: Record<OnboardingStep, (slug: string) => string> = {
  inviteBoard: (slug) => `/c/${slug}/people/invite`,
  importMembers: (slug) => `/c/${slug}/members/import`,
  registrationTypes: (slug) => `/c/${slug}/registrations/types`,
  addContract: (slug) => `/c/${slug}/contracts/new`,
};

export type OnboardingChecklistData = {
  slug: string;
  done: number;
  steps: { step: OnboardingStep; done: boolean; href: string }[];
};

/**
 * The new cooperative's checklist for its board, or null when it is not to be shown
 * (not the board, every step done, or put away). Each tick is read from the data in
 * one statement; the only thing stored for it is the dismissal, and that is the
 * audit row of the board putting it away, not a flag of its own.
 */
export async function onboardingChecklist(ctx: MemberContext): Promise<OnboardingChecklistData | null> {
  if (!ctx.can("org:settings")) return null;
  return withTenant(ctx.org.id, (tx) => onboardingChecklistIn(tx, ctx));
}

/** The same, inside a transaction the caller already holds (Vandaag reads it beside its items: one statement, not four). */
export async function onboardingChecklistIn(tx: Tx, ctx: MemberContext): Promise<OnboardingChecklistData | null> {
  if (!ctx.can("org:settings")) return null;
  const org = ctx.org.id;
  const count = (q: ReturnType<typeof sql>) => sql<number>`(${q})`.mapWith(Number);
  const board = sql`('chair', 'secretary', 'treasurer', 'board_member')`;
  const facts = await (async () => {
    const [r] = await tx
      .select({
        boardPeople: count(sql`select (select count(*) from memberships where organization_id = ${org} and role in ${board})
          + (select count(*) from invitations where organization_id = ${org} and role in ${board} and accepted_at is null and revoked_at is null and expires_at > now())`),
        members: count(sql`select count(*) from members where organization_id = ${org}`),
        finishedImports: count(sql`select count(*) from member_imports where organization_id = ${org} and status = 'done'`),
        registrationTypeChanges: count(sql`select count(*) from audit_log where organization_id = ${org} and action in ('registration_type.created', 'registration_type.updated')`),
        contracts: count(sql`select count(*) from contracts where organization_id = ${org}`),
        dismissals: count(sql`select count(*) from audit_log where organization_id = ${org} and action = ${ONBOARDING_DISMISSED}`),
      })
      .from(organizations)
      .where(eq(organizations.id, org));
    return { ...r, dismissed: r.dismissals > 0 };
  })();
  const state = onboardingState(facts);
  if (!state.show) return null;
  return { slug: ctx.org.slug, done: state.done, steps: state.steps.map((s) => ({ ...s, href: HREF[s.step](ctx.org.slug) })) };
}

/** The board puts the checklist away; recorded like any change, and that record is what hides it. */
export async function dismissOnboarding(ctx: MemberContext) {
  await withTenant(ctx.org.id, (tx) =>
    audit(tx, { organizationId: ctx.org.id, actorUserId: ctx.user.id, action: ONBOARDING_DISMISSED, entityType: "organization", entityId: ctx.org.id, before: { checklist: "shown" }, after: { checklist: "dismissed" }, ip: ctx.ip }),
  );
}

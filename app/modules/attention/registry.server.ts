// The attention registry (issue 12, decision 022): every area contributes the items
// "Vandaag" and the daily digest show through ONE function in its own module. A
// later area (referrals, invoices, meetings) adds a kind by writing that function
// and adding one line to SOURCES; nothing else changes, neither the page nor the mail.
import { attentionFor, rankAttention, type AttentionItem, type MemberStatus, type MemberType } from "@koepel/rules";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "~db/client";
import { contracts, members } from "~db/schema";
import { withTenant } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { budgetAttentionItems } from "~/modules/budget/attention.server";
import { dutyAttentionItems } from "~/modules/compliance/attention.server";
import { eligibilityAttentionItems } from "~/modules/contracts/attention.server";
import { onboardingChecklistIn, type OnboardingChecklistData } from "~/modules/organizations/onboarding.server";
import { invitationAttentionItems } from "~/modules/people/attention.server";
import { registrationAttentionItems } from "~/modules/registrations/attention.server";
import { trajectoryAttentionItems } from "~/modules/trajectories/attention.server";

/** Who is looking. null: everyone at once (the digest job computes once per cooperative, then splits per person). */
export type Viewer = {
  can: (action: string) => boolean;
  memberId: string | null;
  /** The viewer's member record, for what is asked of them (office staff hold no registrations; a member who left is asked nothing). */
  member?: { type: MemberType; status: MemberStatus; leavesOn: string | null } | null;
} | null;

export type AttentionScope = {
  tx: Tx;
  orgId: string;
  today: string;
  viewer: Viewer;
  /** Whether the viewer may see items for this permission (always, for the digest): a source skips its queries otherwise. */
  may: (action: string) => boolean;
  /** Contract names by id, read once however many sources ask (or not at all when a source already had them). */
  contractNames: () => Promise<Map<string, string>>;
  /** A source that loaded the contracts anyway hands their names on, saving the others a statement. */
  noteContracts: (rows: readonly { id: string; name: string }[]) => void;
};

export type AttentionSource = { name: string; items: (scope: AttentionScope) => Promise<AttentionItem[]> };

// Eligibility first: it loads the contracts anyway, and the duties and budgets then take their names from it.
export const SOURCES: readonly AttentionSource[] = [
  { name: "eligibility", items: eligibilityAttentionItems },
  { name: "duties", items: dutyAttentionItems },
  { name: "budget", items: budgetAttentionItems },
  { name: "trajectories", items: trajectoryAttentionItems },
  { name: "registrations", items: registrationAttentionItems },
  { name: "invitations", items: invitationAttentionItems },
];

export type Collected = { items: AttentionItem[]; /** Sources that failed: the page says so instead of pretending all is well. */ failed: string[] };

/**
 * Run every source in the caller's transaction, one after another (one connection
 * serves them anyway). A source that throws is reported in `failed` and the others
 * still count, so one broken area does not blank the page.
 */
export async function collectAttention(tx: Tx, orgId: string, today: string, viewer: Viewer): Promise<Collected> {
  let names: Promise<Map<string, string>> | null = null;
  const scope: AttentionScope = {
    tx,
    orgId,
    today,
    viewer,
    may: (action) => viewer === null || viewer.can(action),
    contractNames: () =>
      (names ??= tx
        .select({ id: contracts.id, name: contracts.name })
        .from(contracts)
        .where(eq(contracts.organizationId, orgId))
        .orderBy(asc(contracts.name))
        .then((rows) => new Map(rows.map((r) => [r.id, r.name])))),
    noteContracts: (rows) => {
      names ??= Promise.resolve(new Map(rows.map((r) => [r.id, r.name])));
    },
  };
  const items: AttentionItem[] = [];
  const failed: string[] = [];
  for (const source of SOURCES) {
    try {
      items.push(...(await source.items(scope)));
    } catch (error) {
      console.error(`attention source ${source.name}:`, error instanceof Error ? error.message : error);
      failed.push(source.name);
    }
  }
  return { items: viewer ? attentionFor(items, viewer, today) : rankAttention(items, today), failed };
}

/** The signed-in person's member record in this cooperative (null: none, e.g. a board member who is not a practitioner). */
export async function memberOf(tx: Tx, orgId: string, userId: string) {
  const [row] = await tx
    .select({ id: members.id, type: members.type, status: members.status, leavesOn: members.leavesOn })
    .from(members)
    .where(and(eq(members.organizationId, orgId), eq(members.userId, userId)));
  return row ?? null;
}

/** The viewer a person is: their permissions in the cooperative and their member record. */
export async function viewerOf(tx: Tx, orgId: string, person: { userId: string; can: (action: string) => boolean }): Promise<NonNullable<Viewer>> {
  const member = await memberOf(tx, orgId, person.userId);
  return { can: person.can, memberId: member?.id ?? null, member };
}

export type Today = {
  today: string;
  /** The most urgent items, at most `limit` of them (all when no limit is asked). */
  items: AttentionItem[];
  /** How many items there are in all: more than `items.length` when the page shows only the first. */
  total: number;
  failed: string[];
  /** A new cooperative's first steps, for its board (decision 026). */
  onboarding: OnboardingChecklistData | null;
};

/**
 * How many items Vandaag shows before "show all": a large cooperative's board can have
 * hundreds (every trajectory ending soon), and a page of hundreds is neither read nor fast
 * (issue 11: 391 KB of HTML at 10x). The ranking puts what matters first, so the first
 * ones are the ones to act on; the rest is one click away, and the digest mails them all.
 */
export const VANDAAG_LIMIT = 40;

/** Vandaag for the signed-in person: every item they may see and their own, ranked; the first `limit` of them when given. */
export async function getToday(ctx: MemberContext, today: string, limit?: number): Promise<Today> {
  return withTenant(ctx.org.id, async (tx) => {
    const viewer = await viewerOf(tx, ctx.org.id, { userId: ctx.user.id, can: (action) => ctx.can(action as never) });
    const { items, failed } = await collectAttention(tx, ctx.org.id, today, viewer);
    const shown = limit === undefined ? items : items.slice(0, limit);
    return { today, items: shown, total: items.length, failed, onboarding: await onboardingChecklistIn(tx, ctx) };
  });
}

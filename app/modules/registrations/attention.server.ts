// Registrations on Vandaag. The board (credentials:verify) sees what waits for its
// verification and the cooperative's own certificates (HKZ) lapsing; a member sees
// the state of their own registrations and what they are asked to do (renew, send
// again after a rejection, add a required one). Whether members may work under a
// contract is the eligibility source's (contracts/attention.server.ts), so a lapse
// is not reported twice to the board.
import { EXPIRING_WITHIN_DAYS, daysBetween, effectiveStatus, lapseSeverity, registrationState, type AttentionItem, type AttentionParam, type Verification } from "@koepel/rules";
import { eq, sql } from "drizzle-orm";
import { parsedJson } from "~db/json";
import { registrationTypes } from "~db/schema";
import type { AttentionScope } from "~/modules/attention/registry.server";

type Reg = { id: string; memberId: string | null; memberName: string | null; verification: Verification; validUntil: string | null; createdAt: string };

/** A type's name as a parameter: the built-in ones translated, a cooperative's own as typed. */
const typeParam = (type: { code: string | null; name: string | null }): AttentionParam => (type.code ? { t: `registrations.types.${type.code}` } : (type.name ?? "?"));

/**
 * Of one member's registrations of one type, the one that counts: the latest end
 * date among those not rejected (no end date counts as the latest), as the reminder
 * job picks the current one; null when all were rejected or there are none.
 */
function current(regs: readonly Reg[]): Reg | null {
  let best: Reg | null = null;
  for (const r of regs) {
    if (r.verification === "rejected") continue;
    if (best === null) best = r;
    else if (best.validUntil !== null && (r.validUntil === null || r.validUntil > best.validUntil)) best = r;
  }
  return best;
}

/** Lapsed, or lapsing within the window the registrations page calls "expiring". */
function lapse(reg: Reg, today: string): "expired" | "lapsing" | null {
  if (reg.validUntil === null || reg.verification !== "verified") return null;
  if (reg.validUntil < today) return "expired";
  return daysBetween(today, reg.validUntil) <= EXPIRING_WITHIN_DAYS ? "lapsing" : null;
}

export async function registrationAttentionItems(scope: AttentionScope): Promise<AttentionItem[]> {
  const verifies = scope.may("credentials:verify");
  const me = scope.viewer?.memberId ?? null;
  const member = scope.viewer?.member ?? null;
  // What is asked of a member: only of one who is (or is becoming) a member and delivers care.
  const asked = me !== null && member !== null && member.type !== "office_staff" && ["member", "prospective"].includes(effectiveStatus(member, scope.today)) && scope.may("profile:self");
  if (!verifies && !asked) return [];
  const { tx, orgId, today } = scope;
  // Each active type with the registrations of it riding along as json: one statement.
  // A member sees only their own; the board everyone's (pending ones, and the cooperative's).
  const onlyMine = verifies ? sql`` : sql` and r.member_id = ${me}`;
  const types = await tx
    .select({
      id: registrationTypes.id,
      code: registrationTypes.code,
      name: registrationTypes.name,
      subject: registrationTypes.subject,
      required: registrationTypes.required,
      regs: sql`coalesce((select json_agg(json_build_object('id', r.id, 'memberId', r.member_id, 'memberName', m.name, 'verification', r.verification, 'validUntil', r.valid_until, 'createdAt', r.created_at) order by r.created_at) from registrations r left join members m on m.id = r.member_id and m.organization_id = r.organization_id where r.organization_id = ${orgId} and r.type_id = "registration_types"."id"${onlyMine}), '[]'::json)`.mapWith(
        (v) => parsedJson(v) as Reg[],
      ),
    })
    .from(registrationTypes)
    .where(eq(registrationTypes.organizationId, orgId))
    .orderBy(registrationTypes.createdAt);
  const items: AttentionItem[] = [];
  for (const type of types) {
    const typeName = typeParam(type);
    if (verifies) {
      for (const r of type.regs) {
        if (r.verification !== "pending" || (r.validUntil !== null && r.validUntil < today)) continue;
        const who = r.memberName ?? "";
        items.push({ key: `registration:${r.id}:verify`, kind: "registration_to_verify", severity: "info", dueOn: null, subject: who, params: { member: who, type: typeName }, link: "/registrations", audience: { action: "credentials:verify" } });
      }
      // The cooperative's own (HKZ): everyone's eligibility hangs on it.
      if (type.subject === "organization") {
        const reg = current(type.regs.filter((r) => r.memberId === null));
        const state = reg ? lapse(reg, today) : null;
        if (reg && state) {
          items.push({ key: `registration:${reg.id}:${state}`, kind: state === "expired" ? "registration_expired" : "registration_lapsing", severity: lapseSeverity(reg.validUntil!, today), dueOn: reg.validUntil, subject: "", params: { type: typeName, date: { date: reg.validUntil! } }, link: "/registrations", audience: { action: "credentials:verify" } });
        }
      }
    }
    if (!asked || type.subject !== "member") continue;
    const mine = type.regs.filter((r) => r.memberId === me);
    const audience = { memberId: me };
    const link = "/me/registrations";
    const newest = mine.at(-1);
    if (newest?.verification === "rejected") {
      items.push({ key: `registration:${newest.id}:rejected`, kind: "registration_rejected", severity: "warning", dueOn: null, subject: "", params: { type: typeName }, link, audience });
      continue;
    }
    const reg = current(mine);
    if (!reg) {
      if (type.required) items.push({ key: `registration:${type.id}:${me}:missing`, kind: "registration_missing", severity: "warning", dueOn: null, subject: "", params: { type: typeName }, link, audience });
      continue;
    }
    const state = registrationState(reg, today);
    if (state === "unverified") items.push({ key: `registration:${reg.id}:pending`, kind: "registration_pending", severity: "info", dueOn: null, subject: "", params: { type: typeName }, link, audience });
    const lapsed = lapse(reg, today);
    if (lapsed) items.push({ key: `registration:${reg.id}:${lapsed}`, kind: lapsed === "expired" ? "registration_expired" : "registration_lapsing", severity: lapseSeverity(reg.validUntil!, today), dueOn: reg.validUntil, subject: "", params: { type: typeName, date: { date: reg.validUntil! } }, link, audience });
  }
  return items;
}

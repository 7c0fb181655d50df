// Demo trajectories and time entries (issue 5), dated relative to today. At Wij zijn
// KAS the pilot's four therapists (as in the seeds) have logged close to 90 % of
// EUR 75,000 at EUR 70.80 an hour over the past 44 weeks, at a rising rate, so late in
// the year the forecast shows the ceiling running out within weeks; one
// treatment stands at more than 80 % of its 60 hours and ends soon; one IJZK
// trajectory has its 2nd extension without the self-assessment and a CJG review due;
// a few run under segment 4. At VaKwerK a few run under Rijk van Nijmegen, one
// coordinated by Marieke Jansen. Time is only ever logged for a practitioner who is
// eligible under the contract on that date (the same rule as the gate), so Xander
// Pauw (expired) gets none. Idempotent: a cooperative with trajectories is left alone.
import { addDays, todayInAmsterdam } from "@koepel/rules";
import { and, asc, count, eq, inArray, isNull, or } from "drizzle-orm";
import { rebuildTimeEntryTotals } from "~/modules/budget/totals.server";
import { eligibilityCells, memberEligibility } from "~/modules/contracts/eligibility.server";
import type { Tx } from "../client";
import { contractProducts, contracts, members, memberships, municipalities, organizations, timeEntries, trajectories, trajectoryExtensions } from "../schema";

const HOUR = 60;

type Ctx = { tx: Tx; orgId: string; createdBy: string | null; today: string };

/** Practitioners eligible under a contract on both dates (and so, in practice, between). */
async function eligibleBetween(c: Ctx, contractId: string, from: string, to: string): Promise<string[]> {
  const a = await eligibilityCells(c.tx, c.orgId, { date: from, contractIds: [contractId] });
  const b = await eligibilityCells(c.tx, c.orgId, { date: to, contractIds: [contractId] });
  const ok = new Set(b.cells.filter((x) => x.eligibility.eligible).map((x) => x.memberId));
  return a.practitioners.filter((p) => ok.has(p.id) && a.cells.some((x) => x.memberId === p.id && x.eligibility.eligible)).map((p) => p.id);
}

/** The gate itself, for the few hand-placed entries. */
async function eligibleOn(c: Ctx, contractId: string, memberId: string, date: string) {
  return (await memberEligibility(c.tx, c.orgId, contractId, memberId, date))?.eligible ?? false;
}

async function contractByName(c: Ctx, name: string) {
  const [row] = await c.tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.organizationId, c.orgId), eq(contracts.name, name)));
  if (!row) return null;
  const products = await c.tx.select().from(contractProducts).where(eq(contractProducts.contractId, row.id));
  return { ...row, product: (code: string) => products.find((p) => p.code === code)! };
}

async function municipalityIds(c: Ctx, names: string[]) {
  const rows = await c.tx
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(or(isNull(municipalities.organizationId), eq(municipalities.organizationId, c.orgId)));
  return names.map((n) => rows.find((r) => r.name === n)?.id ?? null);
}

type NewTrajectory = {
  contractId: string;
  productId: string;
  clientCode: string;
  birthYear: number;
  municipalityId: string | null;
  coordinatorId: string;
  startsOn: string;
  endsOn: string;
  allocatedVolume: number;
  referrerType?: "gp" | "municipality" | "youth_doctor";
  leadClinician?: string | null;
  allocationNumber?: string;
};

async function insertTrajectory(c: Ctx, t: NewTrajectory) {
  const [row] = await c.tx
    .insert(trajectories)
    .values({ organizationId: c.orgId, referrerType: "gp", createdBy: c.createdBy, leadClinician: null, allocationNumber: null, ...t })
    .returning();
  return row;
}

async function insertEntry(c: Ctx, e: { trajectoryId: string; memberId: string; workedOn: string; direct: number; indirect: number; key: string }) {
  await c.tx
    .insert(timeEntries)
    .values({ organizationId: c.orgId, trajectoryId: e.trajectoryId, memberId: e.memberId, workedOn: e.workedOn, directMinutes: e.direct, indirectMinutes: e.indirect, submissionKey: `demo-${e.key}`, createdBy: c.createdBy })
    .onConflictDoNothing();
}

/** A small deterministic generator, so every demo looks the same. */
function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/**
 * The Haarlem pilot: weekly sessions over the past 44 weeks, rising from about 12 to
 * 28 a week (about 950 hours in all), by its four therapists, spread over treatments
 * of at most 60 hours that open as needed and close at about 45 hours; one stays
 * open above 80 %.
 */
/** The pilot's four therapists (seeds: four therapists of 023vaktherapeuten); the demo allocations go to them. */
export const PILOT_TEAM = ["Marieke Jansen", "Pieter van Vliet", "Quinten Dekker", "Roos Brouwer"];

async function seedHaarlem(c: Ctx) {
  const pilot = await contractByName(c, "Pilot vaktherapie Haarlem");
  if (!pilot) return;
  const treatment = pilot.product("45VT1");
  const [haarlem] = await municipalityIds(c, ["Haarlem"]);
  const weeks = 44;
  const first = addDays(c.today, -weeks * 7);
  const begin = first < pilot.startsOn ? pilot.startsOn : first;
  const rand = sequence(7080);
  const team = new Set(
    (await c.tx.select({ id: members.id }).from(members).where(and(eq(members.organizationId, c.orgId), inArray(members.name, PILOT_TEAM)))).map((m) => m.id),
  );
  type Open = { id: string; coordinatorId: string; used: number; cap: number; startsOn: string; endsOn: string; last: string };
  const open: Open[] = [];
  let opened = 0;
  let coordinatorTurn = 0;
  let key = 0;
  for (let w = 0; ; w += 1) {
    const weekStart = addDays(begin, w * 7);
    if (weekStart > c.today) break;
    const weekEnd = addDays(weekStart, 4) > c.today ? c.today : addDays(weekStart, 4);
    const eligible = new Set(await eligibleBetween(c, pilot.id, weekStart, weekEnd));
    const progress = Math.min(1, w / (weeks - 1));
    let sessions = Math.round(12 + progress * 16);
    const thisWeek = new Map<string, number>();
    // Up to two sessions a week per trajectory, on a weekday of this week.
    const usable = () => open.filter((t) => eligible.has(t.coordinatorId) && t.used + 90 <= t.cap && t.endsOn >= weekEnd && (thisWeek.get(t.id) ?? 0) < 2);
    for (let pass = 0; sessions > 0 && pass < 60; pass += 1) {
      const candidates = usable().sort((x, y) => x.startsOn.localeCompare(y.startsOn));
      if (candidates.length === 0) {
        // Open a new treatment with the next eligible practitioner as coordinator.
        const coordinators = [...eligible].filter((id) => team.has(id));
        if (coordinators.length === 0) break;
        const coordinatorId = coordinators[coordinatorTurn % coordinators.length];
        coordinatorTurn += 1;
        opened += 1;
        // The third treatment is the one that runs to more than 80 % of 60 hours and ends soon.
        const special = opened === 3;
        const endsOn = special ? addDays(c.today, 18) : addDays(weekStart, 7 * 40);
        const row = await insertTrajectory(c, {
          contractId: pilot.id,
          productId: treatment.id,
          clientCode: `HLM-2026-${String(opened).padStart(3, "0")}`,
          birthYear: 2010 + (opened % 9),
          municipalityId: haarlem,
          coordinatorId,
          startsOn: weekStart,
          endsOn: endsOn > pilot.endsOn ? pilot.endsOn : endsOn,
          allocatedVolume: 60 * HOUR,
          referrerType: opened % 3 === 0 ? "municipality" : "gp",
          allocationNumber: `JW301-HLM-${1000 + opened}`,
        });
        open.push({ id: row.id, coordinatorId, used: 0, cap: special ? 52 * HOUR : 45 * HOUR, startsOn: weekStart, endsOn: row.endsOn, last: weekStart });
        continue;
      }
      const t = candidates[0];
      const direct = rand() < 0.2 ? 90 : rand() < 0.3 ? 45 : 60;
      const day = addDays(weekStart, Math.floor(rand() * 5));
      const workedOn = day > weekEnd ? weekEnd : day;
      key += 1;
      await insertEntry(c, { trajectoryId: t.id, memberId: t.coordinatorId, workedOn, direct, indirect: 15, key: `hlm-${key}` });
      t.used += direct;
      if (workedOn > t.last) t.last = workedOn;
      thisWeek.set(t.id, (thisWeek.get(t.id) ?? 0) + 1);
      sessions -= 1;
    }
  }
  // Treatments that reached their hours are completed on their last session.
  for (const t of open) {
    if (t.cap === 45 * HOUR && t.used + 90 > t.cap) {
      await c.tx.update(trajectories).set({ status: "completed", endsOn: t.last }).where(eq(trajectories.id, t.id));
    }
  }
}

/** IJZK perceel 2: a few treatments; one with two extensions, the 2nd without the self-assessment, a CJG review due. */
async function seedIjzk(c: Ctx) {
  const ijzk = await contractByName(c, "IJmond en Zuid-Kennemerland perceel 2");
  if (!ijzk) return;
  const basis = ijzk.product("54B01");
  const specialist = ijzk.product("54S01");
  const [velsen, beverwijk, heemstede] = await municipalityIds(c, ["Velsen", "Beverwijk", "Heemstede"]);
  const startsOn = addDays(c.today, -150);
  const coordinators = await eligibleBetween(c, ijzk.id, startsOn, c.today);
  if (coordinators.length < 3) return;
  const plans = [
    { code: "IJ-2026-011", product: basis, muni: velsen, coordinator: coordinators[0], weeks: 10, hours: 14, extensions: 2 },
    { code: "IJ-2026-017", product: specialist, muni: beverwijk, coordinator: coordinators[1], weeks: 24, hours: 12, extensions: 0 },
    { code: "IJ-2026-023", product: basis, muni: heemstede, coordinator: coordinators[2], weeks: 16, hours: 6, extensions: 1 },
  ];
  for (const [i, p] of plans.entries()) {
    const row = await insertTrajectory(c, {
      contractId: ijzk.id,
      productId: p.product.id,
      clientCode: p.code,
      birthYear: 2011 + i,
      municipalityId: p.muni,
      coordinatorId: p.coordinator,
      startsOn,
      endsOn: addDays(startsOn, p.weeks * 7),
      allocatedVolume: 20 * HOUR,
      referrerType: i === 1 ? "youth_doctor" : "municipality",
    });
    let endsOn = row.endsOn;
    for (let n = 1; n <= p.extensions; n += 1) {
      const grantedOn = addDays(endsOn, -7);
      const newEndsOn = addDays(endsOn, 6 * 7);
      await c.tx.insert(trajectoryExtensions).values({ organizationId: c.orgId, trajectoryId: row.id, number: n, grantedOn, grantedByReferrer: false, grantedBy: p.coordinator, previousEndsOn: endsOn, newEndsOn, extraVolume: 0, createdBy: c.createdBy });
      endsOn = newEndsOn;
    }
    if (endsOn !== row.endsOn) await c.tx.update(trajectories).set({ endsOn }).where(eq(trajectories.id, row.id));
    const sessions = p.hours;
    for (let s = 0; s < sessions; s += 1) {
      const workedOn = addDays(startsOn, 3 + s * 7);
      if (workedOn > c.today || workedOn > endsOn) break;
      if (!(await eligibleOn(c, ijzk.id, p.coordinator, workedOn))) continue;
      await insertEntry(c, { trajectoryId: row.id, memberId: p.coordinator, workedOn, direct: 60, indirect: 20, key: `ijzk-${i}-${s}` });
    }
  }
}

/** Segment 4 at Wij zijn KAS: a few trajectories, the GGZ one with its lead clinician. */
async function seedSegment4(c: Ctx) {
  const seg = await contractByName(c, "Segment 4 vaktherapie");
  if (!seg) return;
  const [tilburg, waalwijk, dongen] = await municipalityIds(c, ["Tilburg", "Waalwijk", "Dongen"]);
  const startsOn = addDays(c.today, -100);
  const coordinators = await eligibleBetween(c, seg.id, startsOn, c.today);
  if (coordinators.length < 3) return;
  const plans = [
    { code: "KAS-S4-101", product: seg.product("45A01"), muni: tilburg, lead: null, sessions: 12 },
    { code: "KAS-S4-102", product: seg.product("54A01"), muni: waalwijk, lead: "drs. M. de Rooij (GZ-psycholoog)", sessions: 9 },
    { code: "KAS-S4-103", product: seg.product("45A01"), muni: dongen, lead: null, sessions: 5 },
  ];
  for (const [i, p] of plans.entries()) {
    const coordinator = coordinators[(i + 3) % coordinators.length];
    const row = await insertTrajectory(c, { contractId: seg.id, productId: p.product.id, clientCode: p.code, birthYear: 2012 + i, municipalityId: p.muni, coordinatorId: coordinator, startsOn, endsOn: addDays(startsOn, 7 * 30), allocatedVolume: 30 * HOUR, leadClinician: p.lead, referrerType: "municipality" });
    for (let s = 0; s < p.sessions; s += 1) {
      const workedOn = addDays(startsOn, 2 + s * 7);
      if (workedOn > c.today) break;
      if (!(await eligibleOn(c, seg.id, coordinator, workedOn))) continue;
      await insertEntry(c, { trajectoryId: row.id, memberId: coordinator, workedOn, direct: 60, indirect: 30, key: `s4-${i}-${s}` });
    }
  }
}

/** Rijk van Nijmegen at VaKwerK: a few trajectories, one coordinated by Marieke Jansen. */
async function seedNijmegen(c: Ctx) {
  const rvn = await contractByName(c, "Rijk van Nijmegen vaktherapie");
  if (!rvn) return;
  const product = rvn.product("45V01");
  const [nijmegen, wijchen, beuningen] = await municipalityIds(c, ["Nijmegen", "Wijchen", "Beuningen"]);
  const startsOn = addDays(c.today, -90);
  const eligible = await eligibleBetween(c, rvn.id, startsOn, c.today);
  // Marieke Jansen's VOG is new (a month old): her trajectory started since.
  const recent = addDays(c.today, -28);
  const eligibleRecently = await eligibleBetween(c, rvn.id, recent, c.today);
  const [marieke] = await c.tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, c.orgId), eq(members.email, "marieke.jansen@demo.koepel.nl")));
  const others = eligible.filter((id) => id !== marieke?.id);
  const coordinators = [marieke && eligibleRecently.includes(marieke.id) ? marieke.id : others[2], others[0], others[1]].filter(Boolean) as string[];
  const munis = [nijmegen, wijchen, beuningen];
  for (const [i, coordinator] of coordinators.entries()) {
    const from = coordinator === marieke?.id ? recent : startsOn;
    const row = await insertTrajectory(c, {
      contractId: rvn.id,
      productId: product.id,
      clientCode: `VKW-${2026}-${String(31 + i).padStart(3, "0")}`,
      birthYear: 2013 + i,
      municipalityId: munis[i],
      coordinatorId: coordinator,
      startsOn: from,
      endsOn: addDays(from, 7 * (20 + i * 4)),
      allocatedVolume: (20 + i * 5) * HOUR,
      leadClinician: "dr. J. Wiersma (regiebehandelaar)",
      referrerType: "gp",
    });
    for (let s = 0; s < 8 + i * 2; s += 1) {
      const workedOn = addDays(from, 1 + s * 7);
      if (workedOn > c.today) break;
      if (!(await eligibleOn(c, rvn.id, coordinator, workedOn))) continue;
      await insertEntry(c, { trajectoryId: row.id, memberId: coordinator, workedOn, direct: 60, indirect: 0, key: `rvn-${i}-${s}` });
    }
  }
}

export async function seedDemoTrajectories(tx: Tx, today = todayInAmsterdam()) {
  for (const slug of ["wij-zijn-kas", "vakwerk-nijmegen"]) {
    const [org] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (!org) continue;
    const [already] = await tx.select({ n: count() }).from(trajectories).where(eq(trajectories.organizationId, org.id));
    if (already.n > 0) continue;
    const [chair] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "chair")))
      .orderBy(asc(memberships.createdAt));
    const c: Ctx = { tx, orgId: org.id, createdBy: chair?.userId ?? null, today };
    if (slug === "wij-zijn-kas") {
      await seedHaarlem(c);
      await seedIjzk(c);
      await seedSegment4(c);
    } else {
      await seedNijmegen(c);
    }
    // The entries above are written directly: their summaries are priced once, after all of them.
    await rebuildTimeEntryTotals(tx, org.id);
  }
}

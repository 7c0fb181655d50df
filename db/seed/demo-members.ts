// Demo member records for the two demo cooperatives (issue 4): every person gets a
// record with a realistic professional profile, practices (Wij zijn KAS: 22
// practices for its 35 professionals, some shared), personal AGB codes in Vektis
// group 90 (9025 vaktherapie, 9024 child therapy), business codes, valid KvK and
// IBAN numbers; plus prospective members and one suspended member. Idempotent:
// a cooperative that already has practices is left alone.
import { ARTS_DISCIPLINES, addDays, memberTypeForRole, type Discipline, type Role } from "@koepel/rules";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { agbCodes, memberPractices, memberProblemAreas, memberStatusHistory, members, memberships, organizations, practices, problemAreas, users } from "../schema";

const REGIONS: Record<string, { municipalities: { name: string; postcode: number }[] }> = {
  // Rijk van Nijmegen (7 municipalities); postcodes of each town's centre.
  "vakwerk-nijmegen": {
    municipalities: [
      { name: "Nijmegen", postcode: 6511 },
      { name: "Berg en Dal", postcode: 6561 },
      { name: "Beuningen", postcode: 6641 },
      { name: "Druten", postcode: 6651 },
      { name: "Heumen", postcode: 6581 },
      { name: "Mook en Middelaar", postcode: 6585 },
      { name: "Wijchen", postcode: 6601 },
    ],
  },
  // Hart van Brabant (11 municipalities).
  "wij-zijn-kas": {
    municipalities: [
      { name: "Tilburg", postcode: 5038 },
      { name: "Dongen", postcode: 5101 },
      { name: "Gilze en Rijen", postcode: 5121 },
      { name: "Goirle", postcode: 5051 },
      { name: "Hilvarenbeek", postcode: 5081 },
      { name: "Loon op Zand", postcode: 5171 },
      { name: "Oisterwijk", postcode: 5061 },
      { name: "Waalwijk", postcode: 5141 },
      { name: "Heusden", postcode: 5251 },
      { name: "Alphen-Chaam", postcode: 4861 },
      { name: "Baarle-Nassau", postcode: 5111 },
    ],
  },
};

const PROBLEM_AREAS = ["Angst", "Trauma", "Hechtingsproblematiek", "ADHD", "Autisme", "Rouw en verlies", "Gedragsproblemen", "Somberheid", "Eetproblemen", "Echtscheiding", "Sociaal-emotionele problemen"];
const PRACTICE_WORDS = ["De Kleurrijke Stap", "Het Speelvlak", "Klankkast", "De Bewegingsruimte", "Atelier Binnenwereld", "Spiegelbeeld", "De Regenboog", "Ritme & Ruimte", "Het Podium", "De Zandbak", "Vrije Vorm", "Toon", "Het Kompas", "De Wilg", "Lichtpunt", "De Brug", "Groeikracht", "Het Nest", "Beeldtaal", "De Horizon", "Speelruimte", "De Boomhut"];
const STREETS = ["Kerkstraat", "Stationsstraat", "Molenweg", "Dorpsstraat", "Lindelaan", "Julianastraat", "Wilhelminapark", "Schoolstraat", "Markt", "Beukenlaan"];
const BANKS = ["RABO", "INGB", "ABNA", "TRIO", "SNSB", "KNAB"];

/** A valid Dutch IBAN (ISO 13616 mod-97) for a bank code and a 10-digit account number. */
export function demoIban(bank: string, account: string): string {
  const numeric = (bank + account + "NL00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `NL${String(98 - remainder).padStart(2, "0")}${bank}${account}`;
}

// A fixed cycle of profiles so every run gives the same demo.
const ARTS: Discipline[] = [...ARTS_DISCIPLINES];
const AGES = [["4-12"], ["4-12", "12-18"], ["0-4", "4-12"], ["12-18", "18-23"], ["4-12", "12-18", "18-23"]];

type Person = { memberId: string; role: Role; name: string; email: string };

async function seedOrg(tx: Tx, slug: string, index: number) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
  if (!org) return;
  const [existing] = await tx.select({ id: practices.id }).from(practices).where(eq(practices.organizationId, org.id)).limit(1);
  if (existing) return;
  const region = REGIONS[slug];
  const areaRows = await tx.insert(problemAreas).values(PROBLEM_AREAS.map((name) => ({ organizationId: org.id, name }))).onConflictDoNothing().returning();

  // One record per person, linked to the account (the app would have made a bare one; complete it).
  const people = await tx
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, org.id))
    .orderBy(users.email);
  const list: Person[] = [];
  for (const [i, p] of people.entries()) {
    const type = memberTypeForRole(p.role);
    const therapist = type !== "office_staff";
    // VaKwerK: two integrative child therapists among its fifteen (DOMAIN.md).
    const childTherapist = slug === "vakwerk-nijmegen" && (p.email.startsWith("karin.bos") || p.email.startsWith("lotte.visser"));
    const disciplines: Discipline[] = !therapist ? [] : childTherapist ? ["integrative_child", "play"] : i % 7 === 3 ? [ARTS[i % ARTS.length], ARTS[(i + 2) % ARTS.length]] : [ARTS[i % ARTS.length]];
    const towns = region.municipalities;
    const served = therapist ? [towns[i % towns.length].name, towns[(i + 3) % towns.length].name, towns[0].name].filter((v, k, a) => a.indexOf(v) === k) : [];
    const joinedOn = `${2016 + (i % 8)}-${String((i % 12) + 1).padStart(2, "0")}-01`;
    const values = {
      organizationId: org.id,
      userId: p.userId,
      name: p.name,
      email: p.email.toLowerCase(),
      phone: `06-${String(12345678 + i * 7919 + index * 104729).slice(0, 8)}`,
      type,
      status: "member" as const,
      joinedOn,
      disciplines,
      ageRanges: therapist ? AGES[i % AGES.length] : [],
      municipalities: served,
      languages: i % 5 === 0 ? ["Nederlands", "Engels"] : i % 11 === 0 ? ["Nederlands", "Arabisch"] : ["Nederlands"],
      capacityHoursPerWeek: therapist ? 8 + (i % 5) * 4 : null,
      waitingWeeks: therapist ? i % 9 : null,
    };
    const [row] = await tx
      .insert(members)
      .values(values)
      .onConflictDoUpdate({ target: [members.organizationId, members.userId], targetWhere: sql`${members.userId} is not null`, set: { ...values, userId: undefined, organizationId: undefined } })
      .returning({ id: members.id });
    await tx.delete(memberStatusHistory).where(eq(memberStatusHistory.memberId, row.id));
    await tx.insert(memberStatusHistory).values([
      // Admitted about two months after applying.
      { organizationId: org.id, memberId: row.id, status: "prospective", effectiveOn: addDays(joinedOn, -61) },
      { organizationId: org.id, memberId: row.id, status: "member", effectiveOn: joinedOn },
    ]);
    if (therapist && areaRows.length) {
      const picks = [areaRows[i % areaRows.length], areaRows[(i + 4) % areaRows.length], areaRows[(i + 7) % areaRows.length]].filter((v, k, a) => a.indexOf(v) === k);
      await tx.insert(memberProblemAreas).values(picks.map((a) => ({ organizationId: org.id, memberId: row.id, problemAreaId: a.id }))).onConflictDoNothing();
    }
    if (therapist) {
      // Personal AGB code: 9024 child therapy, else 9025 vaktherapie; unique per person and cooperative.
      const prefix = childTherapist ? "9024" : "9025";
      await tx.insert(agbCodes).values({ organizationId: org.id, code: `${prefix}${String(1000 + index * 500 + i * 13).padStart(4, "0")}`, kind: "personal", memberId: row.id });
      list.push({ memberId: row.id, role: p.role, name: p.name, email: p.email });
    }
  }

  // Practices: KAS has 22 for its 35 professionals, VaKwerK one for about every second therapist.
  const practiceCount = slug === "wij-zijn-kas" ? 22 : 10;
  const made: string[] = [];
  for (let k = 0; k < practiceCount; k += 1) {
    const town = region.municipalities[k % region.municipalities.length];
    const number = 10 + ((k * 37) % 90);
    const [p] = await tx
      .insert(practices)
      .values({
        organizationId: org.id,
        name: `${k % 3 === 0 ? "Vaktherapie" : k % 3 === 1 ? "Praktijk" : "Therapiepraktijk"} ${PRACTICE_WORDS[(k + index * 5) % PRACTICE_WORDS.length]}`,
        kvkNumber: String(60000000 + index * 1000000 + k * 7331),
        establishmentNumber: String(10000000 + index * 1000000 + k * 7331).padStart(12, "0"),
        street: STREETS[k % STREETS.length],
        houseNumber: String(number),
        postcode: `${town.postcode + (k % 3)} ${String.fromCharCode(65 + (k % 20))}${String.fromCharCode(66 + ((k * 3) % 20))}`,
        city: town.name === "Berg en Dal" ? "Groesbeek" : town.name === "Heumen" ? "Malden" : town.name === "Loon op Zand" ? "Kaatsheuvel" : town.name === "Heusden" ? "Drunen" : town.name === "Gilze en Rijen" ? "Rijen" : town.name === "Mook en Middelaar" ? "Mook" : town.name === "Alphen-Chaam" ? "Alphen" : town.name,
        website: `https://www.${PRACTICE_WORDS[(k + index * 5) % PRACTICE_WORDS.length].toLowerCase().normalize("NFD").replace(/[^a-z]+/g, "")}.example.nl`,
        iban: demoIban(BANKS[k % BANKS.length], String(1234500000 + index * 100000 + k * 9173).padStart(10, "0")),
      })
      .returning({ id: practices.id });
    await tx.insert(agbCodes).values({ organizationId: org.id, code: `9025${String(5000 + index * 100 + k).padStart(4, "0")}`, kind: "business", practiceId: p.id });
    made.push(p.id);
  }
  // Each therapist in one practice; the ones beyond the count share one.
  for (const [i, person] of list.entries()) {
    await tx.insert(memberPractices).values({ organizationId: org.id, memberId: person.memberId, practiceId: made[i % made.length] }).onConflictDoNothing();
  }

  // Prospective members without an account yet, and one suspended member.
  const prospects = slug === "vakwerk-nijmegen" ? [["Sara Dijkman", "sara.dijkman@example.nl"], ["Ruben Aksoy", "ruben.aksoy@example.nl"]] : [["Femke van Rooij", "femke.vanrooij@example.nl"], ["Youssef El Amrani", "youssef.elamrani@example.nl"]];
  for (const [i, [name, email]] of prospects.entries()) {
    const [row] = await tx
      .insert(members)
      .values({ organizationId: org.id, name, email, type: i === 0 ? "member" : "subcontractor", status: "prospective", disciplines: [ARTS[(i + index) % ARTS.length]], municipalities: [region.municipalities[i].name], ageRanges: ["4-12"], languages: ["Nederlands"] })
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (row) await tx.insert(memberStatusHistory).values({ organizationId: org.id, memberId: row.id, status: "prospective", effectiveOn: "2026-10-01" });
  }
  if (slug === "wij-zijn-kas") {
    const suspended = list.find((p) => p.email.startsWith("xander.pauw"));
    if (suspended) {
      await tx.update(members).set({ status: "suspended" }).where(and(eq(members.id, suspended.memberId), eq(members.organizationId, org.id)));
      await tx.insert(memberStatusHistory).values({ organizationId: org.id, memberId: suspended.memberId, status: "suspended", effectiveOn: "2026-09-15", reason: "Registratie Register Vaktherapie verlopen" });
    }
  }
}

export async function seedDemoMembers(tx: Tx) {
  await seedOrg(tx, "vakwerk-nijmegen", 0);
  await seedOrg(tx, "wij-zijn-kas", 1);
}

// Demo data modelled on the seeds (DOMAIN.md): VaKwerK regio Nijmegen, a
// coöperatie of 13 arts therapists and 2 integrative child therapists with a board
// of four, and Wij zijn KAS, a BV of 35 professionals with a board of three
// therapists plus an administrator. One therapist belongs to both, as in the seeds.
// Idempotent: a second start changes nothing.
import type { Role } from "@koepel/rules";
import { eq, sql } from "drizzle-orm";
import { hashPassword } from "~/modules/auth/password.server";
import { memberships, organizations, users } from "../schema";
import { withSystem } from "../tenant";
import { seedDemoBudget } from "./demo-budget";
import { seedDemoContracts } from "./demo-contracts";
import { seedDemoDuties } from "./demo-duties";
import { seedDemoMembers } from "./demo-members";
import { seedDemoRegistrations } from "./demo-registrations";
import { seedDemoTrajectories } from "./demo-trajectories";

export const DEMO_PASSWORD = "koepel-demo-2026";

type Person = { name: string; email: string; role: Role };

const shared: Person = { name: "Marieke Jansen", email: "marieke.jansen@demo.koepel.nl", role: "member" };

const vakwerk: Person[] = [
  { name: "Annelies Verhoeven", email: "voorzitter@vakwerk.demo.koepel.nl", role: "chair" },
  { name: "Bram Willems", email: "secretaris@vakwerk.demo.koepel.nl", role: "secretary" },
  { name: "Carla Hendriks", email: "penningmeester@vakwerk.demo.koepel.nl", role: "treasurer" },
  { name: "Daan Peters", email: "bestuurslid@vakwerk.demo.koepel.nl", role: "board_member" },
  shared,
  ...[
    "Eva van den Berg",
    "Fleur Bakker",
    "Gijs Smit",
    "Hanna de Wit",
    "Iris Mulder",
    "Joost van Dijk",
    "Karin Bos",
    "Lotte Visser",
    "Mila Kuipers",
    "Noor van Leeuwen",
  ].map((name) => ({ name, email: `${name.toLowerCase().replace(/\s+/g, ".")}@vakwerk.demo.koepel.nl`, role: "member" as Role })),
];

const kasNames = [
  "Pieter van Vliet", "Quinten Dekker", "Roos Brouwer", "Sanne de Graaf", "Tim Koster", "Ursula Meijer",
  "Vera Prins", "Willem Huisman", "Yara Post", "Zoë Kramer", "Anna Vos", "Bas Schouten", "Chantal Maas",
  "Dirk Jacobs", "Esther Dijkstra", "Frank Verbeek", "Greet Hoekstra", "Hugo Timmermans", "Ilse Kok",
  "Jasper de Lange", "Kim Vermeulen", "Lars van Wijk", "Maud Scholten", "Nina Bosman", "Olaf de Haan",
  "Paula Kuiper", "Rik Boer", "Sophie Martens", "Thijs van Beek", "Wendy Claassen", "Xander Pauw",
];
const kas: Person[] = [
  { name: "Esmee van Aalst", email: "voorzitter@kas.demo.koepel.nl", role: "chair" },
  { name: "Ruud Verschuren", email: "secretaris@kas.demo.koepel.nl", role: "secretary" },
  { name: "Ilona Rovers", email: "penningmeester@kas.demo.koepel.nl", role: "treasurer" },
  { name: "Tessa Bogers", email: "administratie@kas.demo.koepel.nl", role: "office_staff" },
  { ...shared, role: "member" },
  ...kasNames.map((name) => ({
    name,
    email: `${name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, ".")}@kas.demo.koepel.nl`,
    role: "member" as Role,
  })),
];

// Two of VaKwerK's fifteen work as subcontractors first (DOMAIN.md: new members can start so).
vakwerk.push(
  { name: "Olga Smeets", email: "olga.smeets@vakwerk.demo.koepel.nl", role: "subcontractor" },
  { name: "Paul Gerritsen", email: "paul.gerritsen@vakwerk.demo.koepel.nl", role: "hired_therapist" },
);

const ORGS = [
  { slug: "vakwerk-nijmegen", name: "VaKwerK regio Nijmegen", legalForm: "cooperative_ua" as const, kvkNumber: "71234567", people: vakwerk },
  { slug: "wij-zijn-kas", name: "Wij zijn KAS", legalForm: "bv" as const, kvkNumber: "68123456", people: kas },
];

export async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withSystem(async (tx) => {
    for (const spec of ORGS) {
      const [existing] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, spec.slug));
      if (existing) continue;
      // Demo cooperatives require no two-factor authentication, so the demo logins printed
      // at start work with the password alone; a real cooperative starts with the board and
      // office staff required (the column's default), which the chair can change in settings.
      const [org] = await tx
        .insert(organizations)
        .values({ slug: spec.slug, name: spec.name, legalForm: spec.legalForm, kvkNumber: spec.kvkNumber, twoFactorRoles: [] })
        .returning();
      for (const person of spec.people) {
        await tx
          .insert(users)
          .values({ name: person.name, email: person.email, passwordHash, emailVerifiedAt: new Date() })
          .onConflictDoNothing();
        const [user] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${person.email}`);
        await tx.insert(memberships).values({ organizationId: org.id, userId: user.id, role: person.role }).onConflictDoNothing();
      }
    }
    await seedDemoMembers(tx);
    await seedDemoRegistrations(tx);
    await seedDemoContracts(tx);
    await seedDemoBudget(tx);
    await seedDemoTrajectories(tx);
    await seedDemoDuties(tx);
  });
  return [
    { email: vakwerk[0].email, password: DEMO_PASSWORD, note: "VaKwerK regio Nijmegen: voorzitter (chair)" },
    { email: kas[0].email, password: DEMO_PASSWORD, note: "Wij zijn KAS: voorzitter (chair)" },
    { email: shared.email, password: DEMO_PASSWORD, note: "lid van beide (member of both)" },
    { email: kas[3].email, password: DEMO_PASSWORD, note: "Wij zijn KAS: secretariaat (office staff)" },
  ];
}

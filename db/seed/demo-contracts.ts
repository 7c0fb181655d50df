// Demo contracts (issue 5), from the seeds' facts (DOMAIN.md):
// - the Haarlem pilot: EUR 150,000 for two years, EUR 70.80 an hour, treatment at
//   most 60 hours, consultation and advice at most 8 hours, stops when spent;
// - IJmond/Zuid-Kennemerland perceel 2 with the 2025 addendum: the coordinating
//   practitioner extends twice without the referrer, the second extension needs a
//   self-assessment, after the second an intensive review by the CJG;
// - a KAS-style segment 4 contract paying indirect time at 25 % of direct time, with
//   a lead clinician for the GGZ and JOH products;
// - VaKwerK's Rijk van Nijmegen contract: fixed hourly rate, indirect time not paid,
//   a lead clinician confirms arts therapy is needed.
// Idempotent: a cooperative that has contracts is left alone.
import { count, eq } from "drizzle-orm";
import type { Tx } from "../client";
import { contracts, organizations } from "../schema";
import { insertContractSpec, type ContractSpec } from "./contract-spec";

const HOUR = 60;

export const HAARLEM_PILOT: ContractSpec = {
  name: "Pilot vaktherapie Haarlem",
  reference: "HLM-PILOT-VT-2026",
  clientKind: "municipalities",
  regionCode: "zuid-kennemerland-ijmond",
  municipalityNames: ["Haarlem"],
  kind: "pilot",
  startsOn: "2026-01-01",
  endsOn: "2027-12-31",
  evaluationDates: ["2026-12-01"],
  financing: "effort",
  indirectTime: "not_paid",
  stopsWhenBudgetSpent: true,
  notes: "Verwijzing via huisarts, POH-GGZ of CJG; het CJG moet instemmen. De pilot stopt eerder als het budget op is.",
  products: [
    { name: "Behandeling", category: "45", code: "45VT1", tariffs: [{ validFrom: "2026-01-01", amountCents: 7080 }], rules: { maxVolume: 60 * HOUR } },
    { name: "Consultatie en advies", category: "45", code: "45VT2", tariffs: [{ validFrom: "2026-01-01", amountCents: 7080 }], rules: { maxVolume: 8 * HOUR } },
  ],
  requirements: [{ code: "register_vaktherapie" }, { code: "vog", maxAgeMonths: 36 }],
  // EUR 150,000 over two contract years.
  ceilings: [
    { year: 2026, amountCents: 7_500_000 },
    { year: 2027, amountCents: 7_500_000 },
  ],
};

export const IJZK_PERCEEL_2: ContractSpec = {
  name: "IJmond en Zuid-Kennemerland perceel 2",
  reference: "IJZK-2023-P2",
  clientKind: "region",
  regionCode: "zuid-kennemerland-ijmond",
  kind: "tender_framework",
  lot: "perceel 2 enkelvoudige jeugdhulp",
  startsOn: "2023-01-01",
  endsOn: "2026-12-31",
  extensionOptions: "2 x 1 jaar",
  latestEndOn: "2028-12-31",
  evaluationDates: ["2025-09-30"],
  financing: "effort",
  indirectTime: "included",
  products: [
    { name: "Basis jeugd-GGZ", category: "54", code: "54B01", tariffs: [{ validFrom: "2023-01-01", amountCents: 7650 }, { validFrom: "2026-01-01", amountCents: 8045 }], rules: { maxVolume: 20 * HOUR, maxDurationWeeks: 26 } },
    { name: "Specialistische jeugd-GGZ", category: "54", code: "54S01", tariffs: [{ validFrom: "2023-01-01", amountCents: 8120 }, { validFrom: "2026-01-01", amountCents: 8470 }], rules: { maxVolume: 40 * HOUR, maxDurationWeeks: 52 } },
  ],
  requirements: [{ code: "register_vaktherapie" }, { code: "vog", maxAgeMonths: 36 }],
  amendments: [
    {
      title: "Addendum perceel 2, 2025",
      effectiveOn: "2025-01-01",
      summary:
        "Regiebehandelaar mag de behandelduur van basis en specialistische jeugd-GGZ twee keer verlengen zonder de verwijzer; bij de tweede verlenging een zelfevaluatie in het dossier; na de tweede een intensieve toets door het CJG. Aanvullende behandelaars worden betaald uit hun eigen budgetplafond. Plafonds worden in het contractjaar niet verhoogd.",
      productRules: {
        "54B01": { extensionsWithoutReferrer: 2, documentAtExtension: 2, documentName: "Zelfevaluatie", reviewAfterExtension: 2, reviewBy: "CJG" },
        "54S01": { extensionsWithoutReferrer: 2, documentAtExtension: 2, documentName: "Zelfevaluatie", reviewAfterExtension: 2, reviewBy: "CJG" },
      },
    },
  ],
  ceilings: [
    { year: 2025, amountCents: 9_000_000 },
    { year: 2026, amountCents: 9_000_000 },
  ],
};

export const KAS_SEGMENT_4: ContractSpec = {
  name: "Segment 4 vaktherapie",
  reference: "S4-2023-017",
  clientKind: "region",
  regionCode: "hart-van-brabant",
  kind: "tender_framework",
  lot: "segment 4",
  startsOn: "2023-01-01",
  endsOn: "2027-12-31",
  extensionOptions: "verlengbaar tot zes jaar",
  latestEndOn: "2028-12-31",
  evaluationDates: ["2025-12-31"],
  financing: "effort",
  indirectTime: "share",
  indirectSharePercent: 25,
  notes: "Gemeenten vragen ongeveer 20 % extra administratie. Een regiebehandelaar is nodig voor GGZ- en JOH-producten.",
  products: [
    { name: "Vaktherapie jeugd", category: "45", code: "45A01", tariffs: [{ validFrom: "2023-01-01", amountCents: 7600 }, { validFrom: "2026-01-01", amountCents: 7960 }], rules: { maxVolume: 40 * HOUR, maxDurationWeeks: 52, extensionsWithoutReferrer: 1 } },
    { name: "Vaktherapie jeugd-GGZ", category: "54", code: "54A01", requiresLeadClinician: true, tariffs: [{ validFrom: "2023-01-01", amountCents: 8120 }, { validFrom: "2026-01-01", amountCents: 8470 }], rules: { maxVolume: 50 * HOUR, maxDurationWeeks: 52 } },
    { name: "Jeugd- en opvoedhulp (JOH)", category: "45", code: "45J01", requiresLeadClinician: true, tariffs: [{ validFrom: "2023-01-01", amountCents: 7600 }, { validFrom: "2026-01-01", amountCents: 7960 }], rules: { maxVolume: 30 * HOUR } },
  ],
  requirements: [{ code: "register_vaktherapie" }, { code: "vog", maxAgeMonths: 36 }, { code: "hkz" }],
  ceilings: [
    { year: 2026, amountCents: 21_000_000 },
    { year: 2027, amountCents: 21_000_000 },
  ],
};

export const VAKWERK_NIJMEGEN: ContractSpec = {
  name: "Rijk van Nijmegen vaktherapie",
  reference: "RvN-JH-2024-112",
  clientKind: "region",
  regionCode: "rijk-van-nijmegen",
  kind: "custom",
  startsOn: "2024-01-01",
  endsOn: "2027-12-31",
  extensionOptions: "1 x 2 jaar",
  latestEndOn: "2029-12-31",
  financing: "effort",
  indirectTime: "not_paid",
  notes: "Een regiebehandelaar bevestigt dat vaktherapie nodig is voordat een toewijzing wordt aangevraagd.",
  products: [
    { name: "Vaktherapie individueel", category: "45", code: "45V01", requiresLeadClinician: true, tariffs: [{ validFrom: "2024-01-01", amountCents: 7400 }, { validFrom: "2026-01-01", amountCents: 7800 }], rules: { maxVolume: 30 * HOUR, maxDurationWeeks: 40, extensionsWithoutReferrer: 1 } },
  ],
  requirements: [{ code: "register_vaktherapie" }, { code: "vog", maxAgeMonths: 36 }, { code: "liability_insurance" }],
  ceilings: [
    { year: 2026, amountCents: 18_500_000 },
    { year: 2027, amountCents: 18_500_000 },
  ],
};

const PLAN: Record<string, ContractSpec[]> = {
  "wij-zijn-kas": [KAS_SEGMENT_4, HAARLEM_PILOT, IJZK_PERCEEL_2],
  "vakwerk-nijmegen": [VAKWERK_NIJMEGEN],
};

export async function seedDemoContracts(tx: Tx) {
  for (const [slug, specs] of Object.entries(PLAN)) {
    const [org] = await tx.select().from(organizations).where(eq(organizations.slug, slug));
    if (!org) continue;
    const [already] = await tx.select({ n: count() }).from(contracts).where(eq(contracts.organizationId, org.id));
    if (already.n > 0) continue;
    for (const spec of specs) await insertContractSpec(tx, org.id, spec);
  }
}

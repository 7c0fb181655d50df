import { describe, expect, it } from "vitest";
import { eligibilityOn, requirementOn, type HeldRegistration, type Requirement } from "./eligibility";

// The Haarlem pilot asks the Register Vaktherapie and a VOG no older than 36 months;
// the Friesland tender also HKZ for the cooperative (DOMAIN.md, facts from the seeds).
const RV: Requirement = { typeId: "rv", subject: "member", maxAgeMonths: null };
const VOG36: Requirement = { typeId: "vog", subject: "member", maxAgeMonths: 36 };
const HKZ: Requirement = { typeId: "hkz", subject: "organization", maxAgeMonths: null };

const reg = (typeId: string, issuedOn: string | null, validUntil: string | null, verification: HeldRegistration["verification"] = "verified"): HeldRegistration => ({
  typeId,
  issuedOn,
  validUntil,
  verification,
});
const active = { status: "member" as const, leavesOn: null };

describe("requirementOn", () => {
  it.each([
    ["verified and in force", RV, [reg("rv", "2024-02-29", "2029-02-28")], "2026-11-23", { met: true, until: "2029-02-28" }],
    ["valid through its last day", RV, [reg("rv", "2021-11-23", "2026-11-23")], "2026-11-23", { met: true, until: "2026-11-23" }],
    ["open-ended (VECOZO-like)", { ...RV, typeId: "vecozo" }, [reg("vecozo", "2020-01-01", null)], "2026-11-23", { met: true, until: null }],
    ["a renewal carries on", RV, [reg("rv", "2021-12-01", "2026-12-01"), reg("rv", "2026-11-01", "2031-11-01")], "2026-11-23", { met: true, until: "2031-11-01" }],
    ["an adjoining renewal carries on", RV, [reg("rv", "2021-12-01", "2026-12-01"), reg("rv", "2026-12-02", "2031-12-02")], "2026-11-23", { met: true, until: "2031-12-02" }],
    ["a gap ends coverage", RV, [reg("rv", "2021-12-01", "2026-12-01"), reg("rv", "2026-12-05", "2031-12-05")], "2026-11-23", { met: true, until: "2026-12-01" }],
    ["a pending renewal does not carry on", RV, [reg("rv", "2021-12-01", "2026-12-01"), reg("rv", "2026-11-01", "2031-11-01", "pending")], "2026-11-23", { met: true, until: "2026-12-01" }],
    // VOG issued 2024-03-15, 36 months: good through 2027-03-15 though its cycle runs on.
    ["VOG within its age", VOG36, [reg("vog", "2024-03-15", "2027-03-15")], "2026-11-23", { met: true, until: "2027-03-15" }],
    ["VOG age limit before its valid-until", { ...VOG36, maxAgeMonths: 24 }, [reg("vog", "2024-03-15", "2027-03-15")], "2026-01-10", { met: true, until: "2026-03-15" }],
  ] as const)("%s", (_label, requirement, held, date, expected) => {
    expect(requirementOn(requirement, held, date)).toEqual(expected);
  });

  it.each([
    ["nothing held", RV, [], "2026-11-23", { code: "missing", typeId: "rv", subject: "member" }],
    ["only rejected", RV, [reg("rv", "2025-01-01", "2030-01-01", "rejected")], "2026-11-23", { code: "missing", typeId: "rv", subject: "member" }],
    ["awaiting verification", RV, [reg("rv", "2025-01-01", "2030-01-01", "pending")], "2026-11-23", { code: "unverified", typeId: "rv", subject: "member" }],
    // Xander Pauw's Register Vaktherapie ran out on 14-09-2026.
    ["expired", RV, [reg("rv", "2021-09-14", "2026-09-14")], "2026-11-23", { code: "expired", typeId: "rv", subject: "member", on: "2026-09-14" }],
    ["issued after the date", RV, [reg("rv", "2026-12-01", "2031-12-01")], "2026-11-23", { code: "not_yet_valid", typeId: "rv", subject: "member", on: "2026-12-01" }],
    ["VOG older than 36 months", VOG36, [reg("vog", "2023-06-01", "2026-12-31")], "2026-11-23", { code: "too_old", typeId: "vog", subject: "member", on: "2026-06-01", maxAgeMonths: 36 }],
    ["VOG without issue date under an age limit", VOG36, [reg("vog", null, "2027-01-01")], "2026-11-23", { code: "too_old", typeId: "vog", subject: "member", on: "2026-11-23", maxAgeMonths: 36 }],
  ] as const)("not met: %s", (_label, requirement, held, date, reason) => {
    expect(requirementOn(requirement, held, date)).toEqual({ met: false, reason });
  });
});

describe("eligibilityOn", () => {
  const held = [reg("rv", "2024-02-29", "2029-02-28"), reg("vog", "2024-03-15", "2027-03-15")];
  const hkz = [reg("hkz", "2025-09-23", "2028-09-23")];
  it.each([
    ["all met", active, [RV, VOG36, HKZ], held, hkz, "2026-11-23", { eligible: true, reasons: [], until: "2027-03-15", lapsesSoon: false }],
    ["lapse within 90 days", active, [RV, VOG36], held, [], "2027-01-01", { eligible: true, reasons: [], until: "2027-03-15", lapsesSoon: true }],
    ["day 90 is still in the window; day 91 is not", active, [VOG36], held, [], "2026-12-16", { eligible: true, reasons: [], until: "2027-03-15", lapsesSoon: true }],
    ["just outside the window", active, [VOG36], held, [], "2026-12-15", { eligible: true, reasons: [], until: "2027-03-15", lapsesSoon: false }],
    ["no requirements, no end", active, [], [], [], "2026-11-23", { eligible: true, reasons: [], until: null, lapsesSoon: false }],
    ["cooperative lacks HKZ", active, [RV, HKZ], held, [], "2026-11-23", { eligible: false, reasons: [{ code: "missing", typeId: "hkz", subject: "organization" }], until: null, lapsesSoon: false }],
    ["suspended", { status: "suspended", leavesOn: null }, [RV], held, [], "2026-11-23", { eligible: false, reasons: [{ code: "not_active", status: "suspended" }], until: null, lapsesSoon: false }],
    ["left on the date", { status: "member", leavesOn: "2026-11-23" }, [RV], held, [], "2026-11-23", { eligible: false, reasons: [{ code: "not_active", status: "left" }], until: null, lapsesSoon: false }],
    ["leaving at year end", { status: "member", leavesOn: "2027-01-01" }, [RV], held, [], "2026-11-23", { eligible: true, reasons: [], until: "2026-12-31", lapsesSoon: true }],
    [
      "every reason listed",
      { status: "prospective", leavesOn: null },
      [RV, VOG36],
      [reg("vog", "2023-01-01", "2026-01-01")],
      [],
      "2026-11-23",
      {
        eligible: false,
        reasons: [
          { code: "not_active", status: "prospective" },
          { code: "missing", typeId: "rv", subject: "member" },
          { code: "expired", typeId: "vog", subject: "member", on: "2026-01-01" },
        ],
        until: null,
        lapsesSoon: false,
      },
    ],
  ] as const)("%s", (_label, member, requirements, registrations, organizationRegistrations, date, expected) => {
    expect(eligibilityOn({ date, member, requirements, registrations, organizationRegistrations })).toEqual(expected);
  });
});

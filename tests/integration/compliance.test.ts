import { addDays } from "@koepel/rules";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agbCodes, contracts, files, memberPractices, practices, reportReminders, reportSubmissions, reportingDuties } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { withSystem } from "~db/tenant";
import { runDutyReminders } from "~/modules/compliance/reminders.server";
import * as dashboard from "~/routes/c.$org.compliance._index";
import * as matrixPage from "~/routes/c.$org.compliance.eligibility";
import * as matrixCsv from "~/routes/c.$org.compliance.eligibility[.csv]";
import * as rosterCsv from "~/routes/c.$org.compliance.roster[.csv]";
import * as rosterPdf from "~/routes/c.$org.compliance.roster[.pdf]";
import * as contractEligibility from "~/routes/c.$org.contracts.$contractId.eligibility";
import * as duties from "~/routes/c.$org.contracts.$contractId.duties";
import * as report from "~/routes/c.$org.contracts.$contractId.duties_.$dutyId.report";
import { addMember, createOrg, createUser, findOrgBySlug, get, mailsTo, post, rowCounts, type TestUser } from "../helpers/app";
import { createContract } from "../helpers/contracts";
import { PDF, insertRegistration, memberRecord, multipart, typeByCode } from "../helpers/registrations";

// The eligibility date of these tests; registrations are dated around it.
const DAY = "2026-11-23";

type Org = Awaited<ReturnType<typeof createOrg>>;
type Setup = {
  org: Org;
  chair: TestUser;
  staff: TestUser;
  member: TestUser;
  contractId: string;
  ids: Record<"anna" | "bram" | "xander" | "lotte", string>;
};

/**
 * A cooperative shaped like the demo: a Haarlem-pilot contract (Register
 * Vaktherapie and a VOG of at most 36 months), Anna in order, Bram without the
 * Register Vaktherapie, Xander whose Register Vaktherapie expired on 14 September
 * 2026, Lotte whose runs out within 90 days, and office staff (never on the roster).
 */
async function cooperative(): Promise<Setup> {
  const chair = await createUser({ name: "Carla Voorzitter" });
  const org = await createOrg(chair, { name: `Proefcoop ${Math.random().toString(36).slice(2, 8)}` });
  const staff = await createUser({ name: "Sam Secretariaat" });
  await addMember(org.id, staff.id, "office_staff");
  await memberRecord(org.id, staff, { type: "office_staff", name: "Sam Secretariaat" });
  const member = await createUser({ name: "Mila Lid" });
  await addMember(org.id, member.id, "member");
  // No ceilings: the dashboard's "no ceiling" state (the budget tests cover the figures).
  const { contractId } = await createContract(org.id, { ceilings: [] });
  const rv = await typeByCode(org.id, "register_vaktherapie");
  const vog = await typeByCode(org.id, "vog");
  const hkz = await typeByCode(org.id, "hkz");
  const person = async (name: string, regs: { typeId: string; issuedOn: string; validUntil?: string; number?: string }[]) => {
    const m = await memberRecord(org.id, null, { name, disciplines: ["drama"] });
    for (const r of regs) await insertRegistration({ organizationId: org.id, memberId: m.id, verification: "verified", ...r });
    return m.id;
  };
  const vogOk = { typeId: vog.id, issuedOn: "2026-01-10" };
  const ids = {
    anna: await person("Anna Alles", [{ typeId: rv.id, issuedOn: "2024-05-01", validUntil: "2029-05-01", number: "210001" }, vogOk]),
    bram: await person("Bram Zonder", [vogOk]),
    xander: await person("Xander Pauw", [{ typeId: rv.id, issuedOn: "2021-09-14", validUntil: "2026-09-14", number: "209871" }, vogOk]),
    lotte: await person("Lotte Loopt", [{ typeId: rv.id, issuedOn: "2021-01-07", validUntil: addDays(DAY, 45), number: "210458" }, vogOk]),
  };
  await insertRegistration({ organizationId: org.id, memberId: null, typeId: hkz.id, verification: "verified", issuedOn: "2025-06-01", validUntil: "2028-06-01", number: "HKZ-778" });
  // Anna's AGB codes: personal, and her practice's business code.
  await withSystem(async (tx) => {
    const [practice] = await tx.insert(practices).values({ organizationId: org.id, name: "Praktijk De Regenboog" }).returning();
    await tx.insert(memberPractices).values({ organizationId: org.id, memberId: ids.anna, practiceId: practice.id });
    await tx.insert(agbCodes).values([
      { organizationId: org.id, kind: "personal", memberId: ids.anna, code: String(90250000 + Math.floor(Math.random() * 9999)) },
      { organizationId: org.id, kind: "business", practiceId: practice.id, code: String(90260000 + Math.floor(Math.random() * 9999)) },
    ]);
  });
  return { org, chair, staff, member, contractId, ids };
}

const p = (s: Setup, extra: Record<string, string> = {}) => ({ org: s.org.slug, ...extra });

let A: Setup;
let B: Setup;
/** This file's rows: other files write to the same tables meanwhile (helpers/app.ts, RowScope). */
const ours = () => {
  const people = [A, B].flatMap((c) => [c.chair, c.staff, c.member]);
  return { organizationIds: [A.org.id, B.org.id], userIds: people.map((u) => u.id), emails: people.map((u) => u.email) };
};
beforeAll(async () => {
  A = await cooperative();
  B = await cooperative();
}, 60_000);

describe("eligibility matrix", () => {
  it("shows each practitioner under each contract on the chosen date, with the reasons for each no", async () => {
    // Everyone (`view=all`); the default view, problems only, is tested below.
    const res = await get(matrixPage.loader, `/c/${A.org.slug}/compliance/eligibility?date=${DAY}&view=all`, { cookie: A.chair.cookie, params: p(A) });
    expect(res.status).toBe(200);
    const { matrix } = res.data;
    expect(matrix.date).toBe(DAY);
    expect(matrix.contracts.map((c: { id: string }) => c.id)).toEqual([A.contractId]);
    // Office staff deliver no care: not in the matrix.
    expect(matrix.practitioners.map((x: { name: string }) => x.name)).not.toContain("Sam Secretariaat");
    const cell = (id: string) => matrix.cells.find((c: { memberId: string }) => c.memberId === id);
    expect(cell(A.ids.anna)).toMatchObject({ eligible: true, lapsesSoon: false });
    const rv = await typeByCode(A.org.id, "register_vaktherapie");
    expect(cell(A.ids.bram)).toMatchObject({ eligible: false, reasons: [{ code: "missing", typeId: rv.id }] });
    expect(cell(A.ids.xander)).toMatchObject({ eligible: false, reasons: [{ code: "expired", typeId: rv.id, on: "2026-09-14" }] });
    expect(cell(A.ids.lotte)).toMatchObject({ eligible: true, lapsesSoon: true, until: addDays(DAY, 45) });
    // Who stops being eligible within 90 days, and why (the day after).
    expect(matrix.lapses).toEqual([expect.objectContaining({ memberName: "Lotte Loopt", until: addDays(DAY, 45), reasons: [expect.objectContaining({ code: "expired", typeId: rv.id, on: addDays(DAY, 45) })] })]);
  });

  it("shows problems only by default (red or lapsing within 90 days), with the counts of everyone; view=all shows the rest", async () => {
    const path = `/c/${A.org.slug}/compliance/eligibility?date=${DAY}`;
    const problems = (await get(matrixPage.loader, path, { cookie: A.chair.cookie, params: p(A) })).data.matrix;
    const all = (await get(matrixPage.loader, `${path}&view=all`, { cookie: A.chair.cookie, params: p(A) })).data.matrix;
    expect(problems.view).toBe("problems");
    const ids = (m: { practitioners: { id: string }[] }) => m.practitioners.map((x) => x.id);
    // Bram (missing) and Xander (expired) are red, Lotte lapses within the window; Anna is green and hidden.
    expect(ids(problems)).toEqual(expect.arrayContaining([A.ids.bram, A.ids.xander, A.ids.lotte]));
    expect(ids(problems)).not.toContain(A.ids.anna);
    expect(ids(all)).toContain(A.ids.anna);
    expect(problems.problemCount).toBe(ids(problems).length);
    expect(problems.paging.total).toBe(problems.problemCount);
    // The counts per contract still cover everyone, whichever rows are shown.
    expect(problems.practitionerCount).toBe(all.practitionerCount);
    expect(problems.eligible).toEqual(all.eligible);
    // Every row shown has a red or amber cell; every hidden one has none.
    const shown = new Set(ids(problems));
    for (const c of all.cells as { memberId: string; eligible: boolean; lapsesSoon: boolean }[]) {
      if (!c.eligible || c.lapsesSoon) expect(shown.has(c.memberId)).toBe(true);
    }
    // Sorted by name, either way.
    const names = (m: { practitioners: { name: string }[] }) => m.practitioners.map((x) => x.name);
    const desc = (await get(matrixPage.loader, `${path}&view=all&sort=name&dir=desc`, { cookie: A.chair.cookie, params: p(A) })).data.matrix;
    expect(names(desc)).toEqual([...names(all)].reverse());
  });

  it("answers for another date: before 14 September 2026 Xander was eligible", async () => {
    const res = await get(matrixPage.loader, `/c/${A.org.slug}/compliance/eligibility?date=2026-09-01`, { cookie: A.staff.cookie, params: p(A) });
    expect(res.status).toBe(200);
    const xander = res.data.matrix.cells.find((c: { memberId: string }) => c.memberId === A.ids.xander);
    expect(xander).toMatchObject({ eligible: true, lapsesSoon: true, until: "2026-09-14" });
  });

  it("a malformed date falls back to today rather than failing", async () => {
    const res = await get(matrixPage.loader, `/c/${A.org.slug}/compliance/eligibility?date=gisteren`, { cookie: A.chair.cookie, params: p(A) });
    expect(res.status).toBe(200);
    expect(res.data.matrix.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("as CSV: one row per practitioner and contract, the reasons in words", async () => {
    const res = await get(matrixCsv.loader, `/c/${A.org.slug}/compliance/eligibility.csv?date=${DAY}`, { cookie: A.chair.cookie, params: p(A) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const lines = String(res.data).replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toBe("Behandelaar;Contract;Inzetbaar;Redenen;Laatste inzetbare dag");
    const [contract] = await withSystem((tx) => tx.select().from(contracts).where(eq(contracts.id, A.contractId)));
    expect(lines).toContain(`Bram Zonder;${contract.name};Niet inzetbaar;Register Vaktherapie ontbreekt;`);
    expect(lines).toContain(`Xander Pauw;${contract.name};Niet inzetbaar;Register Vaktherapie verlopen op 14-09-2026;`);
    // Her VOG (issued 10-01-2026, at most 36 months) ends before her Register Vaktherapie.
    expect(lines).toContain(`Anna Alles;${contract.name};Inzetbaar;;10-01-2029`);
    expect(lines.join("\n")).not.toContain("Sam Secretariaat");
  });

  it("a contract's column: who may work on the date, and the coming lapses", async () => {
    const res = await get(contractEligibility.loader, `/c/${A.org.slug}/contracts/${A.contractId}/eligibility?date=${DAY}`, { cookie: A.chair.cookie, params: p(A, { contractId: A.contractId }) });
    expect(res.status).toBe(200);
    expect(res.data.matrix.cells.filter((c: { eligible: boolean }) => c.eligible).map((c: { memberId: string }) => c.memberId).sort()).toEqual([A.ids.anna, A.ids.lotte].sort());
    expect(res.data.matrix.lapses.map((l: { memberId: string }) => l.memberId)).toEqual([A.ids.lotte]);
    // Another cooperative's contract is not found.
    const foreign = await get(contractEligibility.loader, `/c/${A.org.slug}/contracts/${B.contractId}/eligibility`, { cookie: A.chair.cookie, params: p(A, { contractId: B.contractId }) });
    expect(foreign.status).toBe(404);
  });
});

describe("bid-ready roster", () => {
  it("as CSV: practitioners with disciplines, AGB codes, practice and registrations; the cooperative's own HKZ", async () => {
    const res = await get(rosterCsv.loader, `/c/${A.org.slug}/compliance/roster.csv?date=${DAY}`, { cookie: A.staff.cookie, params: p(A) });
    expect(res.status).toBe(200);
    const text = String(res.data);
    const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toBe("Naam;Soort;Status;Disciplines;Persoonlijke AGB-code;Praktijk;AGB-code onderneming;Registratie;Registratienummer;Controle;Geldig tot en met");
    const [personal] = await withSystem((tx) => tx.select().from(agbCodes).where(and(eq(agbCodes.memberId, A.ids.anna), eq(agbCodes.kind, "personal"))));
    const anna = lines.filter((l) => l.startsWith("Anna Alles;"));
    expect(anna).toHaveLength(2); // Register Vaktherapie and VOG
    expect(anna.find((l) => l.includes("Register Vaktherapie"))).toMatch(new RegExp(`^Anna Alles;Lid;Lid;Dramatherapie;${personal.code};Praktijk De Regenboog;9026\\d{4};Register Vaktherapie;210001;gecontroleerd;01-05-2029$`));
    expect(lines.some((l) => l.startsWith(`${A.org.name};Coöperatie;`) && l.includes("HKZ-certificaat;HKZ-778;gecontroleerd;01-06-2028"))).toBe(true);
    expect(text).not.toContain("Sam Secretariaat");
  });

  it("with ?contractId=: who is eligible under that contract, and why not", async () => {
    const res = await get(rosterCsv.loader, `/c/${A.org.slug}/compliance/roster.csv?date=${DAY}&contractId=${A.contractId}`, { cookie: A.chair.cookie, params: p(A) });
    expect(res.status).toBe(200);
    const lines = String(res.data).replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(lines[0]).toMatch(/;Inzetbaar;Redenen$/);
    expect(lines.find((l) => l.startsWith("Xander Pauw;") && l.includes("Register Vaktherapie;"))).toMatch(/;Niet inzetbaar;Register Vaktherapie verlopen op 14-09-2026$/);
    expect(lines.find((l) => l.startsWith("Anna Alles;"))).toMatch(/;Inzetbaar;$/);
    const foreign = await get(rosterCsv.loader, `/c/${A.org.slug}/compliance/roster.csv?contractId=${B.contractId}`, { cookie: A.chair.cookie, params: p(A) });
    expect(foreign.status).toBe(404);
  });

  it("as PDF: a PDF download naming the cooperative", async () => {
    const res = await get(rosterPdf.loader, `/c/${A.org.slug}/compliance/roster.pdf?date=${DAY}`, { cookie: A.chair.cookie, params: p(A) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.pdf"$/);
    const text = String(res.data);
    expect(text.startsWith("%PDF")).toBe(true);
    expect(text).toContain(A.org.name);
    expect(text).not.toContain(B.org.name);
  });
});

describe("reporting duties", () => {
  const url = (s: Setup) => `/c/${s.org.slug}/contracts/${s.contractId}/duties`;
  const params = (s: Setup) => p(s, { contractId: s.contractId });
  const act = (s: Setup, who: TestUser, form: Record<string, string> | FormData) => post(duties.action, url(s), form, { cookie: who.cookie, params: params(s) });
  const dutyOf = async (id: string) => (await withSystem((tx) => tx.select().from(reportingDuties).where(eq(reportingDuties.id, id))))[0] ?? null;

  it("the board adds a yearly report by 1 March; a double submit is one duty; bad input is 400 beside the field", async () => {
    const key = crypto.randomUUID();
    const form = { intent: "create", key, title: "Jaarverslag", recurrence: "yearly", firstDueOn: "2027-03-01", remindDaysBefore: "30" };
    const first = await act(A, A.chair, form);
    expect(first.status).toBe(302);
    const again = await act(A, A.chair, form);
    expect(again.status).toBe(302);
    expect(await dutyOf(key)).toMatchObject({ title: "Jaarverslag", recurrence: "yearly", firstDueOn: "2027-03-01", remindDaysBefore: 30, version: 1, contractId: A.contractId });
    const rows = await withSystem((tx) => tx.select().from(reportingDuties).where(eq(reportingDuties.contractId, A.contractId)));
    expect(rows.filter((r) => r.title === "Jaarverslag")).toHaveLength(1);

    const before = await rowCounts({ scope: ours() });
    const bad = await act(A, A.chair, { ...form, key: crypto.randomUUID(), remindDaysBefore: "400", recurrence: "weekly" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error).toMatchObject({ remindDaysBefore: ["duties.errors.remindDays"], recurrence: ["errors.invalid"] });
    expect(await rowCounts({ scope: ours() })).toEqual(before);
  });

  it("the page lists the due dates with their status", async () => {
    const key = crypto.randomUUID();
    await act(A, A.chair, { intent: "create", key, title: "Productiecijfers", recurrence: "quarterly", firstDueOn: "2026-04-30", remindDaysBefore: "14" });
    const res = await get(duties.loader, url(A), { cookie: A.staff.cookie, params: params(A) });
    expect(res.status).toBe(200);
    expect(res.data.canWrite).toBe(false); // office staff see, the board writes
    const duty = res.data.duties.find((d: { id: string }) => d.id === key);
    const today = res.data.today as string;
    for (const o of duty.occurrences) expect(o.status).toBe(o.dueOn < today ? "overdue" : o.dueOn <= addDays(today, 14) ? "due_soon" : "upcoming");
    expect(duty.occurrences.map((o: { dueOn: string }) => o.dueOn)).toContain("2026-07-30");
  });

  it("edits carry the version: a stale one is 409 and writes nothing; deactivate stops the duty", async () => {
    const key = crypto.randomUUID();
    await act(A, A.chair, { intent: "create", key, title: "Kwartaalcijfers", recurrence: "quarterly", firstDueOn: "2026-04-30", remindDaysBefore: "14" });
    const ok = await act(A, A.chair, { intent: "update", dutyId: key, version: "1", title: "Productiecijfers per kwartaal", recurrence: "quarterly", firstDueOn: "2026-04-30", remindDaysBefore: "21" });
    expect(ok.status).toBe(302);
    expect(await dutyOf(key)).toMatchObject({ title: "Productiecijfers per kwartaal", remindDaysBefore: 21, version: 2 });
    const before = await rowCounts({ scope: ours() });
    const stale = await act(A, A.chair, { intent: "update", dutyId: key, version: "1", title: "Oud", recurrence: "yearly", firstDueOn: "2026-04-30", remindDaysBefore: "7" });
    expect(stale.status).toBe(409);
    const staleStop = await act(A, A.chair, { intent: "deactivate", dutyId: key, version: "1" });
    expect(staleStop.status).toBe(409);
    expect(await rowCounts({ scope: ours() })).toEqual(before);
    expect(await dutyOf(key)).toMatchObject({ title: "Productiecijfers per kwartaal", version: 2, active: true });
    expect((await act(A, A.chair, { intent: "deactivate", dutyId: key, version: "2" })).status).toBe(302);
    expect(await dutyOf(key)).toMatchObject({ active: false, version: 3 });
    // A duty of another cooperative through this contract's page: not found, nothing written.
    const foreignKey = crypto.randomUUID();
    await act(B, B.chair, { intent: "create", key: foreignKey, title: "Van B", recurrence: "once", firstDueOn: "2027-01-01", remindDaysBefore: "7" });
    const countsBefore = await rowCounts({ scope: ours() });
    const foreign = await act(A, A.chair, { intent: "deactivate", dutyId: foreignKey, version: "1" });
    expect(foreign.status).toBe(404);
    expect(await rowCounts({ scope: ours() })).toEqual(countsBefore);
  });

  it("the board marks a due date submitted with the report attached; once only; the report downloads", async () => {
    const key = crypto.randomUUID();
    await act(A, A.chair, { intent: "create", key, title: "Jaarrapportage", recurrence: "yearly", firstDueOn: "2026-03-01", remindDaysBefore: "30" });
    const form = () => multipart({ intent: "submit", dutyId: key, dueOn: "2026-03-01", submittedOn: "2026-02-26", note: "Per e-mail" }, { name: "jaarverslag 2025.pdf", bytes: PDF, field: "report" });
    const first = await act(A, A.chair, form());
    expect(first.status).toBe(302);
    const subs = async () => withSystem((tx) => tx.select().from(reportSubmissions).where(eq(reportSubmissions.dutyId, key)));
    expect(await subs()).toEqual([expect.objectContaining({ dueOn: "2026-03-01", submittedOn: "2026-02-26", note: "Per e-mail" })]);
    const fileCount = async () => (await withSystem((tx) => tx.select().from(files).where(eq(files.organizationId, A.org.id)))).length;
    const filesAfterFirst = await fileCount();
    // Double submit: still one submission, no second file.
    expect((await act(A, A.chair, form())).status).toBe(302);
    expect(await subs()).toHaveLength(1);
    expect(await fileCount()).toBe(filesAfterFirst);
    const download = await get(report.loader, `${url(A)}/${key}/report?dueOn=2026-03-01`, { cookie: A.staff.cookie, params: p(A, { contractId: A.contractId, dutyId: key }) });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("Content-Disposition")).toContain("attachment");
    expect(String(download.data)).toBe(new TextDecoder().decode(PDF));
    // No report for a date: back to the duties; another cooperative's duty: not found.
    const none = await get(report.loader, `${url(A)}/${key}/report?dueOn=2027-03-01`, { cookie: A.chair.cookie, params: p(A, { contractId: A.contractId, dutyId: key }) });
    expect(none.status).toBe(302);
    const foreign = await get(report.loader, `${url(B)}/${key}/report?dueOn=2026-03-01`, { cookie: B.chair.cookie, params: p(B, { contractId: B.contractId, dutyId: key }) });
    expect(foreign.status).toBe(404);
  });

  it("a date that is no due date, or a file that is no PDF/PNG/JPEG, is 400 and writes nothing", async () => {
    const key = crypto.randomUUID();
    await act(A, A.chair, { intent: "create", key, title: "Kwartaal", recurrence: "quarterly", firstDueOn: "2026-04-30", remindDaysBefore: "14" });
    const before = await rowCounts({ scope: ours() });
    const notDue = await act(A, A.chair, multipart({ intent: "submit", dutyId: key, dueOn: "2026-05-01", submittedOn: "2026-05-01" }));
    expect(notDue.status).toBe(400);
    expect(notDue.data.result.error).toMatchObject({ dueOn: ["duties.errors.notADueDate"] });
    const text = await act(A, A.chair, multipart({ intent: "submit", dutyId: key, dueOn: "2026-07-30", submittedOn: "2026-07-29" }, { name: "cijfers.pdf", bytes: new TextEncoder().encode("not a pdf"), field: "report" }));
    expect(text.status).toBe(400);
    expect(text.data.result.error).toMatchObject({ report: ["errors.fileType"] });
    expect(await rowCounts({ scope: ours() })).toEqual(before);
  });

  it("reminders: once at remind_days_before, never twice, once when overdue, none after submission", async () => {
    const chair = A.chair.email;
    const key = crypto.randomUUID();
    await act(A, A.chair, { intent: "create", key, title: "Jaarverslag herinnering", recurrence: "yearly", firstDueOn: "2031-03-01", remindDaysBefore: "14" });
    const count = async () => (await mailsTo(chair)).filter((m) => m.subject.includes("Jaarverslag herinnering")).length;
    // Only A's duties: the job over every cooperative in a shared database is slow and meets other files' rows.
    const at = (date: string) => runDutyReminders(new Date(`${date}T10:00:00Z`), { organizationIds: [A.org.id] });
    await at("2031-02-14");
    expect(await count()).toBe(0);
    await at("2031-02-15");
    expect(await count()).toBe(1);
    const [mail] = (await mailsTo(chair)).filter((m) => m.subject.includes("Jaarverslag herinnering"));
    expect(mail.subject).toBe("Rapportage Jaarverslag herinnering uiterlijk 01-03-2031");
    expect(mail.text).toContain(`/c/${A.org.slug}/contracts/${A.contractId}/duties`);
    await at("2031-02-15");
    await at("2031-02-20");
    expect(await count()).toBe(1);
    await at("2031-03-02");
    expect(await count()).toBe(2);
    expect((await mailsTo(chair)).filter((m) => m.subject.includes("Jaarverslag herinnering")).at(-1)!.subject).toBe("Te laat: rapportage Jaarverslag herinnering (uiterlijk 01-03-2031)");
    await at("2031-03-03");
    await at("2031-03-10");
    expect(await count()).toBe(2);
    const steps = await withSystem((tx) => tx.select().from(reportReminders).where(eq(reportReminders.dutyId, key)));
    expect(steps.map((s) => s.kind).sort()).toEqual(["before", "overdue"]);
    // The next year's report is submitted early: no reminder for it.
    expect((await act(A, A.chair, multipart({ intent: "submit", dutyId: key, dueOn: "2032-03-01", submittedOn: "2032-02-01" }))).status).toBe(302);
    await at("2032-02-20");
    await at("2032-03-05");
    expect(await count()).toBe(2);
    // Office staff get no board reminder.
    expect((await mailsTo(A.staff.email)).filter((m) => m.subject.includes("Jaarverslag herinnering"))).toHaveLength(0);
  });
});

describe("the dashboard", () => {
  it("per contract: eligible over total, coming lapses, no ceiling, duties due", async () => {
    const res = await get(dashboard.loader, `/c/${A.org.slug}/compliance`, { cookie: A.chair.cookie, params: p(A) });
    expect(res.status).toBe(200);
    const card = res.data.dashboard.cards.find((c: { id: string }) => c.id === A.contractId);
    // Today, whatever it is: the chair and Bram never, Xander no longer; Anna yes.
    expect(card.practitioners).toBe(5); // chair, Anna, Bram, Xander, Lotte
    expect(card.eligible).toBeLessThanOrEqual(2);
    expect(card.budget?.ceilingCents ?? null).toBeNull();
    expect(card.trajectories).toEqual([]);
    expect(res.data.dashboard.cards.map((c: { id: string }) => c.id)).not.toContain(B.contractId);
  });
});

describe("refusals", () => {
  it("a member gets 403, another cooperative 404, anonymous the login; nothing is written", async () => {
    const routes = [
      { fn: dashboard.loader, path: `/c/${A.org.slug}/compliance`, params: p(A) },
      { fn: matrixPage.loader, path: `/c/${A.org.slug}/compliance/eligibility`, params: p(A) },
      { fn: matrixCsv.loader, path: `/c/${A.org.slug}/compliance/eligibility.csv`, params: p(A) },
      { fn: rosterCsv.loader, path: `/c/${A.org.slug}/compliance/roster.csv`, params: p(A) },
      { fn: rosterPdf.loader, path: `/c/${A.org.slug}/compliance/roster.pdf`, params: p(A) },
      { fn: contractEligibility.loader, path: `/c/${A.org.slug}/contracts/${A.contractId}/eligibility`, params: p(A, { contractId: A.contractId }) },
      { fn: duties.loader, path: `/c/${A.org.slug}/contracts/${A.contractId}/duties`, params: p(A, { contractId: A.contractId }) },
    ];
    const before = await rowCounts({ scope: ours() });
    for (const r of routes) {
      expect((await get(r.fn, r.path, { cookie: A.member.cookie, params: r.params })).status, r.path).toBe(403);
      expect((await get(r.fn, r.path, { cookie: B.chair.cookie, params: r.params })).status, r.path).toBe(404);
      const anon = await get(r.fn, r.path, { params: r.params });
      expect(anon.status, r.path).toBe(302);
      expect(anon.location).toMatch(/^\/login/);
    }
    const form = { intent: "create", key: crypto.randomUUID(), title: "Niet toegestaan", recurrence: "yearly", firstDueOn: "2027-03-01", remindDaysBefore: "14" };
    const path = `/c/${A.org.slug}/contracts/${A.contractId}/duties`;
    const params = p(A, { contractId: A.contractId });
    expect((await post(duties.action, path, form, { cookie: A.member.cookie, params })).status).toBe(403);
    expect((await post(duties.action, path, form, { cookie: A.staff.cookie, params })).status).toBe(403); // office staff see, never write
    expect((await post(duties.action, path, form, { cookie: B.chair.cookie, params })).status).toBe(404);
    expect((await post(duties.action, path, form, { params })).status).toBe(302);
    // B's chair through B's own URL with A's contract: not found.
    expect((await post(duties.action, `/c/${B.org.slug}/contracts/${A.contractId}/duties`, form, { cookie: B.chair.cookie, params: p(B, { contractId: A.contractId }) })).status).toBe(404);
    expect(await rowCounts({ scope: ours() })).toEqual(before);
  });
});

describe("demo", () => {
  it("Wij zijn KAS: Xander Pauw is not eligible (expired Register Vaktherapie); one quarterly report overdue, the segment 4 reports submitted", async () => {
    await seedDemo();
    const kas = await findOrgBySlug("wij-zijn-kas");
    const all = await withSystem((tx) => tx.select().from(reportingDuties).where(eq(reportingDuties.organizationId, kas!.id)));
    expect(all.map((d) => d.title).sort()).toEqual(["Jaarverslag pilot vaktherapie", "Jaarverslag segment 4", "Productiecijfers per kwartaal"]);
    const { getComplianceDashboard } = await import("~/modules/compliance/dashboard.server");
    const { todayInAmsterdam } = await import("@koepel/rules");
    const ctx = { ...A.chair.ctx, org: { id: kas!.id, slug: kas!.slug, name: kas!.name, legalForm: kas!.legalForm, kvkNumber: kas!.kvkNumber, version: kas!.version }, role: "chair" as const, membershipId: "", can: () => true };
    const board = await getComplianceDashboard(ctx, todayInAmsterdam());
    const overdue = board.cards.flatMap((c) => c.duties).filter((d) => d.status === "overdue");
    expect(overdue.map((d) => d.title)).toEqual(["Productiecijfers per kwartaal"]);
    const segment = all.find((d) => d.title === "Jaarverslag segment 4")!;
    expect((await withSystem((tx) => tx.select().from(reportSubmissions).where(eq(reportSubmissions.dutyId, segment.id)))).length).toBeGreaterThanOrEqual(2);
    const { getEligibilityMatrix } = await import("~/modules/compliance/eligibility.server");
    const matrix = await getEligibilityMatrix(ctx, todayInAmsterdam());
    const xander = matrix.practitioners.find((x) => x.name === "Xander Pauw")!;
    const cells = matrix.cells.filter((c) => c.memberId === xander.id);
    expect(cells.length).toBe(3);
    for (const c of cells) expect(c.eligible).toBe(false);
    expect(cells.some((c) => c.reasons.some((r) => r.code === "expired" && r.on === "2026-09-14"))).toBe(true);
  }, 180_000);
});

import { and, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { agbCodes, auditLog, memberImports, memberPractices, members, practices } from "~db/schema";
import { withSystem } from "~db/tenant";
import { BATCH_SIZE, importRun, resumeImports, runBatch, stopImportRuns } from "~/modules/imports/imports.server";
import * as run from "~/routes/c.$org.members.import.$importId";
import * as report from "~/routes/c.$org.members.import.$importId.errors[.csv]";
import * as upload from "~/routes/c.$org.members.import._index";
import { addMember, createUser, get, orgWithChair, post, rowCounts } from "../helpers/app";
import { fileForm, generatedCsv, SAMPLE_CSV } from "../helpers/imports";

type Org = { id: string; slug: string };
type User = { cookie: string };

const importPath = (org: Org, id = "") => `/c/${org.slug}/members/import${id ? `/${id}` : ""}`;

async function uploadFile(org: Org, user: User, form: FormData) {
  return post(upload.action, importPath(org), form, { cookie: user.cookie, params: { org: org.slug } });
}
const idFrom = (location: string | null) => location!.split("/").pop()!;

async function page(org: Org, user: User, id: string) {
  return get(run.loader, importPath(org, id), { cookie: user.cookie, params: { org: org.slug, importId: id } });
}
async function act(org: Org, user: User, id: string, form: Record<string, string>) {
  return post(run.action, importPath(org, id), form, { cookie: user.cookie, params: { org: org.slug, importId: id } });
}

/** Upload, keep the suggested mapping, and return the import's id with its preview page. */
async function uploadAndPreview(org: Org, user: User, content: string | Uint8Array<ArrayBuffer> = SAMPLE_CSV) {
  const res = await uploadFile(org, user, fileForm(content));
  expect(res.status).toBe(302);
  const id = idFrom(res.location);
  const first = await page(org, user, id);
  const mapping = Object.fromEntries(Object.entries(first.data.mapping as Record<string, number>).map(([field, column]) => [field, String(column)]));
  const mapped = await act(org, user, id, { intent: "map", version: String(first.data.version), ...mapping });
  expect(mapped.status).toBe(302);
  const preview = await page(org, user, id);
  expect(preview.data.status).toBe("previewed");
  return { id, preview: preview.data };
}

async function confirm(org: Org, user: User, id: string, version: number) {
  const res = await act(org, user, id, { intent: "confirm", version: String(version) });
  await importRun(id);
  return res;
}

// Members without an account: the import's (the chair's own record has one).
const memberCount = (orgId: string) =>
  withSystem(async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(members).where(and(eq(members.organizationId, orgId), isNull(members.userId))))[0].n);
const auditCount = (orgId: string, action: string) =>
  withSystem(async (tx) => (await tx.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.organizationId, orgId), eq(auditLog.action, action))))[0].n);

describe("member import", () => {
  // Opening and migrating the database belongs to the hook's time, not the first test's.
  beforeAll(async () => {
    await getDb();
  });

  it("upload suggests a mapping from the Dutch headers and writes no member", async () => {
    const { chair, org } = await orgWithChair();
    const res = await uploadFile(org, chair, fileForm(SAMPLE_CSV));
    expect(res.status).toBe(302);
    expect(res.location).toMatch(new RegExp(`^/c/${org.slug}/members/import/[0-9a-f-]{36}$`));
    const shown = await page(org, chair, idFrom(res.location));
    expect(shown.status).toBe(200);
    expect(shown.data).toMatchObject({ status: "uploaded", preview: null, progress: { total: 10 } });
    expect(shown.data.mapping).toEqual({
      name: 0, email: 1, phone: 2, type: 3, status: 4, agb: 5, disciplines: 6, municipalities: 7, languages: 8,
      capacityHoursPerWeek: 9, waitingWeeks: 10, practiceName: 11, practiceKvk: 12, practiceAgb: 13, practicePostcode: 14, practiceCity: 15, practiceIban: 16,
    });
    expect(await memberCount(org.id)).toBe(0);
  });

  it("the preview shows each bad row with its errors and what happens to the rest; nothing is written before confirming", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const { preview } = await uploadAndPreview(org, chair);
    expect(preview.preview.counts).toEqual({ create: 8, update: 0, unchanged: 0, error: 2 });
    const bad = preview.preview.rows.filter((r: { outcome: string }) => r.outcome === "error");
    expect(bad.map((r: { row: number; errors: { messageKey: string }[] }) => [r.row, r.errors.map((e) => e.messageKey)])).toEqual([
      [7, ["imports.errors.invalidAgb"]],
      [9, ["imports.errors.invalidEmail"]],
    ]);
    const after = await rowCounts();
    // Only the import itself and its audit rows (upload, mapping) are new.
    expect({ ...after, member_imports: before.member_imports, audit_log: before.audit_log }).toEqual(before);
    expect(after.member_imports).toBe(before.member_imports + 1);
  });

  it("confirming imports the good rows in the background, with practices, AGB codes and one audit row per member", async () => {
    const { chair, org } = await orgWithChair();
    const { id, preview } = await uploadAndPreview(org, chair);
    const res = await confirm(org, chair, id, preview.version);
    expect(res.status).toBe(302);
    const done = await page(org, chair, id);
    expect(done.data).toMatchObject({ status: "done", progress: { processed: 10, total: 10 }, summary: { created: 8, updated: 0, unchanged: 0, skipped: 2 } });

    const rows = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, org.id), isNull(members.userId))));
    expect(rows).toHaveLength(8);
    const sophie = rows.find((m) => m.email === "sophie.arts@praktijkdekleur.nl")!;
    expect(sophie).toMatchObject({ name: "Sophie Arts", type: "member", status: "member", disciplines: ["art"], municipalities: ["Nijmegen", "Berg en Dal"], languages: ["Nederlands", "Engels"], capacityHoursPerWeek: 16, waitingWeeks: 4 });
    expect(rows.find((m) => m.name === "Lisa van der Meer")).toMatchObject({ status: "prospective" });
    expect(rows.find((m) => m.name === "Mohamed El Amrani")).toMatchObject({ type: "subcontractor", disciplines: ["psychomotor"] });
    expect(rows.find((m) => m.name === "Zoë Peeters")).toBeTruthy();

    const practiceRows = await withSystem((tx) => tx.select().from(practices).where(eq(practices.organizationId, org.id)));
    // Sophie and Noor share Praktijk De Kleur: one practice, two links.
    expect(practiceRows.map((p) => p.name).sort()).toEqual(["Beeldend Werk", "Drama en Spel", "PMT Nijmegen", "Praktijk De Kleur", "Speelruimte"]);
    const kleur = practiceRows.find((p) => p.name === "Praktijk De Kleur")!;
    expect(kleur).toMatchObject({ kvkNumber: "61234567", postcode: "6511 AB", city: "Nijmegen", iban: "NL91ABNA0417164300" });
    const links = await withSystem((tx) => tx.select().from(memberPractices).where(eq(memberPractices.practiceId, kleur.id)));
    expect(links).toHaveLength(2);
    const codes = await withSystem((tx) => tx.select().from(agbCodes).where(eq(agbCodes.organizationId, org.id)));
    expect(codes.filter((c) => c.kind === "personal")).toHaveLength(8);
    expect(codes.filter((c) => c.kind === "business").map((c) => c.code)).toEqual(["90259001"]);

    // The chair's own record from the cooperative's creation, and the eight imported.
    expect(await auditCount(org.id, "member.created")).toBe(1 + 8);
    expect(await auditCount(org.id, "member_import.confirmed")).toBe(1);
    expect(await auditCount(org.id, "member_import.finished")).toBe(1);
    const [created] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, sophie.id), eq(auditLog.action, "member.created"))));
    expect(created.after).toMatchObject({ name: "Sophie Arts", importId: id });

    // The error report names both skipped rows in Dutch, with the row as it was.
    const csv = await get(report.loader, `${importPath(org, id)}/errors.csv`, { cookie: chair.cookie, params: { org: org.slug, importId: id } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = String(csv.data).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Rij;Veld;Melding;Naam;E-mail/);
    expect(lines.slice(1).map((l) => l.split(";").slice(0, 2))).toEqual([["7", "Persoonlijke AGB-code"], ["9", "E-mailadres"]]);
    expect(lines[1]).toContain("Ongeldige AGB-code: 9025 106");
    expect(lines[1]).toContain("Kees de Boer");
  });

  it("a second import of the same file changes nothing and writes no member audit rows", async () => {
    const { chair, org } = await orgWithChair();
    const first = await uploadAndPreview(org, chair);
    await confirm(org, chair, first.id, first.preview.version);
    const memberRows = await withSystem((tx) => tx.select().from(members).where(eq(members.organizationId, org.id)).orderBy(members.id));

    const second = await uploadAndPreview(org, chair);
    expect(second.id).not.toBe(first.id);
    expect(second.preview.preview.counts).toEqual({ create: 0, update: 0, unchanged: 8, error: 2 });
    const before = await rowCounts();
    await confirm(org, chair, second.id, second.preview.version);
    expect((await page(org, chair, second.id)).data.summary).toEqual({ created: 0, updated: 0, unchanged: 8, skipped: 2 });
    const after = await rowCounts();
    // The import's own confirmed/finished rows only; no member, practice, code or member audit row.
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    expect(after.audit_log).toBe(before.audit_log + 2);
    expect(await withSystem((tx) => tx.select().from(members).where(eq(members.organizationId, org.id)).orderBy(members.id))).toEqual(memberRows);
  });

  it("matches an existing member on AGB code, else email; a filled cell updates, an empty one keeps; one audit row per change", async () => {
    const { chair, org } = await orgWithChair();
    const first = await uploadAndPreview(org, chair);
    await confirm(org, chair, first.id, first.preview.version);
    const changed = [
      "Naam;E-mail;AGB-code;Status;Uren per week",
      "Sophie Arts-de Vries;sophie@nieuwadres.nl;90251001;;20", // on AGB: new name, email and hours
      "Jeroen Hermans;jeroen@dramaenspel.nl;;geschorst;", // on email: status only
      "Lisa van der Meer;lisa@muziekwerkt.nl;90251003;;", // nothing new
      "Mohamed El Amrani;fatma@beeldendwerk.nl;90251004;;", // AGB of Mohamed, email of Fatma
    ].join("\n");
    const second = await uploadAndPreview(org, chair, changed);
    expect(second.preview.preview.rows.map((r: { outcome: string }) => r.outcome)).toEqual(["update", "update", "unchanged", "error"]);
    expect(second.preview.preview.rows[3].errors[0]).toMatchObject({ messageKey: "imports.errors.agbUsedByOtherMember" });
    await confirm(org, chair, second.id, second.preview.version);
    const rows = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, org.id), isNull(members.userId))));
    expect(rows.find((m) => m.name === "Sophie Arts-de Vries")).toMatchObject({ email: "sophie@nieuwadres.nl", capacityHoursPerWeek: 20, waitingWeeks: 4, version: 2 });
    expect(rows.find((m) => m.name === "Jeroen Hermans")).toMatchObject({ status: "suspended", capacityHoursPerWeek: 12 });
    expect(rows).toHaveLength(8);
    const updates = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.organizationId, org.id), eq(auditLog.action, "member.updated"))));
    expect(updates).toHaveLength(2);
    const sophie = updates.find((u) => (u.after as { name?: string }).name === "Sophie Arts-de Vries")!;
    expect(sophie.before).toEqual({ name: "Sophie Arts", email: "sophie.arts@praktijkdekleur.nl", capacityHoursPerWeek: 16 });
  });

  it("the error report writes a formula from the file as text", async () => {
    const { chair, org } = await orgWithChair();
    const { id } = await uploadAndPreview(org, chair, "Naam;E-mail\n=HYPERLINK(\"http://x\");geen-adres\n");
    const csv = await get(report.loader, `${importPath(org, id)}/errors.csv`, { cookie: chair.cookie, params: { org: org.slug, importId: id } });
    expect(String(csv.data)).toContain(`'=HYPERLINK(`);
    expect(String(csv.data)).not.toMatch(/;"?=HYPERLINK/);
  });

  it("a double submit of the confirmation starts one run", async () => {
    const { chair, org } = await orgWithChair();
    const { id, preview } = await uploadAndPreview(org, chair);
    const form = { intent: "confirm", version: String(preview.version) };
    const [a, b] = await Promise.all([act(org, chair, id, form), act(org, chair, id, form)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    await importRun(id);
    expect(await auditCount(org.id, "member_import.confirmed")).toBe(1);
    expect(await memberCount(org.id)).toBe(8);
    expect((await page(org, chair, id)).data.summary.created).toBe(8);
  });

  it("the same file uploaded twice while open is one import", async () => {
    const { chair, org } = await orgWithChair();
    const a = await uploadFile(org, chair, fileForm(SAMPLE_CSV));
    const b = await uploadFile(org, chair, fileForm(SAMPLE_CSV));
    expect(b.location).toBe(a.location);
  });

  it("a changed mapping makes an old confirmation stale (409), and nothing is imported", async () => {
    const { chair, org } = await orgWithChair();
    const { id, preview } = await uploadAndPreview(org, chair);
    const remap = await act(org, chair, id, { intent: "map", version: String(preview.version), name: "0", email: "1" });
    expect(remap.status).toBe(302);
    const stale = await act(org, chair, id, { intent: "confirm", version: String(preview.version) });
    expect(stale.status).toBe(409);
    expect(stale.data.result.error[""]).toEqual(["errors.stale"]);
    expect(await memberCount(org.id)).toBe(0);
  });

  it("refuses bad files and bad mappings with 400 beside the field, writing nothing", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const cases: [FormData, string][] = [
      [new FormData(), "imports.errors.fileRequired"],
      [fileForm("Naam;E-mail\n"), "imports.errors.noRows"],
      [fileForm(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), "leden.xls", "application/vnd.ms-excel"), "imports.errors.unsupportedType"],
      [fileForm(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "leden.xlsx"), "imports.errors.unreadable"],
      [fileForm("x".repeat(2 * 1024 * 1024 + 1)), "imports.errors.fileTooLarge"],
      // A PDF (all text up to its first stream) called leden.csv, and other binary data (issue 10).
      [fileForm("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "leden.csv", "text/csv"), "imports.errors.notText"],
      [fileForm(new Uint8Array([0x4e, 0x61, 0x61, 0x6d, 0x0a, 0x01, 0x02, 0x03, 0x0a]), "leden.csv", "text/csv"), "imports.errors.notText"],
      [fileForm(["Naam;E-mail", ...Array.from({ length: 5001 }, (_, i) => `N${i};n${i}@example.nl`)].join("\n")), "imports.errors.tooManyRows"],
    ];
    for (const [form, message] of cases) {
      const res = await uploadFile(org, chair, form);
      expect(res.status, message).toBe(400);
      expect(res.data.result.error.file).toEqual([message]);
    }
    expect(await rowCounts()).toEqual(before);

    const upload = await uploadFile(org, chair, fileForm(SAMPLE_CSV));
    const id = idFrom(upload.location);
    const mid = await rowCounts();
    for (const [form, field, message] of [
      [{ email: "1" }, "name", "imports.errors.nameColumnRequired"],
      [{ name: "0" }, "agb", "imports.errors.agbOrEmailColumnRequired"],
      [{ name: "0", email: "0" }, "email", "imports.errors.columnTwice"],
      [{ name: "0", email: "99" }, "email", "imports.errors.unknownColumn"],
    ] as const) {
      const res = await act(org, chair, id, { intent: "map", version: "1", ...form });
      expect(res.status).toBe(400);
      expect(res.data.result.error[field]).toEqual([message]);
    }
    // Confirming before a preview is refused too.
    expect((await act(org, chair, id, { intent: "confirm", version: "1" })).status).toBe(409);
    expect(await rowCounts()).toEqual(mid);
  });

  it("reads a Windows-1252 CSV from Excel and a comma-separated UTF-8 file with BOM", async () => {
    const { chair, org } = await orgWithChair();
    const latin1 = new Uint8Array([...Buffer.from("Naam;E-mail\nZo", "latin1"), 0xeb, ...Buffer.from(" Peeters;zoe@example.nl\n", "latin1")]);
    const a = await uploadAndPreview(org, chair, latin1);
    expect(a.preview.preview.rows[0]).toMatchObject({ name: "Zoë Peeters", outcome: "create" });
    const bom = "\uFEFFName,Email,AGB code\n\"Peeters, Zoë\",zoe2@example.nl,90251234\n";
    const b = await uploadAndPreview(org, chair, bom);
    expect(b.preview.mapping).toEqual({ name: 0, email: 1, agb: 2 });
    expect(b.preview.preview.rows[0]).toMatchObject({ name: "Peeters, Zoë", email: "zoe2@example.nl", agb: "90251234" });
  });

  it("a stopped run resumes after the last committed batch without importing a row twice; a failed one can be retried", async () => {
    const { chair, org } = await orgWithChair();
    const rows = BATCH_SIZE + 50;
    const { id, preview } = await uploadAndPreview(org, chair, generatedCsv(rows));
    // As if the process stopped right after the confirmation and one batch.
    await withSystem((tx) => tx.update(memberImports).set({ status: "running", version: preview.version + 1 }).where(eq(memberImports.id, id)));
    expect(await runBatch(org.id, id)).toBe(true);
    expect(await memberCount(org.id)).toBe(BATCH_SIZE);
    expect((await page(org, chair, id)).data.progress).toEqual({ processed: BATCH_SIZE, total: rows });
    // Looking changes nothing (no state change on GET); the next start resumes it.
    await importRun(id);
    expect(await memberCount(org.id)).toBe(BATCH_SIZE);
    await resumeImports();
    await importRun(id);
    expect(await memberCount(org.id)).toBe(rows);
    expect((await page(org, chair, id)).data.summary).toEqual({ created: rows, updated: 0, unchanged: 0, skipped: 0 });

    // A failed import: retry continues and ends done.
    const again = await uploadAndPreview(org, chair, generatedCsv(10, 10_000));
    await withSystem((tx) => tx.update(memberImports).set({ status: "failed", version: 99 }).where(eq(memberImports.id, again.id)));
    const failed = await page(org, chair, again.id);
    expect(failed.data.status).toBe("failed");
    expect((await act(org, chair, again.id, { intent: "retry", version: "98" })).status).toBe(409);
    expect((await act(org, chair, again.id, { intent: "retry", version: "99" })).status).toBe(302);
    await importRun(again.id);
    expect((await page(org, chair, again.id)).data).toMatchObject({ status: "done", summary: { created: 10 } });
  });

  it("a shutdown stops a run after a committed batch, and the next start resumes it", async () => {
    const { chair, org } = await orgWithChair();
    const rows = BATCH_SIZE * 2 + 10;
    const { id, preview } = await uploadAndPreview(org, chair, generatedCsv(rows, 20_000));
    const confirmed = act(org, chair, id, { intent: "confirm", version: String(preview.version) });
    expect((await confirmed).status).toBe(302);
    await stopImportRuns();
    const stopped = (await page(org, chair, id)).data;
    // Stopped on a batch boundary (or finished, on a fast machine): never half a batch.
    expect(stopped.status === "done" || stopped.progress.processed % BATCH_SIZE === 0).toBe(true);
    expect(await memberCount(org.id)).toBe(stopped.progress.processed);
    await resumeImports();
    await importRun(id);
    expect((await page(org, chair, id)).data).toMatchObject({ status: "done", summary: { created: rows, skipped: 0 } });
    expect(await memberCount(org.id)).toBe(rows);
  });

  it("a visitor goes to login, a member without members:write gets 403, another cooperative 404; nothing written", async () => {
    const { chair, org } = await orgWithChair();
    const { id, preview } = await uploadAndPreview(org, chair);
    const member = await createUser();
    await addMember(org.id, member.id, "member");
    const subcontractor = await createUser();
    await addMember(org.id, subcontractor.id, "subcontractor");
    const other = await orgWithChair();
    const before = await rowCounts();
    for (const [user, status] of [
      [member, 403],
      [subcontractor, 403],
      [other.chair, 404],
    ] as const) {
      expect((await get(upload.loader, importPath(org), { cookie: user.cookie, params: { org: org.slug } })).status).toBe(status);
      expect((await uploadFile(org, user, fileForm(SAMPLE_CSV))).status).toBe(status);
      expect((await page(org, user, id)).status).toBe(status);
      expect((await act(org, user, id, { intent: "confirm", version: String(preview.version) })).status).toBe(status);
      expect((await get(report.loader, `${importPath(org, id)}/errors.csv`, { cookie: user.cookie, params: { org: org.slug, importId: id } })).status).toBe(status);
    }
    const anonymous = await get(upload.loader, importPath(org), { params: { org: org.slug } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    expect((await post(run.action, importPath(org, id), { intent: "confirm", version: "1" }, { params: { org: org.slug, importId: id } })).location).toMatch(/^\/login/);

    // The other cooperative's chair, in their own cooperative, naming this import's id: 404.
    const theirs = { id: other.org.id, slug: other.org.slug };
    expect((await page(theirs, other.chair, id)).status).toBe(404);
    expect((await act(theirs, other.chair, id, { intent: "confirm", version: String(preview.version) })).status).toBe(404);
    expect((await get(report.loader, `${importPath(theirs, id)}/errors.csv`, { cookie: other.chair.cookie, params: { org: theirs.slug, id } })).status).toBe(404);
    expect((await page(theirs, other.chair, "not-a-uuid")).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });
});

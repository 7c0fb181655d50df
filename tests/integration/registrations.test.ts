import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, files, registrationTypes } from "~db/schema";
import { withSystem } from "~db/tenant";
import * as evidenceRoute from "~/routes/c.$org.registrations.$registrationId.evidence";
import * as queue from "~/routes/c.$org.registrations._index";
import * as typesRoute from "~/routes/c.$org.registrations.types";
import * as mine from "~/routes/c.$org.me.registrations";
import * as csv from "~/routes/c.$org.registrations[.csv]";
import * as memberTab from "~/routes/c.$org.members.$memberId.registrations";
import { registrationStatesByMember } from "~/modules/registrations/registrations.server";
import { MAX_EVIDENCE_BYTES } from "~/modules/registrations/evidence";
import { addMember, createUser, findOrgBySlug, get, latestMail, orgWithChair, post, rowCounts, type TestUser } from "../helpers/app";
import { PDF, PNG, insertRegistration, memberRecord, multipart, registrationById, storedFiles, typeByCode } from "../helpers/registrations";

async function setup() {
  const { chair, org } = await orgWithChair();
  const member = await createUser({ name: "Marieke Jansen" });
  await addMember(org.id, member.id, "member");
  const record = await memberRecord(org.id, member);
  return { chair, org, member, record };
}

const at = (slug: string, path = "") => ({ path: `/c/${slug}${path}`, params: { org: slug } });

async function submitOwn(user: TestUser, slug: string, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) {
  const { path, params } = at(slug, "/me/registrations");
  return post(mine.action, path, multipart(fields, file), { cookie: user.cookie, params });
}

describe("registration types", () => {
  it("a new cooperative starts with the built-in types, HKZ for the cooperative itself", async () => {
    const { org } = await orgWithChair();
    const types = await withSystem((tx) => tx.select().from(registrationTypes).where(eq(registrationTypes.organizationId, org.id)));
    expect(types.map((t) => t.code).sort()).toEqual(["big", "hkz", "liability_insurance", "register_vaktherapie", "reporting_code", "skj", "vecozo", "vog"]);
    expect(types.find((t) => t.code === "hkz")).toMatchObject({ subject: "organization", cycleMonths: 36 });
    expect(types.find((t) => t.code === "big")).toMatchObject({ numberPattern: "^[0-9]{11}$", cycleMonths: 60 });
  });

  it("the board makes a type required, adds its own, sets the ladder; stale is 409; audited", async () => {
    const { chair, org } = await orgWithChair();
    const skj = await typeByCode(org.id, "skj");
    const { path, params } = at(org.slug, "/registrations/types");
    const page = await get(typesRoute.loader, path, { cookie: chair.cookie, params });
    expect(page.status).toBe(200);
    expect(page.data.reminderDays).toEqual([90, 60, 30, 7]);

    const saved = await post(typesRoute.action, path, { intent: "updateType", typeId: skj.id, version: "1", required: "on", active: "on", cycleMonths: "60" }, { cookie: chair.cookie, params });
    expect(saved.status).toBe(200);
    expect(await typeByCode(org.id, "skj")).toMatchObject({ required: true, version: 2 });
    const stale = await post(typesRoute.action, path, { intent: "updateType", typeId: skj.id, version: "1", active: "on" }, { cookie: chair.cookie, params });
    expect(stale.status).toBe(409);

    expect((await post(typesRoute.action, path, { intent: "addType", name: "EMDR-certificaat", subject: "member", cycleMonths: "24", required: "on" }, { cookie: chair.cookie, params })).status).toBe(200);
    const again = await post(typesRoute.action, path, { intent: "addType", name: "emdr-certificaat", subject: "member" }, { cookie: chair.cookie, params });
    expect(again.status).toBe(409);
    expect(again.data.result.error.name).toEqual(["registrations.errors.typeExists"]);

    const before = await rowCounts();
    const badLadder = await post(typesRoute.action, path, { intent: "reminderDays", version: "1", reminderDays: "90, nul" }, { cookie: chair.cookie, params });
    expect(badLadder.status).toBe(400);
    expect(badLadder.data.result.error.reminderDays).toEqual(["registrations.errors.reminderDays"]);
    expect(await rowCounts()).toEqual(before);
    const orgNow = await findOrgBySlug(org.slug);
    expect((await post(typesRoute.action, path, { intent: "reminderDays", version: String(orgNow!.version), reminderDays: "30 14 60" }, { cookie: chair.cookie, params })).status).toBe(200);
    expect((await findOrgBySlug(org.slug))!.reminderDays).toEqual([60, 30, 14]);
    const logged = await withSystem((tx) => tx.select().from(auditLog).where(eq(auditLog.organizationId, org.id)));
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(["registration_type.updated", "registration_type.created", "organization.reminder_days_updated"]));
  });
});

describe("a member's own registrations", () => {
  it("a member uploads a VOG; it awaits verification; the end date comes from the cycle; file on disk; audited", async () => {
    const { org, member, record } = await setup();
    const vog = await typeByCode(org.id, "vog");
    const id = randomUUID();
    const res = await submitOwn(member, org.slug, { id, typeId: vog.id, issuedOn: "2026-01-31", number: "" }, { name: "vog.pdf", bytes: PDF });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}/me/registrations?saved=1`);
    const reg = await registrationById(id);
    expect(reg).toMatchObject({ memberId: record.id, verification: "pending", issuedOn: "2026-01-31", validUntil: "2029-01-31", createdBy: member.id });
    const [file] = await withSystem((tx) => tx.select().from(files).where(eq(files.id, reg!.evidenceFileId!)));
    expect(file).toMatchObject({ contentType: "application/pdf", filename: "vog.pdf", sizeBytes: PDF.byteLength, storage: "disk" });
    expect(storedFiles().some((f) => f.endsWith(file.storageKey.split("/")[1]))).toBe(true);
    const [logged] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "registration.created"))));
    expect(logged).toMatchObject({ actorUserId: member.id, organizationId: org.id });

    const page = await get(mine.loader, `/c/${org.slug}/me/registrations`, { cookie: member.cookie, params: { org: org.slug } });
    expect(page.status).toBe(200);
    expect(page.data.registrations).toEqual([expect.objectContaining({ id, state: "unverified", hasEvidence: true })]);
    expect(page.data.state).toBe("missing"); // Register Vaktherapie and insurance are still absent
  });

  it("a double submit (same form id) creates one registration", async () => {
    const { org, member } = await setup();
    const vog = await typeByCode(org.id, "vog");
    const id = randomUUID();
    const fields = { id, typeId: vog.id, issuedOn: "2026-02-01" };
    expect((await submitOwn(member, org.slug, fields, { name: "vog.pdf", bytes: PDF })).status).toBe(302);
    const before = await rowCounts();
    expect((await submitOwn(member, org.slug, fields, { name: "vog.pdf", bytes: PDF })).status).toBe(302);
    expect(await rowCounts()).toEqual(before);
  });

  it("points count only where the type has points; BIG needs 11 digits", async () => {
    const { org, member } = await setup();
    const rv = await typeByCode(org.id, "register_vaktherapie");
    const big = await typeByCode(org.id, "big");
    const id = randomUUID();
    expect((await submitOwn(member, org.slug, { id, typeId: rv.id, issuedOn: "2024-02-29", points: "120", number: "210987" })).status).toBe(302);
    expect(await registrationById(id)).toMatchObject({ points: 120, validUntil: "2029-02-28", number: "210987" });

    const before = await rowCounts();
    const bad = await submitOwn(member, org.slug, { id: randomUUID(), typeId: big.id, issuedOn: "2024-05-01", number: "1234567890" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.number).toEqual(["registrations.errors.bigNumber"]);
    expect(await rowCounts()).toEqual(before);
    const ok = randomUUID();
    expect((await submitOwn(member, org.slug, { id: ok, typeId: big.id, issuedOn: "2024-05-01", number: "190 1234 5601", points: "30" })).status).toBe(302);
    expect(await registrationById(ok)).toMatchObject({ number: "19012345601", points: null, validUntil: "2029-05-01" });
  });

  it("a wrong file type, an empty or an oversized file is a 400 beside the field and writes nothing", async () => {
    const { org, member } = await setup();
    const vog = await typeByCode(org.id, "vog");
    const before = await rowCounts();
    const filesBefore = storedFiles().length;
    // A text file that calls itself a PDF: the bytes decide, not the name.
    const fake = await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, issuedOn: "2026-01-01" }, { name: "vog.pdf", bytes: new TextEncoder().encode("not a pdf at all") });
    expect(fake.status).toBe(400);
    expect(fake.data.result.error.evidence).toEqual(["errors.fileType"]);
    // A chosen file of 0 bytes is refused, not taken for "no evidence" (issue 10).
    const empty = await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, issuedOn: "2026-01-01" }, { name: "vog.pdf", bytes: new Uint8Array(0) });
    expect(empty.status).toBe(400);
    expect(empty.data.result.error.evidence).toEqual(["errors.fileEmpty"]);
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(PDF);
    const tooLarge = await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, issuedOn: "2026-01-01" }, { name: "vog.pdf", bytes: big });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.data.result.error.evidence).toEqual(["errors.fileTooLarge"]);
    const noDate = await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, issuedOn: "" }, { name: "vog.png", bytes: PNG, type: "image/png" });
    expect(noDate.status).toBe(400);
    expect(noDate.data.result.error.issuedOn).toEqual(["errors.required"]);
    // Far beyond the limit the body is not read to its end: a plain 400.
    const huge = new Uint8Array(2 * MAX_EVIDENCE_BYTES + 1);
    huge.set(PDF);
    expect((await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, issuedOn: "2026-01-01" }, { name: "vog.pdf", bytes: huge })).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    expect(storedFiles().length).toBe(filesBefore);
  });

  it("ids from another cooperative are refused: type 400, renewal of someone else's 404", async () => {
    const { org, member } = await setup();
    const other = await setup();
    const otherVog = await typeByCode(other.org.id, "vog");
    const before = await rowCounts();
    const wrongType = await submitOwn(member, org.slug, { id: randomUUID(), typeId: otherVog.id, issuedOn: "2026-01-01" });
    expect(wrongType.status).toBe(400);
    expect(wrongType.data.result.error.typeId).toEqual(["registrations.errors.type"]);
    const theirs = await insertRegistration({ organizationId: other.org.id, memberId: other.record.id, typeId: otherVog.id, issuedOn: "2025-01-01", validUntil: "2028-01-01" });
    const vog = await typeByCode(org.id, "vog");
    const renewal = await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, supersedesId: theirs.id, issuedOn: "2026-01-01" });
    expect(renewal.status).toBe(404);
    // The HKZ type is the cooperative's, not a member's.
    const hkz = await typeByCode(org.id, "hkz");
    expect((await submitOwn(member, org.slug, { id: randomUUID(), typeId: hkz.id, issuedOn: "2026-01-01" })).status).toBe(400);
    expect(await rowCounts()).toEqual({ ...before, registrations: before.registrations + 1 });
  });
});

describe("verification by the board", () => {
  async function pendingVog() {
    const s = await setup();
    const vog = await typeByCode(s.org.id, "vog");
    const id = randomUUID();
    await submitOwn(s.member, s.org.slug, { id, typeId: vog.id, issuedOn: "2026-03-01" }, { name: "vog.pdf", bytes: PDF });
    return { ...s, id };
  }

  it("the queue lists it; the board verifies it, who and when recorded; a second verdict is 409", async () => {
    const { chair, org, id } = await pendingVog();
    const { path, params } = at(org.slug, "/registrations");
    const page = await get(queue.loader, path, { cookie: chair.cookie, params });
    expect(page.status).toBe(200);
    expect(page.data.pending).toEqual([expect.objectContaining({ id, memberName: "Marieke Jansen", state: "unverified" })]);
    const res = await post(queue.action, path, { intent: "verify", registrationId: id, version: "1" }, { cookie: chair.cookie, params });
    expect(res.status).toBe(302);
    const reg = await registrationById(id);
    expect(reg).toMatchObject({ verification: "verified", verifiedBy: chair.id, version: 2 });
    expect(reg!.verifiedAt).toBeInstanceOf(Date);
    const stale = await post(queue.action, path, { intent: "verify", registrationId: id, version: "1" }, { cookie: chair.cookie, params });
    expect(stale.status).toBe(409);
    const decided = await post(queue.action, path, { intent: "reject", registrationId: id, version: "2", reason: "Te oud" }, { cookie: chair.cookie, params });
    expect(decided.status).toBe(409);
    expect(decided.data.result.error[""]).toEqual(["registrations.errors.alreadyDecided"]);
  });

  it("rejecting needs a reason; with one the member is emailed", async () => {
    const { chair, org, member, id } = await pendingVog();
    const { path, params } = at(org.slug, "/registrations");
    const before = await rowCounts();
    const noReason = await post(queue.action, path, { intent: "reject", registrationId: id, version: "1", reason: " " }, { cookie: chair.cookie, params });
    expect(noReason.status).toBe(400);
    expect(noReason.data.result.error.reason).toEqual(["errors.required"]);
    expect(noReason.data.registrationId).toBe(id);
    expect(await rowCounts()).toEqual(before);
    const res = await post(queue.action, path, { intent: "reject", registrationId: id, version: "1", reason: "De VOG is ouder dan drie maanden" }, { cookie: chair.cookie, params });
    expect(res.status).toBe(302);
    expect(await registrationById(id)).toMatchObject({ verification: "rejected", rejectionReason: "De VOG is ouder dan drie maanden", verifiedBy: chair.id });
    const mail = await latestMail(member.email);
    expect(mail?.subject).toBe("Je VOG (verklaring omtrent het gedrag) is afgewezen");
    expect(mail?.text).toContain("De VOG is ouder dan drie maanden");
    expect(mail?.text).toContain(`/c/${org.slug}/me/registrations`);
  });

  it("a member or office staff cannot verify (403); another cooperative's registration is 404; nothing written", async () => {
    const { chair, org, member, id } = await pendingVog();
    const staff = await createUser();
    await addMember(org.id, staff.id, "office_staff");
    const other = await pendingVog();
    const { path, params } = at(org.slug, "/registrations");
    const before = await rowCounts();
    for (const user of [member, staff]) {
      expect((await post(queue.action, path, { intent: "verify", registrationId: id, version: "1" }, { cookie: user.cookie, params })).status).toBe(403);
      expect((await get(queue.loader, path, { cookie: user.cookie, params })).status).toBe(403);
    }
    expect((await post(queue.action, path, { intent: "verify", registrationId: other.id, version: "1" }, { cookie: chair.cookie, params })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect((await registrationById(other.id))!.verification).toBe("pending");
  });

  it("on a member's tab: the board sees and verifies; another member's registration there is 404", async () => {
    const a = await pendingVog();
    const b = await setup();
    const bRecord = await memberRecord(a.org.id, b.member);
    const params = { org: a.org.slug, memberId: a.record.id };
    const path = `/c/${a.org.slug}/members/${a.record.id}/registrations`;
    const page = await get(memberTab.loader, path, { cookie: a.chair.cookie, params });
    expect(page.status).toBe(200);
    expect(page.data.registrations).toEqual([expect.objectContaining({ id: a.id, state: "unverified" })]);
    // The right registration on the wrong member's page.
    const wrongPage = await post(memberTab.action, `/c/${a.org.slug}/members/${bRecord.id}/registrations`, { intent: "verify", registrationId: a.id, version: "1" }, { cookie: a.chair.cookie, params: { org: a.org.slug, memberId: bRecord.id } });
    expect(wrongPage.status).toBe(404);
    expect((await post(memberTab.action, path, { intent: "verify", registrationId: a.id, version: "1" }, { cookie: a.chair.cookie, params })).status).toBe(302);
    expect((await registrationById(a.id))!.verification).toBe("verified");
    // Another cooperative's member id, or a malformed one: 404.
    expect((await get(memberTab.loader, path, { cookie: a.chair.cookie, params: { org: a.org.slug, memberId: b.record.id } })).status).toBe(404);
    expect((await get(memberTab.loader, path, { cookie: a.chair.cookie, params: { org: a.org.slug, memberId: "nope" } })).status).toBe(404);
    // The tab is someone's whole record (members:records, decision 017): office staff look but cannot decide;
    // a peer gets 403, and so does the member themself, who keeps their registrations at /me/registrations.
    const staff = await createUser();
    await addMember(a.org.id, staff.id, "office_staff");
    const peer = await createUser();
    await addMember(a.org.id, peer.id, "member");
    expect((await get(memberTab.loader, path, { cookie: staff.cookie, params })).status).toBe(200);
    expect((await post(memberTab.action, path, { intent: "verify", registrationId: a.id, version: "2" }, { cookie: staff.cookie, params })).status).toBe(403);
    for (const user of [peer, a.member]) {
      const refused = await get(memberTab.loader, path, { cookie: user.cookie, params });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.data ?? "")).not.toContain(a.id);
    }
    expect((await post(memberTab.action, path, { intent: "verify", registrationId: a.id, version: "2" }, { cookie: a.member.cookie, params })).status).toBe(403);
  });

  it("the board records the cooperative's HKZ certificate, verified by whoever entered it", async () => {
    const { chair, org } = await orgWithChair();
    const hkz = await typeByCode(org.id, "hkz");
    const id = randomUUID();
    const { path, params } = at(org.slug, "/registrations");
    const res = await post(queue.action, path, multipart({ intent: "create", id, typeId: hkz.id, issuedOn: "2025-06-15", number: "HKZ-2025-0415" }, { name: "hkz.pdf", bytes: PDF }), { cookie: chair.cookie, params });
    expect(res.status).toBe(302);
    expect(await registrationById(id)).toMatchObject({ memberId: null, verification: "verified", verifiedBy: chair.id, validUntil: "2028-06-15" });
    const page = await get(queue.loader, path, { cookie: chair.cookie, params });
    expect(page.data.own).toEqual([expect.objectContaining({ id, state: "valid" })]);
  });
});

describe("evidence download", () => {
  it("the member themself and the board get the file, each read audited; peers and strangers get 404", async () => {
    const { chair, org, member } = await setup();
    const peer = await createUser();
    await addMember(org.id, peer.id, "member");
    const staff = await createUser();
    await addMember(org.id, staff.id, "office_staff");
    const stranger = await orgWithChair();
    const vog = await typeByCode(org.id, "vog");
    const id = randomUUID();
    await submitOwn(member, org.slug, { id, typeId: vog.id, issuedOn: "2026-01-31" }, { name: "mijn vog.pdf", bytes: PDF });
    const path = `/c/${org.slug}/registrations/${id}/evidence`;
    const params = { org: org.slug, registrationId: id };
    for (const user of [member, chair]) {
      const res = await get(evidenceRoute.loader, path, { cookie: user.cookie, params });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      expect(res.headers.get("Content-Disposition")).toContain("attachment");
      expect(res.data).toContain("%PDF-1.4");
    }
    const reads = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "registration.evidence_read"))));
    expect(reads.map((r) => r.actorUserId).sort()).toEqual([member.id, chair.id].sort());
    const before = await rowCounts();
    for (const user of [peer, staff, stranger.chair]) {
      expect((await get(evidenceRoute.loader, path, { cookie: user.cookie, params })).status).toBe(404);
    }
    expect((await get(evidenceRoute.loader, path, { cookie: chair.cookie, params: { org: org.slug, registrationId: "../../etc" } })).status).toBe(404);
    const anonymous = await get(evidenceRoute.loader, path, { params });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("CSV export", () => {
  it("the board exports every registration with its state in Dutch; a member gets 403, a stranger 404", async () => {
    const { chair, org, member } = await setup();
    const vog = await typeByCode(org.id, "vog");
    await submitOwn(member, org.slug, { id: randomUUID(), typeId: vog.id, issuedOn: "2026-01-31" });
    const path = `/c/${org.slug}/registrations.csv`;
    const params = { org: org.slug };
    const res = await get(csv.loader, path, { cookie: chair.cookie, params });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = String(res.data).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("Lid;Soort registratie;Registratienummer;Datum van afgifte;Geldig tot en met;Punten voor herregistratie;Status");
    expect(lines[1]).toBe("Marieke Jansen;VOG (verklaring omtrent het gedrag);;31-01-2026;31-01-2029;;Wacht op controle");
    expect((await get(csv.loader, path, { cookie: member.cookie, params })).status).toBe(403);
    expect((await get(csv.loader, path, { cookie: (await orgWithChair()).chair.cookie, params })).status).toBe(404);
    expect((await get(csv.loader, path, { params })).status).toBe(302);
  });
});

describe("state per member (for the directory)", () => {
  it("worst over required types: missing, expired, unverified, expiring, valid", async () => {
    const { chair, org } = await orgWithChair();
    const rv = await typeByCode(org.id, "register_vaktherapie");
    const vog = await typeByCode(org.id, "vog");
    const ins = await typeByCode(org.id, "liability_insurance");
    const people = await Promise.all(["valid", "expiring", "expired", "unverified", "missing"].map((n) => memberRecord(org.id, null, { name: n })));
    const today = "2026-11-23";
    const give = (memberId: string, over: { rvUntil?: string; verification?: "pending" | "verified" } = {}) =>
      Promise.all([
        insertRegistration({ organizationId: org.id, memberId, typeId: rv.id, issuedOn: "2024-01-01", validUntil: over.rvUntil ?? "2029-01-01", verification: over.verification ?? "verified" }),
        insertRegistration({ organizationId: org.id, memberId, typeId: vog.id, issuedOn: "2025-01-01", validUntil: "2028-01-01", verification: "verified" }),
        insertRegistration({ organizationId: org.id, memberId, typeId: ins.id, issuedOn: "2026-06-01", validUntil: "2027-06-01", verification: "verified" }),
      ]);
    await give(people[0].id);
    await give(people[1].id, { rvUntil: "2027-01-15" });
    await give(people[2].id, { rvUntil: "2026-11-01" });
    await give(people[3].id, { verification: "pending" });
    const { chairCtx } = await chairContext(chair, org);
    const states = await registrationStatesByMember(chairCtx, today);
    expect(people.map((p) => states.get(p.id))).toEqual(["valid", "expiring", "expired", "unverified", "missing"]);
  });
});

describe("route security", () => {
  it("anonymous visitors are sent to log in on every registration route; nothing written", async () => {
    const { org, record } = await setup();
    const before = await rowCounts();
    const cases: [Parameters<typeof get>[0], string, Record<string, string>][] = [
      [mine.loader, `/c/${org.slug}/me/registrations`, { org: org.slug }],
      [queue.loader, `/c/${org.slug}/registrations`, { org: org.slug }],
      [typesRoute.loader, `/c/${org.slug}/registrations/types`, { org: org.slug }],
      [memberTab.loader, `/c/${org.slug}/members/${record.id}/registrations`, { org: org.slug, memberId: record.id }],
    ];
    for (const [loader, path, params] of cases) {
      const res = await get(loader, path, { params });
      expect(res.status).toBe(302);
      expect(res.location).toMatch(/^\/login\?redirectTo=/);
    }
    for (const [action, path, params] of [
      [mine.action, `/c/${org.slug}/me/registrations`, { org: org.slug }],
      [queue.action, `/c/${org.slug}/registrations`, { org: org.slug }],
      [typesRoute.action, `/c/${org.slug}/registrations/types`, { org: org.slug }],
      [memberTab.action, `/c/${org.slug}/members/${record.id}/registrations`, { org: org.slug, memberId: record.id }],
    ] as const) {
      expect((await post(action, path, { intent: "verify" }, { params })).status).toBe(302);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("another cooperative's chair gets 404, a member 403 on board pages; nothing written", async () => {
    const { org, member, record } = await setup();
    const other = await orgWithChair();
    const subcontractor = await createUser();
    await addMember(org.id, subcontractor.id, "subcontractor");
    const before = await rowCounts();
    const p = { org: org.slug };
    const tab = { ...p, memberId: record.id };
    const form = { intent: "addType", name: "x", subject: "member" };
    for (const [kind, fn, path, params, cookie, status] of [
      ["get", mine.loader, `/c/${org.slug}/me/registrations`, p, other.chair.cookie, 404],
      ["post", mine.action, `/c/${org.slug}/me/registrations`, p, other.chair.cookie, 404],
      ["get", queue.loader, `/c/${org.slug}/registrations`, p, other.chair.cookie, 404],
      ["post", queue.action, `/c/${org.slug}/registrations`, p, other.chair.cookie, 404],
      ["get", typesRoute.loader, `/c/${org.slug}/registrations/types`, p, other.chair.cookie, 404],
      ["post", typesRoute.action, `/c/${org.slug}/registrations/types`, p, other.chair.cookie, 404],
      ["get", memberTab.loader, `/c/${org.slug}/members/${record.id}/registrations`, tab, other.chair.cookie, 404],
      ["post", memberTab.action, `/c/${org.slug}/members/${record.id}/registrations`, tab, other.chair.cookie, 404],
      ["get", typesRoute.loader, `/c/${org.slug}/registrations/types`, p, member.cookie, 403],
      ["post", typesRoute.action, `/c/${org.slug}/registrations/types`, p, member.cookie, 403],
      ["post", queue.action, `/c/${org.slug}/registrations`, p, member.cookie, 403],
      ["post", memberTab.action, `/c/${org.slug}/members/${record.id}/registrations`, tab, member.cookie, 403],
      // Subcontractors see only what concerns them: not their peers' pages.
      ["get", memberTab.loader, `/c/${org.slug}/members/${record.id}/registrations`, tab, subcontractor.cookie, 403],
    ] as const) {
      const res = kind === "post" ? await post(fn, path, form, { cookie, params }) : await get(fn, path, { cookie, params });
      expect(res.status, `${kind} ${path}`).toBe(status);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

async function chairContext(chair: TestUser, org: { id: string; slug: string; name: string; legalForm: string; kvkNumber: string; version: number }) {
  const { can } = await import("@koepel/rules");
  const chairCtx = { ...chair.ctx, org, role: "chair" as const, membershipId: "", can: (a: Parameters<typeof can>[1]) => can("chair", a) };
  return { chairCtx };
}


import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agbCodes, auditLog, invitations, memberPractices, memberships, members, practices, problemAreas } from "~db/schema";
import { withSystem } from "~db/tenant";
import { acceptInvitation } from "~/modules/people/people.server";
import * as me from "~/routes/c.$org.me._index";
import * as directory from "~/routes/c.$org.members._index";
import * as csv from "~/routes/c.$org.members[.csv]";
import * as memberLayout from "~/routes/c.$org.members.$memberId";
import * as memberPage from "~/routes/c.$org.members.$memberId._index";
import * as newMember from "~/routes/c.$org.members.new";
import * as settings from "~/routes/c.$org.members.settings";
import * as practiceList from "~/routes/c.$org.practices._index";
import * as practicePage from "~/routes/c.$org.practices.$practiceId";
import { addMember, createUser, get, linkToken, orgWithChair, post, query, rowCounts, uniqueEmail } from "../helpers/app";
import { addPerson, historyOf, memberAction, memberRow } from "../helpers/members";

const p = (slug: string, extra: Record<string, string> = {}) => ({ params: { org: slug, ...extra } });

async function createProspect(chair: { cookie: string }, slug: string, over: Record<string, string> = {}) {
  const email = over.email ?? uniqueEmail("aspirant");
  const res = await post(newMember.action, `/c/${slug}/members/new`, { name: "Sara Dijkman", email, type: "member", ...over }, { cookie: chair.cookie, ...p(slug) });
  return { res, email, id: res.location?.split("/").pop() ?? "" };
}

describe("member records for every membership", () => {
  it("a new cooperative's chair has a member record with history", async () => {
    const { chair, org } = await orgWithChair();
    const [row] = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, org.id), eq(members.userId, chair.id))));
    expect(row).toMatchObject({ type: "member", status: "member", email: chair.email });
    expect((await historyOf(row.id)).map((h) => h.status)).toEqual(["member"]);
  });

  it("the board creates a prospective member, invites them, and the accepted invitation links the record (no second record)", async () => {
    const { chair, org } = await orgWithChair();
    const { res, email, id } = await createProspect(chair, org.slug, { type: "subcontractor" });
    expect(res.status).toBe(302);
    expect(await memberRow(id)).toMatchObject({ status: "prospective", userId: null, type: "subcontractor" });
    const invited = await memberAction(chair, org.slug, id, { intent: "invite" });
    expect(invited.status).toBe(302);
    expect(invited.headers.get("Set-Cookie")).toContain("koepel_toast=");
    const [inv] = await withSystem((tx) => tx.select().from(invitations).where(eq(invitations.email, email)));
    // The role follows from the member type.
    expect(inv.role).toBe("subcontractor");
    const token = await linkToken(email, "/invitation");
    const { userId } = await acceptInvitation(token, { name: "Sara Dijkman", password: "een lange zin als wachtwoord" });
    const linked = await memberRow(id);
    expect(linked).toMatchObject({ userId, status: "prospective" });
    const all = await withSystem((tx) => tx.select().from(members).where(eq(members.organizationId, org.id)));
    expect(all.filter((m) => m.email === email)).toHaveLength(1);
    // Inviting again: the record has an account now.
    const again = await memberAction(chair, org.slug, id, { intent: "invite" });
    expect(again.status).toBe(409);
  });

  it("an invitation accepted without a prior record creates one, type from the role", async () => {
    const { chair, org } = await orgWithChair();
    const { invite } = await import("~/modules/people/people.server");
    const email = uniqueEmail("staff");
    const ctx = { ...chair.ctx, org: { ...org, version: 1 }, role: "chair" as const, membershipId: "", can: () => true };
    await invite(ctx, { email, role: "office_staff" });
    const { userId } = await acceptInvitation(await linkToken(email, "/invitation"), { name: "Tessa", password: "een lange zin als wachtwoord" });
    const [row] = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, org.id), eq(members.userId, userId))));
    expect(row).toMatchObject({ type: "office_staff", status: "member" });
  });

  it("the backfill migration gives a record to memberships without one, and is harmless to run again", async () => {
    const { org } = await orgWithChair();
    const bare = await createUser();
    await addMember(org.id, bare.id, "hired_therapist");
    const statements = readFileSync("db/migrations/0005_members_backfill.sql", "utf8").split("--> statement-breakpoint");
    for (let run = 0; run < 2; run += 1) for (const s of statements) await query(sql.raw(s));
    const rows = await withSystem((tx) => tx.select().from(members).where(and(eq(members.organizationId, org.id), eq(members.userId, bare.id))));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "hired_therapist", status: "member" });
    expect((await historyOf(rows[0].id)).map((h) => h.status)).toEqual(["member"]);
  });
});

describe("creating and admitting members", () => {
  it("bad input is a 400 beside the field; nothing written", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const { res } = await createProspect(chair, org.slug, { name: "", email: "geen-adres", type: "koning" });
    expect(res.status).toBe(400);
    expect(res.data.result.error).toMatchObject({ name: ["errors.required"], email: ["errors.email"], type: ["errors.invalid"] });
    expect(await rowCounts()).toEqual(before);
  });

  it("a double submit creates one member", async () => {
    const { chair, org } = await orgWithChair();
    const email = uniqueEmail("dubbel");
    const [a, b] = await Promise.all([createProspect(chair, org.slug, { email }), createProspect(chair, org.slug, { email })]);
    expect([a.res.status, b.res.status].sort()).toEqual([302, 409]);
    const rows = await withSystem((tx) => tx.select().from(members).where(eq(members.email, email)));
    expect(rows).toHaveLength(1);
    const refused = a.res.status === 409 ? a.res : b.res;
    expect(refused.data.result.error.email).toEqual(["members.errors.emailTaken"]);
  });

  it("the board admits a prospective member with a date: history and audit; stale or repeated admission is a 409", async () => {
    const { chair, org } = await orgWithChair();
    const { id } = await createProspect(chair, org.slug);
    const res = await memberAction(chair, org.slug, id, { intent: "admit", joinedOn: "2026-11-23", version: "1" });
    // Done: back to the member page, with "saved" as a toast.
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toContain("koepel_toast=");
    expect(await memberRow(id)).toMatchObject({ status: "member", joinedOn: "2026-11-23", version: 2 });
    expect((await historyOf(id)).map((h) => [h.status, h.effectiveOn])).toEqual([
      ["prospective", expect.any(String)],
      ["member", "2026-11-23"],
    ]);
    const [audit] = await withSystem((tx) => tx.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "member.admitted"))));
    expect(audit).toMatchObject({ actorUserId: chair.id, after: { status: "member", joinedOn: "2026-11-23" } });
    const before = await rowCounts();
    expect((await memberAction(chair, org.slug, id, { intent: "admit", joinedOn: "2026-11-23", version: "1" })).status).toBe(409);
    expect((await memberAction(chair, org.slug, id, { intent: "admit", joinedOn: "2026-11-23", version: "2" })).status).toBe(409);
    expect((await memberAction(chair, org.slug, id, { intent: "admit", joinedOn: "2026-02-30", version: "2" })).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it("suspending and lifting it write history", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    expect((await memberAction(chair, org.slug, member.id, { intent: "suspend", reason: "VOG verlopen", version: "1", confirmed: "1" })).status).toBe(302);
    expect((await memberAction(chair, org.slug, member.id, { intent: "reinstate", version: "2" })).status).toBe(302);
    expect((await historyOf(member.id)).map((h) => [h.status, h.reason])).toEqual([
      ["member", null],
      ["suspended", "VOG verlopen"],
      ["member", null],
    ]);
  });
});

describe("destructive actions ask first (decision 021)", () => {
  it("suspend, resign, remove an AGB code and unlink a practice write nothing without confirmed, and act with it", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    expect((await memberAction(chair, org.slug, member.id, { intent: "addAgb", code: "90251234" })).status).toBe(200);
    await post(practiceList.action, `/c/${org.slug}/practices`, { name: "Praktijk De Linde" }, { cookie: chair.cookie, ...p(org.slug) });
    const [practice] = await withSystem((tx) => tx.select().from(practices).where(eq(practices.organizationId, org.id)));
    expect((await memberAction(chair, org.slug, member.id, { intent: "linkPractice", practiceId: practice.id })).status).toBe(302);
    const page = await get(memberPage.loader, `/c/${org.slug}/members/${member.id}`, { cookie: chair.cookie, ...p(org.slug, { memberId: member.id }) });
    const agbId = page.data.member.admin.agbCodes[0].id as string;
    const forms: Record<string, string>[] = [
      { intent: "suspend", reason: "VOG verlopen", version: "1" },
      { intent: "resign", requestedOn: "30-11-2026", version: "1" },
      { intent: "removeAgb", agbId },
      { intent: "unlinkPractice", practiceId: practice.id },
    ];
    const before = await rowCounts();
    for (const form of forms) {
      const ask = await memberAction(chair, org.slug, member.id, form);
      // The question, with the fields to post again; no redirect, no toast, no row.
      expect([form.intent, ask.status, ask.data.confirm?.intent]).toEqual([form.intent, 200, form.intent]);
      expect(Object.fromEntries(ask.data.confirm.fields)).toEqual(form);
      expect(ask.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await rowCounts()).toEqual(before);
    expect(await memberRow(member.id)).toMatchObject({ status: "member", resignationRequestedOn: null, version: 1 });
    // Invalid input is refused before the question is asked.
    const bad = await memberAction(chair, org.slug, member.id, { intent: "resign", requestedOn: "31-02-2026", version: "1" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.requestedOn).toEqual(["members.errors.date"]);
    expect(bad.data.confirm).toBeUndefined();
    // Confirmed, each acts (resigning reads the Dutch date).
    expect((await memberAction(chair, org.slug, member.id, { ...forms[2], confirmed: "1" })).status).toBe(302);
    expect((await memberAction(chair, org.slug, member.id, { ...forms[3], confirmed: "1" })).status).toBe(302);
    expect((await memberAction(chair, org.slug, member.id, { ...forms[1], confirmed: "1" })).status).toBe(302);
    expect(await memberRow(member.id)).toMatchObject({ resignationRequestedOn: "2026-11-30" });
    expect((await memberAction(chair, org.slug, member.id, { ...forms[0], version: "2", confirmed: "1" })).status).toBe(302);
    expect(await memberRow(member.id)).toMatchObject({ status: "suspended" });
    const after = await get(memberPage.loader, `/c/${org.slug}/members/${member.id}`, { cookie: chair.cookie, ...p(org.slug, { memberId: member.id }) });
    expect(after.data.member.admin.agbCodes).toEqual([]);
    expect(after.data.member.profile.practices).toEqual([]);
  });

  it("confirmed=1 does not get round the permission check", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    const therapist = (await addPerson(org.id, "member")).user;
    const before = await rowCounts();
    const res = await memberAction(therapist, org.slug, member.id, { intent: "suspend", version: "1", confirmed: "1" });
    expect(res.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    expect(chair).toBeDefined();
  });
});

describe("resignation per the statutes", () => {
  it("default: end of the financial year with four weeks' notice; the member shows 'leaves on'", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    const res = await memberAction(chair, org.slug, member.id, { intent: "resign", requestedOn: "2026-12-10", reason: "Stopt met de praktijk", version: "1", confirmed: "1" });
    expect(res.status).toBe(302);
    expect(await memberRow(member.id)).toMatchObject({ status: "member", resignationRequestedOn: "2026-12-10", leavesOn: "2027-12-31", leaveReason: "Stopt met de praktijk" });
    const page = await get(memberLayout.loader, `/c/${org.slug}/members/${member.id}`, { cookie: chair.cookie, ...p(org.slug, { memberId: member.id }) });
    expect(page.data.member.profile).toMatchObject({ status: "member", leavesOn: "2027-12-31" });
    expect((await historyOf(member.id)).at(-1)).toMatchObject({ status: "left", effectiveOn: "2027-12-31" });
  });

  it("the board's statutes setting changes the date; from that date the status reads 'left'", async () => {
    const { chair, org } = await orgWithChair();
    const set = await post(settings.action, `/c/${org.slug}/members/settings`, { intent: "statutes", resignationNoticeWeeks: "4", financialYearEndMonth: "12", version: "1" }, { cookie: chair.cookie, ...p(org.slug) });
    expect(set.status).toBe(200);
    const { member } = await addPerson(org.id, "member");
    await memberAction(chair, org.slug, member.id, { intent: "resign", requestedOn: "2020-01-01", version: "1", confirmed: "1" });
    // No year-end rule: 2020-01-01 + 4 weeks, long past, so the member has left.
    expect(await memberRow(member.id)).toMatchObject({ leavesOn: "2020-01-29", status: "member" });
    const list = await get(directory.loader, `/c/${org.slug}/members?status=left`, { cookie: chair.cookie, ...p(org.slug) });
    expect(list.data.members.map((m: { id: string }) => m.id)).toEqual([member.id]);
    expect((await memberAction(chair, org.slug, member.id, { intent: "resign", requestedOn: "2020-01-01", version: "2", confirmed: "1" })).status).toBe(409);
  });

  it("statutes: bad numbers are a 400, a stale version a 409; nothing written", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const bad = await post(settings.action, `/c/${org.slug}/members/settings`, { intent: "statutes", resignationAtYearEnd: "on", resignationNoticeWeeks: "-1", financialYearEndMonth: "13", version: "1" }, { cookie: chair.cookie, ...p(org.slug) });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error).toMatchObject({ resignationNoticeWeeks: ["members.errors.number"], financialYearEndMonth: ["members.errors.number"] });
    const stale = await post(settings.action, `/c/${org.slug}/members/settings`, { intent: "statutes", resignationAtYearEnd: "on", resignationNoticeWeeks: "4", financialYearEndMonth: "6", version: "9" }, { cookie: chair.cookie, ...p(org.slug) });
    expect(stale.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("profiles", () => {
  it("a member keeps up their own profile; a stale version is a 409; another cooperative's problem area a 404", async () => {
    const { chair, org } = await orgWithChair();
    await post(settings.action, `/c/${org.slug}/members/settings`, { intent: "addProblemArea", name: "Trauma" }, { cookie: chair.cookie, ...p(org.slug) });
    const [area] = await withSystem((tx) => tx.select().from(problemAreas).where(eq(problemAreas.organizationId, org.id)));
    const { user, member } = await addPerson(org.id, "member");
    const page = await get(me.loader, `/c/${org.slug}/me`, { cookie: user.cookie, ...p(org.slug) });
    expect(page.status).toBe(200);
    expect(page.data.profile.id).toBe(member.id);
    const form = new URLSearchParams([
      ["disciplines", "music"],
      ["disciplines", "play"],
      ["ageRanges", "4-12"],
      ["problemAreaIds", area.id],
      ["municipalities", "Nijmegen, Wijchen"],
      ["languages", "Nederlands"],
      ["capacityHoursPerWeek", "16"],
      ["waitingWeeks", "3"],
      ["version", "1"],
    ]);
    const res = await post(me.action, `/c/${org.slug}/me`, form, { cookie: user.cookie, ...p(org.slug) });
    expect(res.status).toBe(200);
    expect(await memberRow(member.id)).toMatchObject({ disciplines: ["music", "play"], ageRanges: ["4-12"], municipalities: ["Nijmegen", "Wijchen"], capacityHoursPerWeek: 16, waitingWeeks: 3, version: 2 });

    expect((await post(me.action, `/c/${org.slug}/me`, form, { cookie: user.cookie, ...p(org.slug) })).status).toBe(409);
    const other = await orgWithChair();
    await post(settings.action, `/c/${other.org.slug}/members/settings`, { intent: "addProblemArea", name: "Angst" }, { cookie: other.chair.cookie, ...p(other.org.slug) });
    const [foreign] = await withSystem((tx) => tx.select().from(problemAreas).where(eq(problemAreas.organizationId, other.org.id)));
    const after = await rowCounts();
    const stolen = new URLSearchParams([["problemAreaIds", foreign.id], ["version", "2"]]);
    expect((await post(me.action, `/c/${org.slug}/me`, stolen, { cookie: user.cookie, ...p(org.slug) })).status).toBe(404);
    const bad = await post(me.action, `/c/${org.slug}/me`, { capacityHoursPerWeek: "veel", disciplines: "astrologie", version: "2" }, { cookie: user.cookie, ...p(org.slug) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.result.error).sort()).toEqual(["capacityHoursPerWeek", "disciplines[0]"]);
    expect(await rowCounts()).toEqual(after);
  });

  it("the board edits details; an address another member has is a 409 beside the field", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    const { member: other } = await addPerson(org.id, "member");
    const base = { intent: "details", name: "Nieuwe Naam", type: "hired_therapist", version: "1" };
    expect((await memberAction(chair, org.slug, member.id, { ...base, email: other.email ?? "" })).status).toBe(409);
    const ok = await memberAction(chair, org.slug, member.id, { ...base, email: "nieuw@example.test", phone: "06-12345678" });
    expect(ok.status).toBe(302);
    expect(await memberRow(member.id)).toMatchObject({ name: "Nieuwe Naam", type: "hired_therapist", email: "nieuw@example.test", version: 2 });
  });
});

describe("AGB codes", () => {
  it("personal codes: provider type shown, a warning for an arts therapist outside group 90, unique in the cooperative", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    await memberAction(chair, org.slug, member.id, { intent: "details", name: "Mila", type: "member", disciplines: "music", version: "1" });
    const fine = await memberAction(chair, org.slug, member.id, { intent: "addAgb", code: "9025 1234" });
    expect(fine.data).toMatchObject({ done: "agbAdded", warning: null });
    const warned = await memberAction(chair, org.slug, member.id, { intent: "addAgb", code: "94061234" });
    expect(warned.status).toBe(200);
    expect(warned.data.warning).toBe("notArtsTherapyCode");
    const page = await get(memberPage.loader, `/c/${org.slug}/members/${member.id}`, { cookie: chair.cookie, ...p(org.slug, { memberId: member.id }) });
    expect(page.data.member.admin.agbCodes).toEqual([
      expect.objectContaining({ code: "90251234", providerType: "90", warning: null }),
      expect.objectContaining({ code: "94061234", providerType: "94", warning: "notArtsTherapyCode" }),
    ]);

    const { member: peer } = await addPerson(org.id, "member");
    const before = await rowCounts();
    const dup = await memberAction(chair, org.slug, peer.id, { intent: "addAgb", code: "90251234" });
    expect(dup.status).toBe(409);
    expect(dup.data.result.error.code).toEqual(["agb.errors.taken"]);
    const bad = await memberAction(chair, org.slug, peer.id, { intent: "addAgb", code: "9025123" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error.code).toEqual(["agb.errors.format"]);
    // A business code may not repeat a personal one either.
    const practice = await post(practiceList.action, `/c/${org.slug}/practices`, { name: "Klankkast", agbCode: "90251234" }, { cookie: chair.cookie, ...p(org.slug) });
    expect(practice.status).toBe(409);
    expect(practice.data.result.error.agbCode).toEqual(["agb.errors.taken"]);
    // Removing another member's code through this member's page: 404.
    const [code] = await withSystem((tx) => tx.select().from(agbCodes).where(eq(agbCodes.memberId, member.id)));
    expect((await memberAction(chair, org.slug, peer.id, { intent: "removeAgb", agbId: code.id, confirmed: "1" })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);

    // The same code is free in another cooperative.
    const other = await orgWithChair();
    const { member: elsewhere } = await addPerson(other.org.id, "member");
    expect((await memberAction(other.chair, other.org.slug, elsewhere.id, { intent: "addAgb", code: "90251234" })).status).toBe(200);
  });
});

describe("practices", () => {
  it("identifiers are checked beside their fields; nothing written", async () => {
    const { chair, org } = await orgWithChair();
    const before = await rowCounts();
    const res = await post(practiceList.action, `/c/${org.slug}/practices`, { name: "De Wilg", kvkNumber: "1234", establishmentNumber: "12", postcode: "0123 AB", iban: "NL00RABO0123456789", website: "wilg", agbCode: "abc" }, { cookie: chair.cookie, ...p(org.slug) });
    expect(res.status).toBe(400);
    expect(res.data.result.error).toMatchObject({
      kvkNumber: ["practices.errors.kvk"],
      establishmentNumber: ["practices.errors.establishment"],
      postcode: ["practices.errors.postcode"],
      iban: ["practices.errors.iban"],
      website: ["practices.errors.website"],
      agbCode: ["agb.errors.format"],
    });
    expect(await rowCounts()).toEqual(before);
  });

  it("made from a member's page it is linked to that member; shared by a second therapist; edits are version-checked", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    const { member: colleague } = await addPerson(org.id, "member");
    const res = await post(
      practiceList.action,
      `/c/${org.slug}/practices?member=${member.id}`,
      { name: "Vaktherapie De Wilg", kvkNumber: "7123 4567", establishmentNumber: "0000 1234 5678", agbCode: "90255001", street: "Molenweg", houseNumber: "12", postcode: "6511ab", city: "Nijmegen", website: "https://dewilg.example.nl", iban: "NL91 ABNA 0417 1643 00" },
      { cookie: chair.cookie, ...p(org.slug) },
    );
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/c/${org.slug}/members/${member.id}`);
    const [practice] = await withSystem((tx) => tx.select().from(practices).where(eq(practices.organizationId, org.id)));
    expect(practice).toMatchObject({ kvkNumber: "71234567", establishmentNumber: "000012345678", postcode: "6511 AB", iban: "NL91ABNA0417164300" });
    expect((await memberAction(chair, org.slug, colleague.id, { intent: "linkPractice", practiceId: practice.id })).status).toBe(302);
    const page = await get(practicePage.loader, `/c/${org.slug}/practices/${practice.id}`, { cookie: chair.cookie, ...p(org.slug, { practiceId: practice.id }) });
    expect(page.data.therapists.map((t: { id: string }) => t.id).sort()).toEqual([member.id, colleague.id].sort());
    expect(page.data.practice).toMatchObject({ agbCode: "90255001", agbProviderType: "90" });

    const edit = { name: "Vaktherapie De Wilg", city: "Wijchen", version: "1" };
    expect((await post(practicePage.action, `/c/${org.slug}/practices/${practice.id}`, edit, { cookie: chair.cookie, ...p(org.slug, { practiceId: practice.id }) })).status).toBe(200);
    expect((await post(practicePage.action, `/c/${org.slug}/practices/${practice.id}`, edit, { cookie: chair.cookie, ...p(org.slug, { practiceId: practice.id }) })).status).toBe(409);
    // The edit cleared the business code (the field was left empty).
    expect(await withSystem((tx) => tx.select().from(agbCodes).where(eq(agbCodes.practiceId, practice.id)))).toEqual([]);
  });

  it("ids from another cooperative are a 404 and write nothing", async () => {
    const { chair, org } = await orgWithChair();
    const { member } = await addPerson(org.id, "member");
    const other = await orgWithChair();
    const { member: foreignMember } = await addPerson(other.org.id, "member");
    await post(practiceList.action, `/c/${other.org.slug}/practices`, { name: "Elders" }, { cookie: other.chair.cookie, ...p(other.org.slug) });
    const [foreignPractice] = await withSystem((tx) => tx.select().from(practices).where(eq(practices.organizationId, other.org.id)));
    const before = await rowCounts();
    expect((await memberAction(chair, org.slug, member.id, { intent: "linkPractice", practiceId: foreignPractice.id })).status).toBe(404);
    expect((await memberAction(chair, org.slug, foreignMember.id, { intent: "admit", joinedOn: "2026-11-23", version: "1" })).status).toBe(404);
    expect((await memberAction(chair, org.slug, foreignMember.id, { intent: "addAgb", code: "90259999" })).status).toBe(404);
    expect((await get(memberLayout.loader, `/c/${org.slug}/members/${foreignMember.id}`, { cookie: chair.cookie, ...p(org.slug, { memberId: foreignMember.id }) })).status).toBe(404);
    expect((await get(practicePage.loader, `/c/${org.slug}/practices/${foreignPractice.id}`, { cookie: chair.cookie, ...p(org.slug, { practiceId: foreignPractice.id }) })).status).toBe(404);
    expect((await post(practicePage.action, `/c/${org.slug}/practices/${foreignPractice.id}`, { name: "Overgenomen", version: "1" }, { cookie: chair.cookie, ...p(org.slug, { practiceId: foreignPractice.id }) })).status).toBe(404);
    expect((await post(practiceList.action, `/c/${org.slug}/practices?member=${foreignMember.id}`, { name: "Nieuw" }, { cookie: chair.cookie, ...p(org.slug) })).status).toBe(404);
    expect((await get(memberLayout.loader, `/c/${org.slug}/members/not-a-uuid`, { cookie: chair.cookie, ...p(org.slug, { memberId: "not-a-uuid" }) })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect(await withSystem((tx) => tx.select().from(memberPractices).where(eq(memberPractices.memberId, member.id)))).toEqual([]);
  });
});

describe("directory and CSV", () => {
  async function setup() {
    const { chair, org } = await orgWithChair();
    const { member: music } = await addPerson(org.id, "member", { name: "Mila Kuipers" });
    await memberAction(chair, org.slug, music.id, { intent: "details", name: "Mila Kuipers", email: "mila@example.test", phone: "06-11111111", type: "member", disciplines: "music", municipalities: "Wijchen, Druten", version: "1" });
    await memberAction(chair, org.slug, music.id, { intent: "addAgb", code: "90257777" });
    const { id: prospect } = await createProspect(chair, org.slug, { name: "Ruben Aksoy", email: "ruben@example.test", type: "subcontractor" });
    const peer = await addPerson(org.id, "member", { name: "Peer" });
    return { chair, org, music, prospect, peer };
  }
  const names = (res: { data: { members: { name: string }[] } }) => res.data.members.map((m) => m.name);

  it("filters by discipline, municipality, status, type and searches name, email and AGB", async () => {
    const { chair, org } = await setup();
    const list = (qs: string) => get(directory.loader, `/c/${org.slug}/members${qs}`, { cookie: chair.cookie, ...p(org.slug) });
    expect(names(await list("?discipline=music"))).toEqual(["Mila Kuipers"]);
    expect((await list("")).data.municipalities).toEqual(["Druten", "Wijchen"]); // the filter's choices: distinct, sorted
    expect(names(await list("?municipality=wijchen"))).toEqual(["Mila Kuipers"]);
    expect(names(await list("?status=prospective"))).toEqual(["Ruben Aksoy"]);
    expect(names(await list("?type=subcontractor"))).toEqual(["Ruben Aksoy"]);
    expect(names(await list("?q=9025777"))).toEqual(["Mila Kuipers"]);
    expect(names(await list("?q=RUBEN@"))).toEqual(["Ruben Aksoy"]);
    expect(names(await list("?q=%25"))).toEqual([]);
    // Registration state, from the registrations module (worst over required types).
    const { registrationStatesByMember } = await import("~/modules/registrations/registrations.server");
    const ctx = { ...chair.ctx, org: { ...org, version: 1 }, role: "chair" as const, membershipId: "", can: () => true };
    const states = await registrationStatesByMember(ctx);
    for (const state of new Set(states.values())) {
      const rows = (await list(`?registration=${state}`)).data.members as { id: string; registrationState: string }[];
      expect(rows.map((r) => r.id).sort()).toEqual([...states].filter(([, s]) => s === state).map(([id]) => id).sort());
      expect(rows.every((r) => r.registrationState === state)).toBe(true);
    }
    // Unknown filter values are ignored, not an error.
    expect((await list("?status=koning")).data.members.length).toBe(4);
  });

  it("pages the directory 50 at a time by name then id, with the filters kept and the CSV complete", async () => {
    const { chair, org } = await setup();
    // 60 more members, ten of them with the same name: the id decides their order.
    await withSystem((tx) =>
      tx.insert(members).values(Array.from({ length: 60 }, (_, i) => ({ organizationId: org.id, name: i < 10 ? "Zelfde Naam" : `Lid ${String(i).padStart(2, "0")}`, type: "member" as const, status: "member" as const, joinedOn: "2024-01-01" }))),
    );
    const list = (qs: string) => get(directory.loader, `/c/${org.slug}/members${qs}`, { cookie: chair.cookie, ...p(org.slug) });
    const first = await list("");
    const total = first.data.paging.total;
    expect(total).toBe(64);
    expect(first.data.paging).toMatchObject({ page: 1, pages: 2, from: 1, to: 50 });
    expect(first.data.members).toHaveLength(50);
    const second = await list("?page=2");
    expect(second.data.paging).toMatchObject({ page: 2, from: 51, to: 64 });
    const ids = [...first.data.members, ...second.data.members].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(64);
    expect(second.data.search).toBe("");
    const filtered = await list("?status=member&page=2");
    expect(filtered.data.search).toBe("?status=member");
    expect(filtered.data.paging.page).toBe(2);
    const file = await get(csv.loader, `/c/${org.slug}/members.csv?page=2`, { cookie: chair.cookie, ...p(org.slug) });
    expect(String(file.data).trim().split("\n")).toHaveLength(65);
  });

  it("sorts in SQL before it pages: by waiting time either way, unknown ones last, no row twice or missing; a peer cannot sort on a field hidden from them", async () => {
    const { chair, org, peer } = await setup();
    // 60 more members: waiting times 0-4 repeat (ties), every fifth unknown; ten share a name.
    await withSystem((tx) =>
      tx.insert(members).values(
        Array.from({ length: 60 }, (_, i) => ({ organizationId: org.id, name: i < 10 ? "Zelfde Naam" : `Lid ${String(i).padStart(2, "0")}`, type: "member" as const, status: "member" as const, joinedOn: "2024-01-01", waitingWeeks: i % 5 === 0 ? null : i % 4 })),
      ),
    );
    const list = (qs: string, who = chair) => get(directory.loader, `/c/${org.slug}/members${qs}`, { cookie: who.cookie, ...p(org.slug) });
    for (const dir of ["asc", "desc"] as const) {
      const first = await list(`?sort=waitingWeeks&dir=${dir}`);
      expect(first.data.sort).toMatchObject({ key: "waitingWeeks", dir });
      const second = await list(`?sort=waitingWeeks&dir=${dir}&page=2`);
      const rows = [...first.data.members, ...second.data.members] as { id: string; waitingWeeks: number | null }[];
      expect(rows).toHaveLength(64);
      expect(new Set(rows.map((r) => r.id)).size).toBe(64);
      const known = rows.filter((r) => r.waitingWeeks !== null).map((r) => r.waitingWeeks as number);
      expect(known).toEqual([...known].sort((a, b) => (dir === "asc" ? a - b : b - a)));
      // Unknown waiting times come after every known one, in both directions.
      const firstUnknown = rows.findIndex((r) => r.waitingWeeks === null);
      expect(rows.slice(firstUnknown).every((r) => r.waitingWeeks === null)).toBe(true);
      // The same request twice gives the same order (the tie-break makes it total).
      expect((await list(`?sort=waitingWeeks&dir=${dir}`)).data.members.map((m: { id: string }) => m.id)).toEqual(first.data.members.map((m: { id: string }) => m.id));
    }
    // Name descending: the reverse of the default order.
    const asc = [...(await list("")).data.members, ...(await list("?page=2")).data.members].map((m: { id: string }) => m.id);
    const desc = [...(await list("?sort=name&dir=desc")).data.members, ...(await list("?sort=name&dir=desc&page=2")).data.members].map((m: { id: string }) => m.id);
    expect(desc).toEqual([...asc].reverse());
    // The sort is not part of the CSV link: the export is the whole directory in its order.
    expect((await list("?sort=status&dir=desc&status=member")).data.search).toBe("?status=member");
    // A peer does not see the status: sorting on it would reveal it by the order, so the default applies.
    const peerView = await list("?sort=status&dir=desc", peer.user);
    expect(peerView.data.sort).toMatchObject({ key: "name", dir: "asc", isDefault: true });
  });

  it("a peer sees current members' profiles, no contact details, no prospective members", async () => {
    const { org, peer, prospect, music } = await setup();
    const res = await get(directory.loader, `/c/${org.slug}/members`, { cookie: peer.user.cookie, ...p(org.slug) });
    expect(res.status).toBe(200);
    expect(names(res)).not.toContain("Ruben Aksoy");
    // Hidden fields are left out of the rows altogether (decision 017), not sent as null.
    for (const m of res.data.members as Record<string, unknown>[]) {
      for (const hidden of ["email", "phone", "agbCodes", "registrationState", "joinedOn", "leavesOn", "hasAccount"]) expect(m, hidden).not.toHaveProperty(hidden);
    }
    const page = await get(memberLayout.loader, `/c/${org.slug}/members/${music.id}`, { cookie: peer.user.cookie, ...p(org.slug, { memberId: music.id }) });
    expect(page.data.member.admin).toBeNull();
    expect(page.data.member.profile.disciplines).toEqual(["music"]);
    expect((await get(memberLayout.loader, `/c/${org.slug}/members/${prospect}`, { cookie: peer.user.cookie, ...p(org.slug, { memberId: prospect }) })).status).toBe(404);
    const file = await get(csv.loader, `/c/${org.slug}/members.csv`, { cookie: peer.user.cookie, ...p(org.slug) });
    expect(file.data).not.toContain("mila@example.test");
  });

  it("CSV with the same filters, semicolons and Dutch dates", async () => {
    const { chair, org, prospect } = await setup();
    await memberAction(chair, org.slug, prospect, { intent: "admit", joinedOn: "2026-11-23", version: "1" });
    const res = await get(csv.loader, `/c/${org.slug}/members.csv?type=subcontractor`, { cookie: chair.cookie, ...p(org.slug) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const lines = String(res.data).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toContain("Naam;Disciplines");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Ruben Aksoy");
    expect(lines[1]).toContain("23-11-2026");
    expect(lines[1]).toContain("Onderaannemer");
  });
});

describe("problem areas", () => {
  it("add, rename, remove; a duplicate name is a 409 beside the field", async () => {
    const { chair, org } = await orgWithChair();
    const act = (form: Record<string, string>) => post(settings.action, `/c/${org.slug}/members/settings`, form, { cookie: chair.cookie, ...p(org.slug) });
    expect((await act({ intent: "addProblemArea", name: "Angst" })).status).toBe(200);
    const dup = await act({ intent: "addProblemArea", name: "angst" });
    expect(dup.status).toBe(409);
    expect(dup.data.result.error.name).toEqual(["problemAreas.errors.taken"]);
    const [area] = await withSystem((tx) => tx.select().from(problemAreas).where(eq(problemAreas.organizationId, org.id)));
    expect((await act({ intent: "renameProblemArea", problemAreaId: area.id, name: "Angstklachten" })).status).toBe(200);
    expect((await act({ intent: "removeProblemArea", problemAreaId: area.id })).status).toBe(200);
    expect(await withSystem((tx) => tx.select().from(problemAreas).where(eq(problemAreas.organizationId, org.id)))).toEqual([]);
  });
});

describe("route security: visitors, other cooperatives and lower roles", () => {
  it("every route refuses, and nothing is written", async () => {
    const { chair, org } = await orgWithChair();
    const { member: target } = await addPerson(org.id, "member");
    const therapist = (await addPerson(org.id, "member")).user;
    const sub = (await addPerson(org.id, "subcontractor")).user;
    const staff = (await addPerson(org.id, "office_staff")).user;
    await post(practiceList.action, `/c/${org.slug}/practices`, { name: "Praktijk" }, { cookie: chair.cookie, ...p(org.slug) });
    const [practice] = await withSystem((tx) => tx.select().from(practices).where(eq(practices.organizationId, org.id)));
    const outsider = (await orgWithChair()).chair;
    const params = { org: org.slug, memberId: target.id, practiceId: practice.id };
    const s = org.slug;
    type RouteCase = { name: string; loader: Parameters<typeof get>[0]; action?: Parameters<typeof post>[0]; path: string; view: string; write?: string; form?: Record<string, string> };
    const routes: RouteCase[] = [
      { name: "directory", loader: directory.loader, path: `/c/${s}/members`, view: "members:view" },
      { name: "csv", loader: csv.loader, path: `/c/${s}/members.csv`, view: "members:view" },
      { name: "new", loader: newMember.loader, action: newMember.action, path: `/c/${s}/members/new`, view: "members:write", write: "members:write", form: { name: "X", email: uniqueEmail("x"), type: "member" } },
      { name: "member", loader: memberLayout.loader, path: `/c/${s}/members/${target.id}`, view: "members:view" },
      { name: "member page", loader: memberPage.loader, action: memberPage.action, path: `/c/${s}/members/${target.id}`, view: "members:view", write: "members:write", form: { intent: "suspend", version: "1", confirmed: "1" } },
      { name: "settings", loader: settings.loader, action: settings.action, path: `/c/${s}/members/settings`, view: "org:settings", write: "org:settings", form: { intent: "addProblemArea", name: "Nieuw" } },
      { name: "practices", loader: practiceList.loader, action: practiceList.action, path: `/c/${s}/practices`, view: "members:view", write: "members:write", form: { name: "Nieuw" } },
      { name: "practice", loader: practicePage.loader, action: practicePage.action, path: `/c/${s}/practices/${practice.id}`, view: "members:view", write: "members:write", form: { name: "Nieuw", version: "1" } },
      { name: "me", loader: me.loader, action: me.action, path: `/c/${s}/me`, view: "profile:self", write: "profile:self", form: { version: "1" } },
    ];
    const { can } = await import("@koepel/rules");
    const roles = [
      { who: therapist, role: "member" as const },
      { who: sub, role: "subcontractor" as const },
      { who: staff, role: "office_staff" as const },
    ];
    const before = await rowCounts();
    for (const r of routes) {
      const anon = await get(r.loader, r.path, { params });
      expect([r.name, anon.status, anon.location?.startsWith("/login")]).toEqual([r.name, 302, true]);
      expect([r.name, (await get(r.loader, r.path, { cookie: outsider.cookie, params })).status]).toEqual([r.name, 404]);
      if (r.action) {
        const anonPost = await post(r.action, r.path, r.form ?? {}, { params });
        expect([r.name, anonPost.status]).toEqual([r.name, 302]);
        expect([r.name, (await post(r.action, r.path, r.form ?? {}, { cookie: outsider.cookie, params })).status]).toEqual([r.name, 404]);
      }
      for (const { who, role } of roles) {
        if (!can(role, r.view as never)) expect([r.name, role, (await get(r.loader, r.path, { cookie: who.cookie, params })).status]).toEqual([r.name, role, 403]);
        if (r.action && !can(role, r.write as never)) expect([r.name, role, (await post(r.action, r.path, r.form ?? {}, { cookie: who.cookie, params })).status]).toEqual([r.name, role, 403]);
      }
    }
    expect(await rowCounts()).toEqual(before);
    // The lower roles really were refused somewhere: a therapist may not write members, a subcontractor not view them.
    expect(can("member", "members:write")).toBe(false);
    expect(can("subcontractor", "members:view")).toBe(false);
    const stillThere = await withSystem((tx) => tx.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.organizationId, org.id)));
    expect(stillThere[0].n).toBe(5);
  });
});

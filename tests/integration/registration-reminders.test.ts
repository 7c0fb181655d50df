import { addDays } from "@koepel/rules";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { boardDigests, members, registrationReminders } from "~db/schema";
import { withSystem } from "~db/tenant";
import { runRegistrationReminders } from "~/modules/registrations/reminders.server";
import { addMember, createUser, mailsTo, orgWithChair } from "../helpers/app";
import { insertRegistration, memberRecord, typeByCode } from "../helpers/registrations";

// The job runs over every cooperative in the database; here it runs over this file's
// own (a shared PostgreSQL database holds every other file's too: the job over all of
// them outlasted the test's time under load, and a timed-out run went on to mail the
// next test's member), and each test looks only at the mail of its own people.
const ours: string[] = [];
const run = (now: Date) => runRegistrationReminders(now, { organizationIds: ours });

const VALID_UNTIL = "2027-06-30";
/** Noon in Amsterdam on the day `days` before VALID_UNTIL (or any date). */
const dayBefore = (days: number, until = VALID_UNTIL) => new Date(`${addDays(until, -days)}T11:00:00Z`);

async function memberWithRegistration(over: { verification?: "pending" | "verified"; status?: "member" | "suspended" | "left"; validUntil?: string; locale?: "nl" | "en" } = {}) {
  const { chair, org } = await orgWithChair();
  ours.push(org.id);
  const user = await createUser({ name: "Iris Mulder", locale: over.locale });
  await addMember(org.id, user.id, "member");
  const record = await memberRecord(org.id, user, { status: over.status ?? "member" });
  const vog = await typeByCode(org.id, "vog");
  const reg = await insertRegistration({ organizationId: org.id, memberId: record.id, typeId: vog.id, issuedOn: "2024-06-30", validUntil: over.validUntil ?? VALID_UNTIL, verification: over.verification ?? "verified" });
  return { chair, org, user, record, reg, vog };
}

const reminderSubjects = async (email: string) => (await mailsTo(email)).map((m) => m.subject).filter((s) => /verloopt|expires/.test(s));

describe("registration reminders", () => {
  it("day 90, 60, 30 and 7 each once; running twice on a day sends once", async () => {
    const { user, reg } = await memberWithRegistration();
    await run(dayBefore(91));
    expect(await reminderSubjects(user.email)).toEqual([]);
    for (const days of [90, 89, 60, 45, 30, 30, 7, 1, 0]) {
      await run(dayBefore(days));
      await run(dayBefore(days));
    }
    expect(await reminderSubjects(user.email)).toEqual([
      "Je VOG (verklaring omtrent het gedrag) verloopt over 90 dagen",
      "Je VOG (verklaring omtrent het gedrag) verloopt over 60 dagen",
      "Je VOG (verklaring omtrent het gedrag) verloopt over 30 dagen",
      "Je VOG (verklaring omtrent het gedrag) verloopt over 7 dagen",
    ]);
    const steps = await withSystem((tx) => tx.select().from(registrationReminders).where(eq(registrationReminders.registrationId, reg.id)));
    expect(steps.map((s) => s.daysBefore).sort((a, b) => b - a)).toEqual([90, 60, 30, 7]);
    const [mail] = await mailsTo(user.email);
    expect(mail.text).toContain("30-06-2027");
    expect(mail.text).toMatch(/\/c\/[a-z0-9]+\/me\/registrations/);
  });

  it("two workers at the same moment send one reminder", async () => {
    const { user } = await memberWithRegistration();
    await Promise.all([run(dayBefore(30)), run(dayBefore(30)), run(dayBefore(30))]);
    expect(await reminderSubjects(user.email)).toHaveLength(1);
  });

  it("after the server was down, only the latest passed step is sent", async () => {
    const { user } = await memberWithRegistration({ locale: "en" });
    await run(dayBefore(95));
    await run(dayBefore(25)); // 90, 60 and 30 passed while down
    expect(await reminderSubjects(user.email)).toEqual(["Your Certificate of conduct (VOG) expires in 25 days"]);
    await run(dayBefore(7));
    expect(await reminderSubjects(user.email)).toHaveLength(2);
  });

  it("a renewal stops the old ladder and starts a fresh one", async () => {
    const { org, user, record, reg, vog } = await memberWithRegistration();
    await run(dayBefore(60));
    expect(await reminderSubjects(user.email)).toHaveLength(1);
    // Renewed (verified) three years on: the old registration is no longer reminded about.
    const renewed = await insertRegistration({ organizationId: org.id, memberId: record.id, typeId: vog.id, issuedOn: "2027-05-01", validUntil: "2030-05-01", verification: "verified", supersedesId: reg.id });
    await run(dayBefore(30));
    await run(dayBefore(7));
    expect(await reminderSubjects(user.email)).toHaveLength(1);
    await run(dayBefore(90, "2030-05-01"));
    expect(await reminderSubjects(user.email)).toHaveLength(2);
    const steps = await withSystem((tx) => tx.select().from(registrationReminders).where(eq(registrationReminders.registrationId, renewed.id)));
    expect(steps).toEqual([expect.objectContaining({ validUntil: "2030-05-01", daysBefore: 90 })]);
  });

  it("a pending renewal also stops the old ladder (the member has acted)", async () => {
    const { org, user, record, reg, vog } = await memberWithRegistration();
    await insertRegistration({ organizationId: org.id, memberId: record.id, typeId: vog.id, issuedOn: "2027-05-01", validUntil: "2030-05-01", verification: "pending", supersedesId: reg.id });
    await run(dayBefore(30));
    expect(await reminderSubjects(user.email)).toEqual([]);
  });

  it("no reminders for unverified registrations or for suspended members", async () => {
    const pending = await memberWithRegistration({ verification: "pending" });
    const suspended = await memberWithRegistration({ status: "suspended" });
    await run(dayBefore(30));
    expect(await reminderSubjects(pending.user.email)).toEqual([]);
    expect(await reminderSubjects(suspended.user.email)).toEqual([]);
    // Reinstated: the reminder comes at the next step.
    await withSystem((tx) => tx.update(members).set({ status: "member" }).where(eq(members.id, suspended.record.id)));
    await run(dayBefore(7));
    expect(await reminderSubjects(suspended.user.email)).toHaveLength(1);
  });

  it("the cooperative's HKZ certificate reminds the board", async () => {
    const { chair, org } = await orgWithChair();
    ours.push(org.id);
    const hkz = await typeByCode(org.id, "hkz");
    await insertRegistration({ organizationId: org.id, memberId: null, typeId: hkz.id, issuedOn: "2024-06-30", validUntil: VALID_UNTIL, verification: "verified" });
    await run(dayBefore(60));
    const subjects = (await mailsTo(chair.email)).map((m) => m.subject);
    expect(subjects).toContain(`HKZ-certificaat van ${org.name} verloopt over 60 dagen`);
  });
});

describe("weekly board digest", () => {
  it("once per week, listing who lapses within 90 days; a new week brings a new one", async () => {
    const { chair, org } = await memberWithRegistration();
    const digests = async () => (await mailsTo(chair.email)).filter((m) => m.subject.includes("binnen 90 dagen"));
    // Monday 2027-04-05 (86 days before expiry), then later that week, then the next Monday.
    await run(new Date("2027-04-05T06:00:00Z"));
    await run(new Date("2027-04-07T06:00:00Z"));
    await run(new Date("2027-04-11T20:00:00Z")); // Sunday evening, still that week
    expect(await digests()).toHaveLength(1);
    const [first] = await digests();
    expect(first.subject).toBe(`${org.name}: registraties die binnen 90 dagen verlopen (1)`);
    expect(first.text).toContain("Iris Mulder: VOG (verklaring omtrent het gedrag), geldig tot en met 30-06-2027 (nog 86 dagen)");
    await run(new Date("2027-04-12T06:00:00Z"));
    expect(await digests()).toHaveLength(2);
    const weeks = await withSystem((tx) => tx.select().from(boardDigests).where(eq(boardDigests.organizationId, org.id)));
    expect(weeks.map((w) => w.weekStart).sort()).toEqual(["2027-04-05", "2027-04-12"]);
  });

  it("a quiet week sends no digest", async () => {
    const { chair, org } = await memberWithRegistration({ validUntil: "2029-01-01" });
    await run(new Date("2027-04-05T06:00:00Z"));
    expect((await mailsTo(chair.email)).filter((m) => m.subject.includes(org.name))).toEqual([]);
    const [week] = await withSystem((tx) => tx.select().from(boardDigests).where(and(eq(boardDigests.organizationId, org.id), eq(boardDigests.weekStart, "2027-04-05"))));
    expect(week).toBeDefined();
  });
});

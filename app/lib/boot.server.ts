import { closeDb, getDb } from "~db/client";
import { startDailyDigestWorker } from "~/modules/attention/digest.server";
import { resumeImports, stopImportRuns } from "~/modules/imports/imports.server";
import { startOutboxWorker } from "~/modules/mail/outbox.server";
import { startDutyReminderWorker } from "~/modules/compliance/reminders.server";
import { startReminderWorker } from "~/modules/registrations/reminders.server";
import { checkFileStorage } from "~/modules/registrations/storage.server";

// The custom server (app/server.ts) calls these through the server build, so the
// database and the outbox worker live in the same module graph as the routes:
// one PGlite handle per process.
let stopWorker: (() => Promise<void>) | null = null;
let stopReminders: (() => Promise<void>) | null = null;
let stopDutyReminders: (() => Promise<void>) | null = null;
let stopDigests: (() => Promise<void>) | null = null;

/** Open and migrate the database, optionally load the demo data, start the mail and reminder workers, resume member imports. */
export async function boot(options: { demo?: boolean } = {}) {
  checkFileStorage();
  await getDb();
  let demoLogins: { email: string; password: string; note: string }[] = [];
  if (options.demo) {
    const { seedDemo } = await import("~db/seed/demo");
    demoLogins = await seedDemo();
  }
  stopWorker ??= startOutboxWorker();
  // Registration reminders and the board digest: hourly, into the same outbox.
  stopReminders ??= startReminderWorker();
  // Reporting-duty reminders to the board: hourly, into the same outbox.
  stopDutyReminders ??= startDutyReminderWorker();
  // Vandaag's daily digest per person: hourly, sent once a day from 07:00.
  stopDigests ??= startDailyDigestWorker();
  await resumeImports();
  return { demoLogins };
}

/** Let member imports finish their current batch, stop the worker after its current round, then close the database. */
export async function shutdown() {
  await stopReminders?.();
  stopReminders = null;
  await stopDutyReminders?.();
  stopDutyReminders = null;
  await stopDigests?.();
  stopDigests = null;
  await stopImportRuns();
  await stopWorker?.();
  stopWorker = null;
  await closeDb();
}

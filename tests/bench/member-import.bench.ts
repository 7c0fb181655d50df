// `npm run bench:import`: 1,000 generated member rows through the whole import,
// timed per step on PGlite (in memory) and, when DATABASE_URL is set, on
// PostgreSQL. Prints figures; asserts nothing (timing is never a test).
// Target: under 3 seconds for parse + validate + import of 1,000 rows.
import { performance } from "node:perf_hooks";
import { can, parseRows, planImport, suggestMapping } from "@koepel/rules";
import { eq, sql } from "drizzle-orm";
import { closeDb, getDb } from "~db/client";
import { members, users } from "~db/schema";
import { withSystem } from "~db/tenant";
import type { MemberContext } from "~/lib/guard.server";
import { confirmImport, getImport, importRun, previewImport, saveMapping, uploadImport } from "~/modules/imports/imports.server";
import { readTable } from "~/modules/imports/parse.server";
import { createOrganization } from "~/modules/organizations/organizations.server";
import { generatedCsv } from "../helpers/imports";

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);

async function boardContext(): Promise<MemberContext> {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `bench-${stamp}@example.test`;
  const [user] = await withSystem((tx) => tx.insert(users).values({ email, name: "Bench", passwordHash: "x", emailVerifiedAt: new Date() }).returning());
  const userCtx = { user: { id: user.id, email, name: "Bench", locale: "nl" as const }, session: { id: "", expiresAt: new Date(), user: { id: user.id, email, name: "Bench", locale: "nl" as const }, twoFactorPending: false, twoFactorEnabled: false, reauthenticatedAt: null }, ip: null };
  const org = await createOrganization(userCtx, { name: `Bench ${stamp}`, legalForm: "cooperative_ua", kvkNumber: "12345678", slug: `bench-${stamp}` });
  return { ...userCtx, org: { id: org.id, slug: org.slug, name: org.name, legalForm: org.legalForm, kvkNumber: org.kvkNumber, version: org.version }, role: "chair", membershipId: "" /* not used by the import */, can: (a) => can("chair", a) };
}

const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`.padStart(8);

async function importOnce(ctx: MemberContext, csv: string, label: string) {
  const file = new File([csv], "leden.csv", { type: "text/csv" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const t0 = performance.now();
  const table = await readTable(file.name, bytes);
  const parseTime = ms(t0);
  const t1 = performance.now();
  const mapping = suggestMapping(table.headers);
  const checked = planImport(parseRows(table.rows, mapping), { members: [], practices: [], agbCodes: [], links: [] }, () => crypto.randomUUID());
  const validateTime = ms(t1);

  const t2 = performance.now();
  const { id } = await uploadImport(ctx, file);
  let imp = await getImport(ctx, id);
  await saveMapping(ctx, { id, version: imp.version, mapping });
  imp = await getImport(ctx, id);
  const preview = await previewImport(ctx, imp);
  const previewTime = ms(t2);
  const t3 = performance.now();
  await confirmImport(ctx, { id, version: imp.version });
  await importRun(id);
  const importTime = ms(t3);
  const done = await getImport(ctx, id);
  const total = ms(t0);
  console.log(
    `  ${label.padEnd(16)} parse ${parseTime} | validate ${validateTime} (${checked.length} rows) | upload+map+preview ${previewTime} | import ${importTime} | total ${total}` +
      `  -> created ${done.createdCount}, updated ${done.updatedCount}, unchanged ${done.unchangedCount}, errors ${done.errorCount} (preview said ${JSON.stringify(preview.counts)})`,
  );
}

async function run(database: string) {
  await getDb(); // open and migrate outside the timings
  const ctx = await boardContext();
  const csv = generatedCsv(ROWS);
  console.log(`${database}: ${ROWS} rows`);
  await importOnce(ctx, csv, "first import");
  // The same content again as a new upload (a different byte: the open-import reuse does not apply).
  await importOnce(ctx, csv + "\r\n", "same file again");
  const [{ n }] = await withSystem((tx) => tx.select({ n: sql<number>`count(*)::int` }).from(members).where(eq(members.organizationId, ctx.org.id)));
  console.log(`  members in the cooperative: ${n}`);
  await closeDb();
}

const pgUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
process.env.PGLITE_DIR = "memory://";
await run("PGlite (in memory)");
if (pgUrl) {
  process.env.DATABASE_URL = pgUrl;
  await run(`PostgreSQL (${pgUrl.replace(/\/\/[^@]*@/, "//")})`);
} else {
  console.log("PostgreSQL: DATABASE_URL not set, skipped");
}

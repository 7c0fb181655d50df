// Runs once, in its own process, before the database tests. Against PostgreSQL
// (DATABASE_URL set) it empties the database so every run starts from the
// migrations; PGlite runs in memory (tests/helpers/setup-env.ts) and needs nothing.
import postgres from "postgres";

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const [found] = await sql`select 1 as ok from pg_database where datname = ${name}`;
    if (!found) await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.env.PGLITE_DIR ||= "memory://";
    return;
  }
  await ensureDatabase(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // The role koepel_app is cluster-wide and survives; migration 0001 handles an existing one.
    await sql.unsafe(`
      DROP SCHEMA IF EXISTS public CASCADE;
      CREATE SCHEMA public;
      GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC;
      DROP SCHEMA IF EXISTS drizzle CASCADE;
    `);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

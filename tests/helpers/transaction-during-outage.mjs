/* global console, process */
// Run by tests/integration/database-outage.test.ts in a child process, because what it
// guards against killed the whole process: a transaction is in flight when PostgreSQL
// stops. postgres.js then queued begin()'s ROLLBACK on a connection whose socket was
// already gone and threw from setImmediate (porsager/postgres#1208; our patch in
// patches/postgres+3.4.7.patch). Prints one JSON line: how the transaction ended, and
// whether the same pool answers once the database is back.
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";

const { URL: url, STOP, START } = process.env;
const sql = postgres(url, { max: 2, onnotice: () => {} });

let inFlight = false;
const transaction = sql.begin(async (tx) => {
  await tx`select 1`;
  inFlight = true;
  await tx`select pg_sleep(10)`;
});
while (!inFlight) await sleep(10);

execFileSync("sh", ["-c", STOP]);
const outcome = await transaction.then(
  () => "committed",
  (error) => error.code ?? String(error),
);
// Give any queued write its turn: unpatched, this is where the process died.
await sleep(200);

execFileSync("sh", ["-c", START]);
const [{ answer }] = await sql`select 42 as answer`;
console.log(JSON.stringify({ outcome, answer }));
await sql.end({ timeout: 1 });

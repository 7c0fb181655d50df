// A setupFiles entry of the "db" project: runs in the test process before each
// test file is imported, so db/client.ts sees these values on its first getDb().
import { afterAll } from "vitest";

if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = "memory://";
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.APP_URL = "http://localhost:3000";
// Mail goes to the dev mailbox (transport "dev"), never to a real server.
delete process.env.SMTP_URL;

afterAll(async () => {
  const { closeDb } = await import("~db/client");
  await closeDb();
});

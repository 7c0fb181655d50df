import { defineConfig, devices } from "@playwright/test";

// End-to-end tests in Debian's Chromium against the built app (run `npm run build` first;
// `npm run test:e2e` checks both). Every run starts a fresh server with an in-memory database.
// E2E_PORT lets parallel checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3310);
const baseURL = `http://localhost:${PORT}`;

// Always an in-memory PGlite: the e2e run never shares the PostgreSQL database the db tests reset.
const { NODE_ENV: _nodeEnv, SMTP_URL: _smtpUrl, DATABASE_URL: _databaseUrl, ...parentEnv } = process.env;

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    locale: "nl-NL",
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "node --import tsx app/server.ts --demo",
    url: baseURL,
    reuseExistingServer: false,
    // Seeding the demo into an in-memory PGlite takes longer when the machine is busy.
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    // No NODE_ENV=production (the dev mailbox must exist) and no SMTP_URL (mail goes to /dev/mail).
    env: { ...(parentEnv as Record<string, string>), NODE_ENV: "test", PORT: String(PORT), PGLITE_DIR: "memory://", APP_URL: baseURL },
  },
});

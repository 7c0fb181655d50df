import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are committed SQL under db/migrations and
// applied by db/client.ts at start and in tests.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});

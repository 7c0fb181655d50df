import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
  // PGlite ships WASM and must not be bundled: see ARCHITECTURE.md, known pitfalls.
  build: { target: "esnext" },
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "nodemailer"] },
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
});

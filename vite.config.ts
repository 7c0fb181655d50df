import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The browser gets a small translator instead of i18next and react-i18next (decision 027);
// the server build keeps the real ones (emails, exports and server rendering use them).
const clientTranslator = fileURLToPath(new URL("./app/lib/i18n-client.tsx", import.meta.url));
const clientI18n: Plugin = {
  name: "koepel-client-i18n",
  enforce: "pre",
  resolveId(id, _importer, options) {
    if (id === "react-i18next" && !options?.ssr) return clientTranslator;
  },
};

export default defineConfig({
  plugins: [clientI18n, tailwindcss(), remix(remixConfig), tsconfigPaths()],
  // PGlite ships WASM and must not be bundled: see ARCHITECTURE.md, known pitfalls.
  build: { target: "esnext" },
  ssr: { external: ["@electric-sql/pglite", "@node-rs/argon2", "postgres", "nodemailer"] },
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
});

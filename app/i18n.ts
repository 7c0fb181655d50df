import enContracts from "./locales/en/contracts.json";
import enTrajectories from "./locales/en/trajectories.json";
import enBudget from "./locales/en/budget.json";
import enCompliance from "./locales/en/compliance.json";
import nlContracts from "./locales/nl/contracts.json";
import nlTrajectories from "./locales/nl/trajectories.json";
import nlBudget from "./locales/nl/budget.json";
import nlCompliance from "./locales/nl/compliance.json";
import enAudit from "./locales/en/audit.json";
import enCommon from "./locales/en/common.json";
import enImports from "./locales/en/imports.json";
import enMembers from "./locales/en/members.json";
import enProducts from "./locales/en/products.json";
import enRegistrations from "./locales/en/registrations.json";
import enSecurity from "./locales/en/security.json";
import enServer from "./locales/en/server.json";
import nlAudit from "./locales/nl/audit.json";
import nlCommon from "./locales/nl/common.json";
import nlImports from "./locales/nl/imports.json";
import nlMembers from "./locales/nl/members.json";
import nlProducts from "./locales/nl/products.json";
import nlRegistrations from "./locales/nl/registrations.json";
import nlSecurity from "./locales/nl/security.json";
import nlServer from "./locales/nl/server.json";
import enShell from "./locales/en/shell.json";
import enToday from "./locales/en/today.json";
import enUi from "./locales/en/ui.json";
import nlShell from "./locales/nl/shell.json";
import nlToday from "./locales/nl/today.json";
import nlUi from "./locales/nl/ui.json";
import enOnboarding from "./locales/en/onboarding.json";
import nlOnboarding from "./locales/nl/onboarding.json";
import enTables from "./locales/en/tables.json";
import nlTables from "./locales/nl/tables.json";

// Dutch first; English complete. Both locales are bundled (they are small), so pages
// render translated on the server and work without JavaScript.
export const supportedLngs = ["nl", "en"] as const;
export type Lng = (typeof supportedLngs)[number];
export const fallbackLng: Lng = "nl";
export const defaultNS = "common";
// One i18next namespace, kept in one file per area so areas are edited apart; each
// file owns its top-level keys (tests/unit/locales.test.ts checks they don't clash).
export const localeFiles = {
  nl: { common: nlCommon, server: nlServer, security: nlSecurity, audit: nlAudit, members: nlMembers, registrations: nlRegistrations, imports: nlImports, contracts: nlContracts, products: nlProducts, trajectories: nlTrajectories, budget: nlBudget, compliance: nlCompliance, shell: nlShell, today: nlToday, ui: nlUi, onboarding: nlOnboarding, tables: nlTables },
  en: { common: enCommon, server: enServer, security: enSecurity, audit: enAudit, members: enMembers, registrations: enRegistrations, imports: enImports, contracts: enContracts, products: enProducts, trajectories: enTrajectories, budget: enBudget, compliance: enCompliance, shell: enShell, today: enToday, ui: enUi, onboarding: enOnboarding, tables: enTables },
} as const;
const nl = Object.assign({}, ...Object.values(localeFiles.nl)) as Record<string, unknown>;
const en = Object.assign({}, ...Object.values(localeFiles.en)) as Record<string, unknown>;
export const resources = { nl: { common: nl }, en: { common: en } } as const;

export const isLng = (value: unknown): value is Lng => value === "nl" || value === "en";

export default {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  interpolation: { escapeValue: false }, // React escapes
};

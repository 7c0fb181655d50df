import en from "./locales/en/common.json";
import nl from "./locales/nl/common.json";

// Dutch first; English complete. Both locales are bundled (they are small), so pages
// render translated on the server and work without JavaScript.
export const supportedLngs = ["nl", "en"] as const;
export type Lng = (typeof supportedLngs)[number];
export const fallbackLng: Lng = "nl";
export const defaultNS = "common";
export const resources = { nl: { common: nl }, en: { common: en } } as const;

export const isLng = (value: unknown): value is Lng => value === "nl" || value === "en";

export default {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  interpolation: { escapeValue: false }, // React escapes
};

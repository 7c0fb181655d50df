// The page's texts, sent inline in the document for the browser's translator
// (app/lib/i18n-client.tsx): one language, as JSON in a <script type="application/json">
// that no browser runs (so the CSP has nothing to allow). The server renders it from
// the string entry.server.tsx provides; the browser reads it back before hydrating and
// renders the very same string, so hydration matches.
import { createContext, useContext } from "react";
import { useNonce } from "./nonce";

export const I18N_RESOURCES_ID = "koepel-i18n";

/** The JSON text of the page language's resources (see i18n-resources.server.ts). */
export const I18nResourcesContext = createContext<string>("");

export function I18nResources() {
  const json = useContext(I18nResourcesContext);
  const nonce = useNonce();
  if (!json) return null;
  // The nonce is not needed for data no browser runs, but every script tag carries it, so
  // a CSP check never has to tell the two kinds apart.
  return <script type="application/json" id={I18N_RESOURCES_ID} nonce={nonce} dangerouslySetInnerHTML={{ __html: json }} />;
}

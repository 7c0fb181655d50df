import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
// In the client build this is app/lib/i18n-client.tsx (vite.config.ts, decision 027).
import { I18nextProvider } from "react-i18next";
import { createClientI18n } from "./lib/i18n-client";
import { I18N_RESOURCES_ID, I18nResourcesContext } from "./lib/i18n-resources";

// The server rendered in <html lang> and sent that language's texts inline.
const json = document.getElementById(I18N_RESOURCES_ID)?.textContent ?? "{}";
const i18n = createClientI18n(document.documentElement.lang || "nl", JSON.parse(json) as Record<string, unknown>);

startTransition(() => {
  hydrateRoot(
    document,
    <I18nResourcesContext.Provider value={json}>
      <I18nextProvider i18n={i18n as never}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>
    </I18nResourcesContext.Provider>,
  );
});

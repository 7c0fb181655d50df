// The browser's `react-i18next` (vite.config.ts points the client build's imports of
// it here; the server keeps the real i18next and react-i18next). Why (decision 027):
// i18next and react-i18next are 19 KB gzip and both languages' texts another 35 KB, in
// the JavaScript of every page; a cooperative page may load 110 KB. The pages use a
// small part of i18next: dotted keys in one namespace, `{{var}}` interpolation,
// `_one`/`_other` plurals, `defaultValue`. This does exactly that, on the texts of the
// page's language only, which the server sends inline (app/lib/i18n-resources.tsx);
// a switch of language fetches the other one (app/routes/texts[.json].tsx).
// tests/unit/i18n-client.test.ts checks it against i18next on every key in both
// languages, so server and browser render the same text.
//
// What it does not do, on purpose: namespaces other than "common", nesting ($t()),
// formatters, <Trans>. Importing a missing export fails the client build, so no page
// silently loses a feature; add it here (and to the test) when a page needs it.
import { createContext, createElement, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";

type Resources = Record<string, unknown>;
type Options = { count?: number; defaultValue?: string; context?: string; keyPrefix?: string; [name: string]: unknown };

export type ClientI18n = {
  language: string;
  resolvedLanguage: string;
  languages: string[];
  isInitialized: true;
  t: (key: string | string[], options?: Options) => string;
  exists: (key: string) => boolean;
  changeLanguage: (lng: string) => Promise<void>;
  subscribe: (listener: () => void) => () => void;
};

/** Where the browser fetches another language's texts (app/routes/texts[.json].tsx). */
export const textsUrl = (lng: string) => `/texts.json?lng=${encodeURIComponent(lng)}`;

function lookup(resources: Resources, key: string): unknown {
  let node: unknown = resources;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function interpolate(text: string, options: Options): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (match, name: string) => {
    const value = lookup(options as Resources, name);
    // i18next leaves a placeholder without a value as it is.
    return value === undefined || value === null ? match : String(value);
  });
}

export function createClientI18n(initialLng: string, initialResources: Resources): ClientI18n {
  let lng = initialLng;
  let resources = initialResources;
  let plurals = new Intl.PluralRules(lng);
  const listeners = new Set<() => void>();
  const find = (key: string, options: Options): string | undefined => {
    const base = key.startsWith("common:") ? key.slice(7) : key;
    const candidates: string[] = [];
    const withContext = options.context ? [`${base}_${options.context}`, base] : [base];
    for (const k of withContext) {
      if (typeof options.count === "number") {
        if (options.count === 0) candidates.push(`${k}_zero`);
        candidates.push(`${k}_${plurals.select(options.count)}`, `${k}_other`);
      }
      candidates.push(k);
    }
    for (const candidate of candidates) {
      const found = lookup(resources, candidate);
      if (typeof found === "string") return found;
    }
    return undefined;
  };
  const i18n: ClientI18n = {
    language: lng,
    resolvedLanguage: lng,
    languages: [lng],
    isInitialized: true,
    t(key, options = {}) {
      const keys = Array.isArray(key) ? key : [key];
      for (const k of keys) {
        const found = find(options.keyPrefix ? `${options.keyPrefix}.${k}` : k, options);
        if (found !== undefined) return interpolate(found, options);
      }
      if (typeof options.defaultValue === "string") return interpolate(options.defaultValue, options);
      return keys[keys.length - 1] ?? "";
    },
    exists: (key) => find(key, {}) !== undefined,
    // Only the page's language came with the document: another one is fetched once
    // (the language buttons navigate on the client); if that fails, a new document.
    async changeLanguage(next) {
      if (next === lng) return;
      try {
        const response = await fetch(textsUrl(next));
        if (!response.ok) throw new Error(String(response.status));
        resources = (await response.json()) as Resources;
      } catch {
        window.location.reload();
        return;
      }
      lng = next;
      plurals = new Intl.PluralRules(lng);
      Object.assign(i18n, { language: lng, resolvedLanguage: lng, languages: [lng] });
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return i18n;
}

const I18nContext = createContext<ClientI18n | null>(null);

export function I18nextProvider({ i18n, children }: { i18n: ClientI18n; children?: ReactNode }) {
  return createElement(I18nContext.Provider, { value: i18n }, children);
}

export function useTranslation(_ns?: string | string[], options: { keyPrefix?: string } = {}) {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useTranslation outside I18nextProvider");
  // Re-render in the new language, with a new `t` (as react-i18next gives), when it changes.
  const lng = useSyncExternalStore(i18n.subscribe, () => i18n.language, () => i18n.language);
  const prefix = options.keyPrefix;
  const t = useMemo(() => (key: string | string[], o: Options = {}) => i18n.t(key, prefix ? { keyPrefix: prefix, ...o } : o), [i18n, prefix, lng]); // eslint-disable-line react-hooks/exhaustive-deps -- lng: a new t per language
  return { t, i18n, ready: true as const };
}

/** For code written against react-i18next's plugin API; nothing to set up here. */
export const initReactI18next = { type: "3rdParty" as const, init() {} };

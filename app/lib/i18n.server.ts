import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import i18nConfig, { fallbackLng, isLng, resources, supportedLngs, type Lng } from "~/i18n";
import { env } from "./env.server";

/** Visitors who pick a language without an account keep it in this cookie. */
export const localeCookie = createCookie("koepel_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.production,
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new RemixI18Next({
  detection: { supportedLanguages: [...supportedLngs], fallbackLanguage: fallbackLng, cookie: localeCookie, order: ["cookie", "header"] },
  i18next: { ...i18nConfig, resources },
});

/** The user's saved language wins; then a visitor's cookie, then Accept-Language; else Dutch. */
export async function resolveLocale(request: Request, userLocale?: string | null): Promise<Lng> {
  if (isLng(userLocale)) return userLocale;
  const detected = await detector.getLocale(request);
  return isLng(detected) ? detected : fallbackLng;
}

const instances = new Map<Lng, Promise<TFunction>>();
/** A translator for text produced outside a page: emails, exports. */
export function fixedT(lng: Lng): Promise<TFunction> {
  let t = instances.get(lng);
  if (!t) {
    const instance = createInstance();
    t = instance.init({ ...i18nConfig, resources, lng }).then(() => instance.t);
    instances.set(lng, t);
  }
  return t;
}

import { createCookie, redirect } from "@remix-run/node";
import { env } from "./env.server";

/**
 * "Saved" after a redirect: the action sets a short-lived cookie and redirects (so a
 * reload does not post again), the next page's root loader reads it once and clears
 * it, and the layout shows it (components/ui/toast.tsx). A cookie rather than the
 * session: it works before login too, and costs no database write. It holds only a
 * translation key and its parameters, shown to the person who sent it, so it is
 * not signed.
 */
const toastCookie = createCookie("koepel_toast", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: env.production,
  maxAge: 60,
});

export type Toast = { key: string; params?: Record<string, string | number> };

const isToast = (value: unknown): value is Toast =>
  typeof value === "object" && value !== null && typeof (value as Toast).key === "string" && /^[\w.]+$/.test((value as Toast).key);

/** Redirect to `to` and show `key` (an i18n key) there. */
export async function redirectWithToast(to: string, key: string, params?: Toast["params"], init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastCookie.serialize({ key, params } satisfies Toast));
  return redirect(to, { ...init, headers });
}

/** The toast waiting for this request, and the header that clears it. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; headers?: HeadersInit }> {
  const header = request.headers.get("Cookie");
  if (!header?.includes("koepel_toast=")) return { toast: null };
  const value: unknown = await toastCookie.parse(header).catch(() => null);
  return { toast: isToast(value) ? value : null, headers: { "Set-Cookie": await toastCookie.serialize("", { maxAge: 0 }) } };
}

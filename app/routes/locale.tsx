import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { localeCookie } from "~/lib/i18n.server";
import { clientIp, handler, safeRedirect, submitForm } from "~/lib/route.server";
import { getSession } from "~/lib/session.server";
import { setLocale } from "~/modules/auth/accounts.server";
import { localeSchema } from "~/modules/auth/schemas";
import { access } from "~/lib/access";

export const handle = access({ loader: "public", action: "public" });

export async function loader() {
  return redirect("/");
}

/** Saved on the account when logged in; in a cookie for visitors. */
export const action = handler(async ({ request }: ActionFunctionArgs) => {
  const result = await submitForm(await request.formData(), localeSchema, async (v) => {
    const session = await getSession(request);
    if (session) await setLocale(session.user.id, v.locale, clientIp(request));
    return v;
  });
  if (!result.ok) return result.response;
  return redirect(safeRedirect(result.value.redirectTo), { headers: { "Set-Cookie": await localeCookie.serialize(result.value.locale) } });
}, { resource: true });

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientIp } from "~/lib/route.server";
import { clearSessionCookie, getAnySession } from "~/lib/session.server";
import { invalidateSession } from "~/modules/auth/sessions.server";
import { access } from "~/lib/access";

export const handle = access({ loader: "public", action: "public" });

// Logging out is a POST (a GET must change nothing); the session ends on the server too.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // A session still waiting for its two-factor code can log out too.
  const session = await getAnySession(request);
  if (session) await invalidateSession(session.id, clientIp(request));
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientIp } from "~/lib/route.server";
import { clearSessionCookie, getSession } from "~/lib/session.server";
import { invalidateSession } from "~/modules/auth/sessions.server";
import { access } from "~/lib/access";

export const handle = access({ loader: "public", action: "public" });

// Logging out is a POST (a GET must change nothing); the session ends on the server too.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) await invalidateSession(session.id, clientIp(request));
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}

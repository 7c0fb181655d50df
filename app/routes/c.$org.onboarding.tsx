import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { access } from "~/lib/access";
import { requireMember } from "~/lib/guard.server";
import { handler } from "~/lib/route.server";
import { isSafeRedirect } from "~/lib/safe-redirect";
import { dismissOnboarding } from "~/modules/organizations/onboarding.server";

// The onboarding checklist's "put away" button posts here from whichever page shows it.
export const handle = access({ loader: "org:settings", action: "org:settings" });

export const loader = handler(async ({ request, params }: LoaderFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:settings");
  return redirect(`/c/${ctx.org.slug}/settings`);
});

export const action = handler(async ({ request, params }: ActionFunctionArgs) => {
  const ctx = await requireMember(request, params.org, "org:settings");
  const back = (await request.formData()).get("back");
  await dismissOnboarding(ctx);
  // Back to the page the list was on, only within this cooperative.
  const home = `/c/${ctx.org.slug}`;
  const target = isSafeRedirect(back, new URL(request.url).origin) && (back === home || back.startsWith(`${home}/`)) ? back : home;
  return redirect(target);
});

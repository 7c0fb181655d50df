import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLng } from "~/i18n";
import { access } from "~/lib/access";
import { inlineResources } from "~/lib/i18n-resources.server";
import { handler } from "~/lib/route.server";

export const handle = access({ loader: "public" });

/**
 * One language's texts for the browser's translator, when a person switches language
 * without a new document (decision 027). The same for everyone and public (the texts
 * ship with the app); cached for an hour, they change only with a release.
 */
export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  const lng = new URL(request.url).searchParams.get("lng");
  if (!isLng(lng)) return new Response("unknown language", { status: 404 });
  return new Response(inlineResources(lng), { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}, { resource: true });

import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import i18nConfig, { isLng, resources, supportedLngs, type Lng } from "./i18n";
import { I18nResourcesContext } from "./lib/i18n-resources";
import { inlineResources } from "./lib/i18n-resources.server";
import { NonceContext } from "./lib/nonce";
import { QUERY_COUNT_HEADER, queryCountEnabled } from "./lib/request-context.server";
import { applyCarriedHeaders } from "./lib/response-headers.server";

export { boot, shutdown } from "./lib/boot.server";

const ABORT_DELAY = 5_000;

// With KOEPEL_QUERY_COUNT=1 (benchmark, local profiling; never set by default) every
// page and .data answer says how many statements its loaders sent (decision 019).
function reportQueries(headers: Headers, loadContext: AppLoadContext) {
  if (queryCountEnabled() && loadContext.requestContext) headers.set(QUERY_COUNT_HEADER, String(loadContext.requestContext.queries));
}

// One i18next instance per language, made at start and shared by every request: the
// resources are static and no request changes an instance's language, so a fresh
// init per request (it was) only cost time and memory.
const translators = new Map<Lng, Promise<i18n>>();
function translator(lng: Lng): Promise<i18n> {
  let found = translators.get(lng);
  if (!found) {
    const instance = createInstance();
    found = instance.use(initReactI18next).init({ ...i18nConfig, resources, lng }).then(() => instance);
    translators.set(lng, found);
  }
  return found;
}
for (const lng of supportedLngs) void translator(lng);

export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  reportQueries(response.headers, context);
  applyCarriedHeaders(context, response.headers);
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  reportQueries(responseHeaders, loadContext);
  applyCarriedHeaders(loadContext, responseHeaders);
  // The root loader has already chosen the language (user setting, cookie, Accept-Language).
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const lng = isLng(rootData?.locale) ? rootData.locale : "nl";
  const instance = await translator(lng);

  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <I18nResourcesContext.Provider value={inlineResources(lng)}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nResourcesContext.Provider>
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

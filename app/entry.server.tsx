import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import i18nConfig, { isLng, resources } from "./i18n";
import { NonceContext } from "./lib/nonce";
import { UNAVAILABLE_RETRY_AFTER_S } from "./lib/route.server";

export { boot, shutdown } from "./lib/boot.server";

const ABORT_DELAY = 5_000;

// A 503 (the database is down: app/lib/route.server.ts) tells clients when to try again.
// Remix renders a thrown response's status but not its headers, so it is set here, for
// pages and for client navigations (.data) alike.
function retryAfter(status: number, headers: Headers) {
  if (status === 503 && !headers.has("Retry-After")) headers.set("Retry-After", String(UNAVAILABLE_RETRY_AFTER_S));
}

export function handleDataRequest(response: Response) {
  retryAfter(response.status, response.headers);
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
  retryAfter(responseStatusCode, responseHeaders);
  // The root loader has already chosen the language (user setting, cookie, Accept-Language).
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const lng = isLng(rootData?.locale) ? rootData.locale : "nl";
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...i18nConfig, resources, lng });

  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
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

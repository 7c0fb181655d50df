import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of the response being rendered (app/lib/http-security.ts).
// Set by entry.server.tsx from the load context; empty in the browser, where the
// scripts have already run and React does not compare the nonce on hydration.
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Set by app/server.ts for each request. */
    cspNonce?: string;
    /** Built once per HTTP request by app/server.ts (app/lib/request-context.server.ts). */
    requestContext?: import("./request-context.server").RequestContext;
  }
}

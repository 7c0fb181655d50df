// The production server: Express serving the Remix build, with a graceful stop.
// Run with `node --import tsx app/server.ts [--demo]` after `npm run build`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { env } from "./lib/env.server";
import { limitBody, plainErrors, refuseCrossSite, securityHeaders } from "./lib/http-security";
import { createRequestContext } from "./lib/request-context.server";

const demo = process.argv.includes("--demo");
const port = Number(process.env.PORT ?? 3000);
const buildDir = path.resolve("build");

const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
type Boot = { boot: (o: { demo?: boolean }) => Promise<{ demoLogins: { email: string; password: string; note: string }[] }>; shutdown: () => Promise<void> };
const entry = build.entry.module as unknown as Boot;

const { demoLogins } = await entry.boot({ demo });

const app = express();
app.disable("x-powered-by");
app.use(compression());

// The client address as the socket saw it, for the audit log. Any such header sent
// by a client is overwritten. Behind a proxy, set TRUST_PROXY=1 to use X-Forwarded-For.
if (process.env.TRUST_PROXY) app.set("trust proxy", 1);
app.use((req, _res, next) => {
  req.headers["x-koepel-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "";
  next();
});

// Security headers (CSP with a per-request nonce, HSTS in production, ...) on every
// response, static files and errors included; then cross-site writes are refused
// before any route reads a body or the database, and every body is held to its
// limit (413) before Remix reads it (docs/security.md).
app.use(securityHeaders({ production: () => env.production }));
app.use(refuseCrossSite({ appUrl: () => env.appUrl }));
app.use(limitBody());

app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    // The nonce reaches entry.server.tsx (React's and Remix's inline scripts) and root.tsx.
    // The request context is built here, once per HTTP request, so every loader of the
    // request shares one session check and one guard lookup (decision 019).
    getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce), requestContext: createRequestContext() }),
  }),
);
app.use(plainErrors());

const server = app.listen(port, () => {
  console.log(`Koepel listens on http://localhost:${port}`);
  if (demoLogins.length) {
    console.log("Demo logins:");
    for (const login of demoLogins) console.log(`  ${login.email.padEnd(36)} ${login.password}   ${login.note}`);
  }
});

// SIGTERM: stop accepting, let requests in flight finish, then stop the mail worker
// and close the database (PGlite must be closed to leave its directory consistent).
let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  server.close(async () => {
    await entry.shutdown();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
// A background task (mail, reminders, an import batch) that fails while the database
// is away must not take the web process down with it: requests answer 503 meanwhile,
// and the process is still there when the database returns. Logged, not swallowed.
process.on("unhandledRejection", (reason) => console.error("unhandled rejection:", reason));

// The production server: Express serving the Remix build, with a graceful stop.
// Run with `node --import tsx app/server.ts [--demo]` after `npm run build`.
import http from "node:http";
import type { Socket } from "node:net";
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

// Sockets that hold the server without sending a request are cut off: the headers must
// arrive within HTTP_HEADERS_TIMEOUT_MS and the whole request within HTTP_REQUEST_TIMEOUT_MS
// (Node's defaults, 60 s and 5 min checked every 30 s, let slow-header clients hold
// sockets for over a minute), and an idle keep-alive connection closes after
// HTTP_KEEP_ALIVE_TIMEOUT_MS. Behind a proxy, keep that above the proxy's own idle timeout.
const headersTimeout = Number(process.env.HTTP_HEADERS_TIMEOUT_MS ?? 10_000);
const server = http.createServer(
  {
    headersTimeout,
    requestTimeout: Math.max(headersTimeout, Number(process.env.HTTP_REQUEST_TIMEOUT_MS ?? 60_000)),
    keepAliveTimeout: Number(process.env.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? 5_000),
    // How often Node looks for sockets past those timeouts: often enough that they hold.
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 4))),
  },
  app,
);

// Which connections are answering a request, so SIGTERM can close the others at once
// and these as soon as their answer is out.
const answering = new Map<Socket, number>();
let stopping = false;
server.prependListener("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
  const socket = req.socket;
  answering.set(socket, (answering.get(socket) ?? 0) + 1);
  res.once("close", () => {
    const left = (answering.get(socket) ?? 1) - 1;
    if (left > 0) return void answering.set(socket, left);
    answering.delete(socket);
    if (stopping) socket.end(); // keep-alive would hold shutdown for a quiet client
  });
});
const sockets = new Set<Socket>();
server.on("connection", (socket: Socket) => {
  sockets.add(socket);
  socket.once("close", () => sockets.delete(socket));
});

server.listen(port, () => {
  console.log(`Koepel listens on http://localhost:${port}`);
  if (demoLogins.length) {
    console.log("Demo logins:");
    for (const login of demoLogins) console.log(`  ${login.email.padEnd(36)} ${login.password}   ${login.note}`);
  }
});

// SIGTERM: stop accepting, let requests in flight finish, then stop the mail worker
// and close the database (PGlite must be closed to leave its directory consistent).
// Connections with no request being answered (idle keep-alive, or headers still
// arriving: server.close() stops Node's header timeout) are closed at once, the others
// right after their answer, so shutdown never waits for a quiet client.
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
  for (const socket of sockets) if (!answering.has(socket)) socket.destroy();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
// A background task (mail, reminders, an import batch) that fails while the database
// is away must not take the web process down with it: requests answer 503 meanwhile,
// and the process is still there when the database returns. Logged, not swallowed.
process.on("unhandledRejection", (reason) => console.error("unhandled rejection:", reason));

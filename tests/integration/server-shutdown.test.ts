import { existsSync, mkdtempSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import net from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startServer, until, type RunningServer } from "../helpers/server";

// The built server (npm run build), each test on its own in-memory or temporary PGlite
// and its own free port. Every wait is on the condition asserted next (a line of the
// server's output, a byte on a socket, a socket's close), never on a fixed delay.

/** A raw connection to the server that collects what it answers. */
async function connect(server: RunningServer) {
  const socket = net.connect(server.port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  const conn = { socket, answer: "", closed: false, closedAt: 0 };
  socket.on("data", (d) => (conn.answer += d));
  socket.on("error", () => {}); // a reset after the server closed it is expected
  socket.once("close", () => {
    conn.closed = true;
    conn.closedAt = performance.now();
  });
  return conn;
}

const exitCode = (server: RunningServer) =>
  server.child.exitCode !== null ? Promise.resolve(server.child.exitCode) : new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));

const login = new URLSearchParams({ email: "voorzitter@vakwerk.demo.koepel.nl", password: "koepel-demo-2026" }).toString();

describe("graceful shutdown", () => {
  it("finishes in-flight work, closes the database and exits 0 on SIGTERM", async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "koepel-stop-")), "pglite");
    const server = await startServer({ args: ["--demo"], env: { PGLITE_DIR: dataDir } });
    // "Demo logins" is printed after "listens on" and may arrive in a later chunk: wait for it.
    await server.waitForOutput("Demo logins");
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    // A login whose body is still arriving when the signal comes: the request is in
    // flight on an open connection, and must still be answered. "100 Continue" is the
    // server's word that it has the request; "SIGTERM: closing" that the signal arrived.
    const conn = await connect(server);
    conn.socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${login.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n${login.slice(0, 10)}`,
    );
    await until(() => conn.answer.includes("100 Continue"), "the server to accept the request");
    const exited = exitCode(server);
    server.child.kill("SIGTERM");
    await server.waitForOutput("SIGTERM: closing");
    conn.socket.write(login.slice(10)); // Connection: close: the server ends the connection after answering
    await until(() => conn.closed, "the server to answer and close the connection");

    expect(conn.answer).toMatch(/HTTP\/1\.1 302/);
    expect(conn.answer).toMatch(/set-cookie: koepel_session=/i);
    expect(await exited).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 120_000);

  it("at SIGTERM closes idle keep-alive and half-sent connections, and a keep-alive answer's connection once it is out", async () => {
    // A keep-alive timeout longer than the 20 s after which a stuck shutdown exits 1:
    // only closing the connections itself lets this server exit 0.
    const server = await startServer({ env: { HTTP_KEEP_ALIVE_TIMEOUT_MS: "60000", HTTP_HEADERS_TIMEOUT_MS: "60000" } });
    const agent = new http.Agent({ keepAlive: true });
    const idle = await new Promise<net.Socket>((resolve, reject) => {
      const req = http.get(`${server.url}/login`, { agent }, (res) => {
        res.resume();
        res.once("end", () => resolve(req.socket!));
      });
      req.once("error", reject);
    });
    let idleClosed = false;
    idle.once("close", () => (idleClosed = true));
    // Headers still arriving (a slow or stalled client): no request the server could answer yet.
    const halfSent = await connect(server);
    halfSent.socket.write(`GET /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    // A keep-alive request in flight at the signal: answered, then its connection closed.
    const inFlight = await connect(server);
    inFlight.socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${login.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await until(() => inFlight.answer.includes("100 Continue"), "the server to accept the request");

    const exited = exitCode(server);
    server.child.kill("SIGTERM");
    await server.waitForOutput("SIGTERM: closing");
    inFlight.socket.write(login);
    await until(() => idleClosed && halfSent.closed && inFlight.closed, "the server to close all three connections", 15_000);
    expect(inFlight.answer).toMatch(/HTTP\/1\.1 400/); // answered (no demo data here: the login is refused)
    expect(await exited).toBe(0); // not the forced exit (1) of a shutdown that waited 20 s
    agent.destroy();
  }, 120_000);

  it("closes sockets that send their headers or body too slowly", async () => {
    const server = await startServer({ env: { HTTP_HEADERS_TIMEOUT_MS: "1000", HTTP_REQUEST_TIMEOUT_MS: "2000" } });
    try {
      const began = performance.now();
      // Twenty clients that send a header line every 200 ms and never finish, and one
      // that sends its headers but drips its body.
      const slowHeaders = await Promise.all(Array.from({ length: 20 }, () => connect(server)));
      for (const c of slowHeaders) c.socket.write(`GET /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
      const slowBody = await connect(server);
      slowBody.socket.write(
        `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${login.length}\r\n\r\n`,
      );
      const drip = setInterval(() => {
        for (const c of slowHeaders) if (!c.closed) c.socket.write("X-Slow: 1\r\n");
        if (!slowBody.closed) slowBody.socket.write("e");
      }, 200);
      try {
        await until(() => slowHeaders.every((c) => c.closed) && slowBody.closed, "the server to close the slow sockets", 20_000);
      } finally {
        clearInterval(drip);
      }
      for (const c of slowHeaders) {
        expect(c.answer).toMatch(/^HTTP\/1\.1 408/);
        // Node's defaults (60 s, checked every 30 s) kept such sockets for over a minute.
        expect(c.closedAt - began).toBeLessThan(10_000);
      }
      expect(slowBody.answer).toMatch(/^HTTP\/1\.1 408/);
      // The server still answers everyone else.
      expect((await fetch(`${server.url}/login`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

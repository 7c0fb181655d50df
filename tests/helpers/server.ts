// Start the real production server (app/server.ts over the Remix build) in a child
// process, for tests that need Express's middleware, headers and sockets.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";

export type RunningServer = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  /** Resolves once the server's output contains `text` (fails after `ms`, or if the server exits). */
  waitForOutput: (text: string, ms?: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** Poll `condition` until it holds; the error names what was awaited. Never a fixed sleep. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 30_000, every = 50): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Spawn `node --import tsx app/server.ts` and wait until it listens. */
export async function startServer(options: { env?: Record<string, string>; args?: string[] } = {}): Promise<RunningServer> {
  if (!existsSync("build/server/index.js")) throw new Error("run `npm run build` first");
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", PORT: String(port), APP_URL: url, PGLITE_DIR: "memory://", ...options.env };
  delete env.SMTP_URL;
  if (!options.env?.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts", ...(options.args ?? [])], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const waitForOutput = async (text: string, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!output.includes(text)) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before printing "${text}":\n${output}`);
      if (Date.now() > end) throw new Error(`server did not print "${text}" within ${ms} ms:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await waitForOutput("listens on", 120_000);
  return {
    url,
    port,
    child,
    output: () => output,
    waitForOutput,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The value of one cookie from a response's Set-Cookie headers, or null. */
export function cookieFrom(response: Response, name: string): string | null {
  for (const c of response.headers.getSetCookie()) {
    const m = c.match(new RegExp(`^${name}=([^;]*)`));
    if (m) return m[1];
  }
  return null;
}

import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { databaseCircuit } from "~db/circuit";
import { isDatabaseUnavailable } from "~db/errors";
import { bodyLimitFor } from "./body-limits";
import { env } from "./env.server";
import type { PendingConfirmation } from "~/components/ui/confirm-action";
import { AppError, isAppError } from "./errors";
import { createRequestContext, isRequestContext, runInRequestContext } from "./request-context.server";
import { carryHeaders } from "./response-headers.server";
import { safeRedirectTo } from "./safe-redirect";
import { controlCharacterIn, queryControlCharacterIn } from "./validation";

/** The one mapper from AppError to an HTTP answer; the root error boundary renders it. */
export function toErrorResponse(error: AppError) {
  return data({ code: error.code, messageKey: error.messageKey }, { status: error.status, headers: errorHeaders(error) });
}

/** Retry-After (seconds) for a throttled request, so clients and people know when to try again. */
function errorHeaders(error: AppError): HeadersInit | undefined {
  return error.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(error.retryAfterSeconds) };
}

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** Seconds a client is told to wait (Retry-After) before trying again after a 503. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;
const unavailable = () => new AppError("unavailable", undefined, undefined, UNAVAILABLE_RETRY_AFTER_S);

/**
 * The one place where trouble with the database becomes "unavailable" (503, a
 * friendly page): refused or dropped connections, postgres.js's connect timeout,
 * the statement timeout, and a request that waited longer than REQUEST_TIMEOUT_MS
 * (a hung connection after a database restart must not hold the visitor).
 * A connection error opens the database circuit (db/circuit.ts); a missed deadline
 * makes it probe the database.
 */
export async function withinDeadline<R>(work: Promise<R>, ms = env.requestTimeoutMs): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(unavailable());
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (timedOut) void databaseCircuit.suspect();
    if (isDatabaseUnavailable(error)) {
      console.error("database unavailable:", error instanceof Error ? error.message : error);
      databaseCircuit.failure(error);
      throw unavailable();
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Wrap a loader or action so a thrown AppError becomes its status and message, and
 * database trouble becomes AppError("unavailable") (see withinDeadline). While the
 * database circuit is open (PostgreSQL known to be down) it answers that at once,
 * without running the loader or touching the database.
 * Resource routes (downloads) have no error boundary: they answer a plain JSON Response.
 *
 * Before the route runs, the request itself is checked, once for every route:
 * control characters in the query string (400) or in a URL parameter (404) never
 * reach a query (PostgreSQL refuses NUL in text: that was a 500), and the body is
 * held to its limit (413), also when the app runs without our Express server.
 * Headers a browser must see whatever the route (Retry-After) are carried to the
 * response (response-headers.server.ts).
 */
export function handler<A extends Args, R>(fn: (args: A) => Promise<R>, options: { resource?: boolean } = {}) {
  return (args: A): Promise<R> => inRequestContext(args, async () => {
    const body = limitBody(args.request);
    try {
      checkRequest(args);
      if (body.exceeded()) throw new AppError("too_large");
      // PostgreSQL known to be down: answer at once, without running the route (db/circuit.ts).
      if (databaseCircuit.isOpen) throw unavailable();
      const result = await withinDeadline(fn(body.request === args.request ? args : { ...args, request: body.request }));
      carryHeaders(args.context, result);
      return options.resource ? (asResponse(result) as R) : result;
    } catch (caught) {
      const tooLarge = body.exceeded() || (caught as { status?: unknown } | null)?.status === 413;
      const error = tooLarge ? new AppError("too_large") : caught;
      carryHeaders(args.context, error);
      if (!isAppError(error)) throw error;
      if (options.resource) {
        throw new Response(JSON.stringify({ code: error.code, messageKey: error.messageKey }), {
          status: error.status,
          headers: { "Content-Type": "application/json; charset=utf-8", ...errorHeaders(error) },
        });
      }
      throw toErrorResponse(error);
    }
  });
}

/**
 * Run a loader or action in its request's context (app/lib/request-context.server.ts),
 * so the guard and session checks are shared by all loaders of the request. Called
 * without one (tests calling a loader directly), it gets a fresh context of its own.
 * After an action the memo is cleared: the loaders that render its result must see
 * what it changed (a renamed cooperative, a session that passed two-factor).
 */
function inRequestContext<R>(args: Args, fn: () => Promise<R>): Promise<R> {
  const given = (args.context as { requestContext?: unknown } | undefined)?.requestContext;
  const context = isRequestContext(given) ? given : createRequestContext();
  const action = args.request.method !== "GET" && args.request.method !== "HEAD";
  return runInRequestContext(context, () => (action ? fn().finally(() => context.reset()) : fn()), { reading: !action });
}

/**
 * A resource route has no component to hand data() to: Remix would answer it as JSON
 * with status 200, dropping the 400 of a refused form. Answer it as JSON with its own
 * status and headers.
 */
function asResponse(result: unknown): unknown {
  const value = result as { type?: unknown; data?: unknown; init?: ResponseInit | null } | null;
  if (value?.type !== "DataWithResponseInit") return result;
  const headers = new Headers(value.init?.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(value.data), { status: value.init?.status ?? 200, headers });
}

function checkRequest({ request, params }: Args) {
  for (const value of Object.values(params)) if (value !== undefined && queryControlCharacterIn(value)) throw new AppError("not_found");
  for (const [name, value] of new URL(request.url).searchParams) {
    if (queryControlCharacterIn(name) || queryControlCharacterIn(value)) throw new AppError("invalid", "errors.controlCharacters");
  }
}

/**
 * The request with its body counted as it is read: past the limit for its type
 * (body-limits.ts) reading fails and the handler answers 413. A declared
 * Content-Length over the limit fails before anything is read.
 */
function limitBody(request: Request): { request: Request; exceeded: () => boolean } {
  if (!request.body || request.method === "GET" || request.method === "HEAD") return { request, exceeded: () => false };
  const limit = bodyLimitFor(request.headers.get("Content-Type"));
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > limit) return { request, exceeded: () => true };
  let exceeded = false;
  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limit) {
        exceeded = true;
        controller.error(Object.assign(new Error("request body too large"), { status: 413 }));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  const limited = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body.pipeThrough(counter),
    signal: request.signal,
    // Node's fetch needs it for a streamed body.
    duplex: "half",
  });
  return { request: limited, exceeded: () => exceeded };
}

/**
 * Parse a submitted form with the Zod schema the client also uses. Invalid input
 * answers 400 with the submission (messages are i18n keys rendered beside the
 * field) and nothing is written. An AppError from `fn` with a field goes beside
 * that field, with its own status (409 for a conflict, 429 when throttled, 400 otherwise).
 */
export async function submitForm<S extends z.ZodTypeAny, R>(
  formData: FormData,
  schema: S,
  fn: (value: z.output<S>) => Promise<R>,
  options: { confirm?: (value: z.output<S>) => boolean } = {},
) {
  const submission = parseWithZod(formData, { schema });
  // One check for every form, before the schema's value reaches anything: NUL and
  // the other C0 controls (tab, LF and CR are text) answer 400 beside their field.
  const controlled = fieldsWithControlCharacters(formData);
  if (controlled.length) {
    const fieldErrors = Object.fromEntries(controlled.map((name) => [name, ["errors.controlCharacters"]]));
    return { ok: false as const, response: data({ result: submission.reply({ fieldErrors }) }, { status: 400 }) };
  }
  if (submission.status !== "success") {
    return { ok: false as const, response: data({ result: submission.reply() }, { status: 400 }) };
  }
  // A destructive action asks first (decision 021): checked after the input is valid,
  // so the question is asked about something that can be done, and before anything is written.
  if (options.confirm?.(submission.value) && !isConfirmed(formData)) {
    return { ok: false as const, response: data({ result: undefined, confirm: pendingConfirmation(formData) }) };
  }
  try {
    return { ok: true as const, value: await fn(submission.value) };
  } catch (error) {
    if (isAppError(error) && (error.field || error.code === "invalid" || error.code === "conflict" || error.code === "rate_limited")) {
      const reply = error.field
        ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } })
        : submission.reply({ formErrors: [error.messageKey] });
      return { ok: false as const, response: data({ result: reply }, { status: error.status, headers: errorHeaders(error) }) };
    }
    throw error;
  }
}

/** Sent by the "Ja, …" button of the confirmation dialog or page (components/ui/confirm-action.tsx). */
export const isConfirmed = (formData: FormData) => formData.get("confirmed") === "1";

function pendingConfirmation(formData: FormData): PendingConfirmation {
  const fields: [string, string][] = [];
  for (const [name, value] of formData) if (name !== "confirmed" && typeof value === "string") fields.push([name, value]);
  const intent = formData.get("intent");
  return { intent: typeof intent === "string" ? intent : "", fields };
}

function fieldsWithControlCharacters(formData: FormData): string[] {
  const names = new Set<string>();
  for (const [name, value] of formData) {
    if (controlCharacterIn(name) || controlCharacterIn(typeof value === "string" ? value : value.name)) names.add(name);
  }
  return [...names];
}

export function clientIp(request: Request): string | null {
  // The custom server sets this from the socket (or trusted proxy); never trust a raw header here.
  return request.headers.get("x-koepel-client-ip");
}

/**
 * The one rule for a redirect target taken from a request: a path on the app's own
 * origin (safe-redirect.ts), else `fallback`. Nothing is stripped or repaired.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return safeRedirectTo(to, env.appUrl, fallback);
}

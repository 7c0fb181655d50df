import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { z } from "zod";
import { databaseCircuit } from "~db/circuit";
import { isDatabaseUnavailable } from "~db/errors";
import { env } from "./env.server";
import { AppError, isAppError } from "./errors";

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
 */
export function handler<A extends Args, R>(fn: (args: A) => Promise<R>, options: { resource?: boolean } = {}) {
  return async (args: A): Promise<R> => {
    try {
      if (databaseCircuit.isOpen) throw unavailable();
      return await withinDeadline(fn(args));
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (options.resource) {
        throw new Response(JSON.stringify({ code: error.code, messageKey: error.messageKey }), {
          status: error.status,
          headers: { "Content-Type": "application/json; charset=utf-8", ...errorHeaders(error) },
        });
      }
      throw toErrorResponse(error);
    }
  };
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
) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return { ok: false as const, response: data({ result: submission.reply() }, { status: 400 }) };
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

export function clientIp(request: Request): string | null {
  // The custom server sets this from the socket (or trusted proxy); never trust a raw header here.
  return request.headers.get("x-koepel-client-ip");
}

/** Only same-site relative paths are followed after login or a language switch. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

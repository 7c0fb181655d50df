// The one error type. Modules throw only AppError; `toResponse` maps it to HTTP and
// the root error boundary renders it with a translated message (errors.<code>).
export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "rate_limited"
  | "too_large"
  | "unavailable";

const STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    /** An i18n key for the user, e.g. "people.errors.lastBoard"; defaults to errors.<code>. */
    readonly messageKey: string = `errors.${code}`,
    /** For form errors: the field the message belongs beside. */
    readonly field?: string,
    /** For rate_limited: seconds until a new attempt may succeed (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(messageKey);
    this.status = STATUS[code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;


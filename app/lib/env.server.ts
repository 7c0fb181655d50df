// Configuration read from the environment, in one place (see README, Configuration).
export const env = {
  get production() {
    return process.env.NODE_ENV === "production";
  },
  get port() {
    return Number(process.env.PORT ?? 3000);
  },
  /** Public address used in links sent by email; never taken from the request's Host header. */
  get appUrl() {
    return (process.env.APP_URL ?? `http://localhost:${this.port}`).replace(/\/+$/, "");
  },
  /** Longest a request waits (mostly on the database) before answering 503. */
  get requestTimeoutMs() {
    return Number(process.env.REQUEST_TIMEOUT_MS ?? 15_000);
  },
  get smtpUrl() {
    return process.env.SMTP_URL || null;
  },
  get mailFrom() {
    return process.env.MAIL_FROM ?? "Koepel <no-reply@koepel.local>";
  },
  /**
   * Secret for encrypting two-factor keys at rest and signing known-device cookies (each
   * use derives its own key from it). Required in production; elsewhere a
   * fixed development value is used, so a fresh clone runs (its keys protect nothing real).
   */
  get secret() {
    const value = process.env.KOEPEL_SECRET;
    if (value) return value;
    if (this.production) throw new Error("KOEPEL_SECRET must be set in production");
    return "koepel-development-secret-not-for-production";
  },
  /** The dev mailbox shows sent mail in the browser: only without SMTP and outside production. */
  get devMailbox() {
    return !this.production && !this.smtpUrl;
  },
};

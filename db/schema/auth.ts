import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const localeEnum = pgEnum("locale", ["nl", "en"]);

// Accounts are global: one person can belong to several cooperatives.
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(), // stored lower-cased
    name: text("name").notNull(),
    passwordHash: text("password_hash"), // null until an invited person sets one
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    locale: localeEnum("locale").notNull().default("nl"),
    // Two-factor authentication (TOTP): the shared key, set once the person has
    // confirmed a first code. Encrypted at rest by the auth module.
    totpKey: text("totp_key"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    // The time step of the last accepted code: a code is accepted once (ASVS 6.5.1).
    totpLastCounter: integer("totp_last_counter"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

// Sessions as lucia-auth.com teaches: the cookie holds a random token, the table only its SHA-256.
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(), // hex SHA-256 of the token
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    // Set when the second factor was checked for this session (null: not yet).
    twoFactorVerifiedAt: timestamp("two_factor_verified_at", { withTimezone: true }),
    // Last time the person re-entered their password (sensitive changes need a recent one).
    reauthenticatedAt: timestamp("reauthenticated_at", { withTimezone: true }),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// Single-use links sent by email: confirm an address, reset a password, confirm a new address.
export const emailTokenPurposeEnum = pgEnum("email_token_purpose", ["verify_email", "reset_password", "change_email"]);
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: text("id").primaryKey(), // hex SHA-256 of the token in the link
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurposeEnum("purpose").notNull(),
    // For change_email: the address that becomes the account's once the link is followed.
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId)],
);

// Single-use recovery codes for two-factor authentication; only hashes are stored.
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

// Failed logins, counted per account and per IP to throttle guessing before any
// password is hashed. Keys are hashed so the table holds no addresses.
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope").notNull(), // "account" | "ip" | "device" | "signup_ip" | "resend_ip" | "reset_ip" | "signup_note" | "reset_note" (throttle.server.ts)
    keyHash: text("key_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_key_idx").on(t.scope, t.keyHash, t.createdAt)],
);

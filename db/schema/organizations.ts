import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./auth";

export const legalFormEnum = pgEnum("legal_form", ["cooperative_ua", "bv", "foundation", "association", "partnership"]);
export const roleEnum = pgEnum("role", [
  "chair",
  "secretary",
  "treasurer",
  "board_member",
  "member",
  "subcontractor",
  "hired_therapist",
  "office_staff",
]);

// The tenant. Every other tenant table carries organization_id and a row-level security policy.
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  legalForm: legalFormEnum("legal_form").notNull(),
  kvkNumber: text("kvk_number").notNull(),
  // Issue 3: roles that must use two-factor authentication in this cooperative.
  twoFactorRoles: roleEnum("two_factor_roles")
    .array()
    .notNull()
    .default(sql`'{chair,secretary,treasurer,board_member,office_staff}'::role[]`),
  // Issue 4, statutes: a resignation takes effect at the end of the financial year
  // (which ends in this month) with this many weeks' notice, or after the notice alone.
  resignationAtYearEnd: boolean("resignation_at_year_end").notNull().default(true),
  resignationNoticeWeeks: integer("resignation_notice_weeks").notNull().default(4),
  financialYearEndMonth: integer("financial_year_end_month").notNull().default(12),
  // Reminder ladder: days before a registration expires that the member is emailed.
  reminderDays: integer("reminder_days").array().notNull().default(sql`'{90,60,30,7}'::integer[]`),
  version: integer("version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("memberships_org_user_key").on(t.organizationId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    sentCount: integer("sent_count").notNull().default(1),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open invitation per address per cooperative: a double submit creates one record.
    uniqueIndex("invitations_open_email_key")
      .on(t.organizationId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

// Issue 4: the board's membership administration. Every table is a tenant table
// (organization_id + row-level security in the custom migration beside this one).

export const memberTypeEnum = pgEnum("member_type", ["member", "subcontractor", "hired_therapist", "office_staff"]);
export const memberStatusEnum = pgEnum("member_status", ["prospective", "member", "suspended", "left"]);

const orgId = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * One record per person in the cooperative. `user_id` links the account once the
 * person has one; the board can keep members who have no account yet. Profile
 * lists are plain text arrays of codes (disciplines, age ranges, languages) or
 * names (municipalities) so the directory can filter with `= any(...)`.
 */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    email: text("email"), // lower-cased; import matches on it
    phone: text("phone"),
    type: memberTypeEnum("type").notNull().default("member"),
    status: memberStatusEnum("status").notNull().default("prospective"),
    joinedOn: date("joined_on"),
    // A resignation: requested on one date, effective on another (statutes setting).
    resignationRequestedOn: date("resignation_requested_on"),
    leavesOn: date("leaves_on"),
    leaveReason: text("leave_reason"),
    disciplines: text("disciplines").array().notNull().default(sql`'{}'::text[]`),
    ageRanges: text("age_ranges").array().notNull().default(sql`'{}'::text[]`),
    municipalities: text("municipalities").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    capacityHoursPerWeek: integer("capacity_hours_per_week"),
    waitingWeeks: integer("waiting_weeks"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("members_org_user_key").on(t.organizationId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex("members_org_email_key").on(t.organizationId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    index("members_org_status_idx").on(t.organizationId, t.status),
    check("members_capacity_nonnegative", sql`${t.capacityHoursPerWeek} is null or ${t.capacityHoursPerWeek} >= 0`),
    check("members_waiting_nonnegative", sql`${t.waitingWeeks} is null or ${t.waitingWeeks} >= 0`),
  ],
);

/** Every status change, with the date it takes effect and why. */
export const memberStatusHistory = pgTable(
  "member_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    status: memberStatusEnum("status").notNull(),
    effectiveOn: date("effective_on").notNull(),
    reason: text("reason"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("member_status_history_member_idx").on(t.memberId, t.recordedAt)],
);

/** The cooperative's own list of problem areas members can pick from. */
export const problemAreas = pgTable(
  "problem_areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("problem_areas_org_name_key").on(t.organizationId, sql`lower(${t.name})`)],
);

export const memberProblemAreas = pgTable(
  "member_problem_areas",
  {
    organizationId: orgId(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    problemAreaId: uuid("problem_area_id")
      .notNull()
      .references(() => problemAreas.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.problemAreaId] })],
);

/** A practice (business); several therapists can share one. */
export const practices = pgTable(
  "practices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    name: text("name").notNull(),
    kvkNumber: text("kvk_number"),
    establishmentNumber: text("establishment_number"),
    street: text("street"),
    houseNumber: text("house_number"),
    postcode: text("postcode"), // normalised "1234 AB"
    city: text("city"),
    website: text("website"),
    iban: text("iban"), // normalised, no spaces
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("practices_org_idx").on(t.organizationId)],
);

export const memberPractices = pgTable(
  "member_practices",
  {
    organizationId: orgId(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    practiceId: uuid("practice_id")
      .notNull()
      .references(() => practices.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.practiceId] })],
);

export const agbKindEnum = pgEnum("agb_kind", ["personal", "business"]);

/**
 * AGB codes (Vektis): a personal (care provider) code belongs to a member, a
 * business code to a practice. Unique within the cooperative.
 */
export const agbCodes = pgTable(
  "agb_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    code: text("code").notNull(),
    kind: agbKindEnum("kind").notNull(),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    practiceId: uuid("practice_id").references(() => practices.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("agb_codes_org_code_key").on(t.organizationId, t.code),
    check("agb_codes_owner", sql`(${t.kind} = 'personal' and ${t.memberId} is not null) or (${t.kind} = 'business' and ${t.practiceId} is not null)`),
    check("agb_codes_format", sql`${t.code} ~ '^[0-9]{8}$'`),
    index("agb_codes_member_idx").on(t.memberId),
    index("agb_codes_practice_idx").on(t.practiceId),
  ],
);

export const registrationSubjectEnum = pgEnum("registration_subject", ["member", "organization"]);

/**
 * Registration types per cooperative. The built-in ones carry a `code` (their
 * names come from the locale files) and are created with the cooperative; the
 * cooperative adds its own with a `name`.
 */
export const registrationTypes = pgTable(
  "registration_types",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    code: text("code"), // register_vaktherapie, skj, big, vog, liability_insurance, vecozo, reporting_code, hkz
    name: text("name"),
    subject: registrationSubjectEnum("subject").notNull().default("member"),
    cycleMonths: integer("cycle_months"), // null: no fixed cycle
    pointsRequired: integer("points_required"),
    numberPattern: text("number_pattern"), // e.g. BIG: 11 digits
    required: boolean("required").notNull().default(false), // counted as "missing" when absent
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("registration_types_org_code_key").on(t.organizationId, t.code).where(sql`${t.code} is not null`),
    uniqueIndex("registration_types_org_name_key").on(t.organizationId, sql`lower(${t.name})`).where(sql`${t.name} is not null`),
    check("registration_types_named", sql`${t.code} is not null or ${t.name} is not null`),
  ],
);

/** Evidence files: stored on disk or in S3-compatible storage; the row says where. */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    storage: text("storage").notNull(), // "disk" | "s3"
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("files_org_idx").on(t.organizationId)],
);

export const verificationEnum = pgEnum("verification_status", ["pending", "verified", "rejected"]);

/**
 * A registration held by a member (or, for HKZ, by the cooperative itself:
 * member_id null). A renewal is a new row that supersedes the old one, so the
 * history stays and a rejected renewal leaves the verified one in force.
 */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    typeId: uuid("type_id")
      .notNull()
      .references(() => registrationTypes.id, { onDelete: "restrict" }),
    number: text("number"),
    issuedOn: date("issued_on"),
    validUntil: date("valid_until"),
    points: integer("points"),
    evidenceFileId: uuid("evidence_file_id").references(() => files.id, { onDelete: "set null" }),
    verification: verificationEnum("verification").notNull().default("pending"),
    verifiedBy: uuid("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    rejectionReason: text("rejection_reason"),
    supersedesId: uuid("supersedes_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("registrations_member_idx").on(t.organizationId, t.memberId),
    index("registrations_valid_until_idx").on(t.organizationId, t.validUntil),
    check("registrations_points_nonnegative", sql`${t.points} is null or ${t.points} >= 0`),
  ],
);

/**
 * Which reminder step was sent for which expiry date: the unique key makes the
 * reminder job idempotent (never twice for the same step), and a renewal with a
 * new valid-until date starts a fresh ladder.
 */
export const registrationReminders = pgTable(
  "registration_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    validUntil: date("valid_until").notNull(),
    daysBefore: integer("days_before").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("registration_reminders_step_key").on(t.registrationId, t.validUntil, t.daysBefore)],
);

/** One board digest per cooperative per ISO week. */
export const boardDigests = pgTable(
  "board_digests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    weekStart: date("week_start").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("board_digests_week_key").on(t.organizationId, t.weekStart)],
);

export const importStatusEnum = pgEnum("import_status", ["uploaded", "previewed", "running", "done", "failed"]);

/**
 * A member import: the parsed rows are kept until the board confirms, so the
 * preview and the import see the same data, and progress can be polled.
 */
export const memberImports = pgTable(
  "member_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    sha256: text("sha256").notNull(),
    headers: jsonb("headers").notNull(), // string[]
    rows: jsonb("rows").notNull(), // string[][]
    mapping: jsonb("mapping"), // { field: columnIndex }
    status: importStatusEnum("status").notNull().default("uploaded"),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    unchangedCount: integer("unchanged_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    errors: jsonb("errors"), // [{ row, field, messageKey }]
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("member_imports_org_idx").on(t.organizationId, t.createdAt)],
);

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
import { files, members, registrationTypes } from "./members";
import { organizations } from "./organizations";

// Issue 5: municipal contracts and compliance. Every table but the built-in
// reference data is a tenant table (organization_id + row-level security in the
// custom migration beside this one's generated one).

const orgId = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const createdBy = () => uuid("created_by").references(() => users.id, { onDelete: "set null" });
// A region's framework can pass 21 million euros, beyond an integer of cents.
const cents = (name: string) => bigint(name, { mode: "number" }).notNull();

// ---------------------------------------------------------------------------
// Reference data. A built-in row has organization_id null and is readable by
// every cooperative; a cooperative's own rows carry its id. The row-level
// policy reads "null or mine" and writes "mine" only.

export const regions = pgTable(
  "regions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    code: text("code"), // built-in: zuid-kennemerland-ijmond, hart-van-brabant, ...
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("regions_code_key").on(t.code).where(sql`${t.code} is not null`),
    uniqueIndex("regions_org_name_key").on(sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(${t.name})`),
  ],
);

export const municipalities = pgTable(
  "municipalities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    regionId: uuid("region_id").references(() => regions.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("municipalities_org_name_key").on(sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(${t.name})`),
    index("municipalities_region_idx").on(t.regionId),
  ],
);

// ---------------------------------------------------------------------------
// Contracts

export const contractClientKindEnum = pgEnum("contract_client_kind", ["region", "municipalities", "main_contractor"]);
export const contractKindEnum = pgEnum("contract_kind", ["tender_framework", "open_house", "custom", "pilot", "subcontract"]);
export const financingEnum = pgEnum("contract_financing", ["effort", "output", "task_budget"]);
export const indirectTimeEnum = pgEnum("indirect_time", ["not_paid", "share", "included"]);

export const contracts = pgTable(
  "contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    name: text("name").notNull(),
    reference: text("reference"), // the client's contract number
    clientKind: contractClientKindEnum("client_kind").notNull(),
    regionId: uuid("region_id").references(() => regions.id, { onDelete: "restrict" }),
    mainContractor: text("main_contractor"), // when the cooperative subcontracts under a large provider
    kind: contractKindEnum("kind").notNull(),
    lot: text("lot"), // "perceel 2 enkelvoudige jeugdhulp", "segment 4"
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    extensionOptions: text("extension_options"), // free text as the contract words it: "2 x 1 jaar"
    latestEndOn: date("latest_end_on"), // the end date if every extension is taken
    evaluationDates: date("evaluation_dates").array().notNull().default(sql`'{}'::date[]`),
    financing: financingEnum("financing").notNull().default("effort"),
    // Indirect time as the contract starts; amendments may change it from their date (contract_terms).
    indirectTime: indirectTimeEnum("indirect_time").notNull().default("not_paid"),
    indirectSharePercent: integer("indirect_share_percent"), // 25 = indirect paid up to 25 % of direct
    stopsWhenBudgetSpent: boolean("stops_when_budget_spent").notNull().default(false),
    notes: text("notes"),
    version: integer("version").notNull().default(1),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [
    index("contracts_org_idx").on(t.organizationId),
    uniqueIndex("contracts_org_name_key").on(t.organizationId, sql`lower(${t.name})`),
    check("contracts_period", sql`${t.endsOn} >= ${t.startsOn}`),
    check("contracts_share", sql`${t.indirectSharePercent} is null or (${t.indirectSharePercent} between 0 and 100)`),
  ],
);

/** The municipalities a contract serves (client kind "municipalities", or a region's subset). */
export const contractMunicipalities = pgTable(
  "contract_municipalities",
  {
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.municipalityId] })],
);

export const contractContacts = pgTable(
  "contract_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role"), // contractmanager, inkoper, CJG-coördinator
    email: text("email"),
    phone: text("phone"),
    createdAt: createdAt(),
  },
  (t) => [index("contract_contacts_contract_idx").on(t.contractId)],
);

export const contractDocuments = pgTable(
  "contract_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    amendmentId: uuid("amendment_id"), // set when the document is an amendment's text
    title: text("title").notNull(),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "restrict" }),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index("contract_documents_contract_idx").on(t.contractId)],
);

/**
 * An amendment (addendum): from `effective_on` its rules apply. The rules it
 * changes are rows in contract_terms and product_rules that point back to it,
 * so the history stays readable and a date always finds the rules in force.
 */
export const contractAmendments = pgTable(
  "contract_amendments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    effectiveOn: date("effective_on").notNull(),
    summary: text("summary"),
    version: integer("version").notNull().default(1),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index("contract_amendments_contract_idx").on(t.contractId, t.effectiveOn)],
);

/** Contract terms that an amendment can change from its date (indirect time). */
export const contractTerms = pgTable(
  "contract_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    amendmentId: uuid("amendment_id").references(() => contractAmendments.id, { onDelete: "cascade" }),
    effectiveOn: date("effective_on").notNull(),
    indirectTime: indirectTimeEnum("indirect_time").notNull(),
    indirectSharePercent: integer("indirect_share_percent"),
    createdAt: createdAt(),
  },
  (t) => [unique("contract_terms_contract_date_key").on(t.contractId, t.effectiveOn)],
);

// ---------------------------------------------------------------------------
// Products, tariffs and the rules per product

// WJ756 units: 01 minute, 04 hour, 16 day part, 82 piece (output), 83 euro.
export const productUnitEnum = pgEnum("product_unit", ["minute", "hour", "day_part", "piece", "euro"]);

export const contractProducts = pgTable(
  "contract_products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    category: text("category").notNull(), // JZ020, two digits: 45 ambulant youth care, 54 youth mental health
    code: text("code").notNull(), // product code, up to 5 characters
    unit: productUnitEnum("unit").notNull().default("hour"),
    requiresLeadClinician: boolean("requires_lead_clinician").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    unique("contract_products_contract_code_key").on(t.contractId, t.category, t.code),
    check("contract_products_category", sql`${t.category} ~ '^[0-9]{2}$'`),
    check("contract_products_code", sql`${t.code} ~ '^[0-9A-Za-z]{1,5}$'`),
  ],
);

/** Tariff in cents per unit, valid from a date (yearly indexation adds a row). */
export const productTariffs = pgTable(
  "product_tariffs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    productId: uuid("product_id")
      .notNull()
      .references(() => contractProducts.id, { onDelete: "cascade" }),
    validFrom: date("valid_from").notNull(),
    amountCents: integer("amount_cents").notNull(),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [unique("product_tariffs_product_from_key").on(t.productId, t.validFrom), check("product_tariffs_positive", sql`${t.amountCents} >= 0`)],
);

/**
 * Limits and extension rules of a product, in force from `effective_on` (the
 * contract's start, or an amendment's date). Volumes are in the product's unit,
 * with hours and minutes both kept in minutes.
 */
export const productRules = pgTable(
  "product_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    productId: uuid("product_id")
      .notNull()
      .references(() => contractProducts.id, { onDelete: "cascade" }),
    amendmentId: uuid("amendment_id").references(() => contractAmendments.id, { onDelete: "cascade" }),
    effectiveOn: date("effective_on").notNull(),
    maxVolume: integer("max_volume"), // per trajectory; minutes for hour/minute products
    maxDurationWeeks: integer("max_duration_weeks"),
    extensionsWithoutReferrer: integer("extensions_without_referrer").notNull().default(0),
    documentAtExtension: integer("document_at_extension"), // e.g. 2: the second extension needs...
    documentName: text("document_name"), // ...this document (a self-assessment)
    reviewAfterExtension: integer("review_after_extension"), // e.g. 2: after the second, an outside review...
    reviewBy: text("review_by"), // ...by the CJG
    createdAt: createdAt(),
  },
  (t) => [
    unique("product_rules_product_date_key").on(t.productId, t.effectiveOn),
    check("product_rules_nonnegative", sql`coalesce(${t.maxVolume}, 0) >= 0 and coalesce(${t.maxDurationWeeks}, 0) >= 0 and ${t.extensionsWithoutReferrer} >= 0`),
  ],
);

// ---------------------------------------------------------------------------
// Requirements: registration types a practitioner must hold (or the cooperative,
// for a type whose subject is the organization, such as HKZ).

export const contractRequirements = pgTable(
  "contract_requirements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    typeId: uuid("type_id")
      .notNull()
      .references(() => registrationTypes.id, { onDelete: "restrict" }),
    maxAgeMonths: integer("max_age_months"), // a VOG no older than 36 months on the date of work
    createdAt: createdAt(),
  },
  (t) => [unique("contract_requirements_contract_type_key").on(t.contractId, t.typeId), check("contract_requirements_age", sql`${t.maxAgeMonths} is null or ${t.maxAgeMonths} > 0`)],
);

// ---------------------------------------------------------------------------
// Budget: ceilings per contract year and the board's allocation per member.
// Both append-only: the newest row for a (contract, year[, member]) is in force,
// the older ones are the history.

export const budgetCeilings = pgTable(
  "budget_ceilings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amountCents: cents("amount_cents"),
    reason: text("reason"),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index("budget_ceilings_contract_idx").on(t.contractId, t.year, t.createdAt)],
);

export const memberAllocations = pgTable(
  "member_allocations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    amountCents: cents("amount_cents"),
    reason: text("reason"),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index("member_allocations_contract_idx").on(t.contractId, t.year, t.memberId, t.createdAt)],
);

/** One mail per threshold (75, 90, 100 %) per contract year, and per member (member_id set). */
export const budgetAlerts = pgTable(
  "budget_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    memberId: uuid("member_id").references(() => members.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    threshold: integer("threshold").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("budget_alerts_step_key").on(t.contractId, sql`coalesce(${t.memberId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.year, t.threshold),
  ],
);

// ---------------------------------------------------------------------------
// Trajectories (allocations from the municipality) and time entries.
// A client reference identifies no one: a code, a birth year, a municipality.

// COD327 referrer types: 01 municipality, 02 GP, 03 youth doctor, 04 certified institution,
// 05 medical specialist, 06 self, 08 court.
export const referrerEnum = pgEnum("referrer_type", ["municipality", "gp", "youth_doctor", "certified_institution", "medical_specialist", "self", "court"]);
export const trajectoryStatusEnum = pgEnum("trajectory_status", ["active", "completed", "stopped"]);

export const trajectories = pgTable(
  "trajectories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "restrict" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => contractProducts.id, { onDelete: "restrict" }),
    clientCode: text("client_code").notNull(),
    birthYear: integer("birth_year").notNull(),
    municipalityId: uuid("municipality_id").references(() => municipalities.id, { onDelete: "restrict" }),
    allocationNumber: text("allocation_number"), // JW301 toewijzingsnummer
    coordinatorId: uuid("coordinator_id")
      .notNull()
      .references(() => members.id, { onDelete: "restrict" }),
    leadClinician: text("lead_clinician"), // name of the regiebehandelaar where the product needs one
    referrerType: referrerEnum("referrer_type").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(), // current end, moved by extensions
    allocatedVolume: integer("allocated_volume").notNull(), // in the product's unit; minutes for time
    status: trajectoryStatusEnum("status").notNull().default("active"),
    reviewDoneOn: date("review_done_on"), // the outside review after the extension that calls for one
    version: integer("version").notNull().default(1),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("trajectories_org_client_key").on(t.organizationId, t.contractId, sql`lower(${t.clientCode})`, t.productId, t.startsOn),
    index("trajectories_coordinator_idx").on(t.organizationId, t.coordinatorId),
    check("trajectories_period", sql`${t.endsOn} >= ${t.startsOn}`),
    check("trajectories_volume", sql`${t.allocatedVolume} >= 0`),
    check("trajectories_birth_year", sql`${t.birthYear} between 1990 and 2100`),
  ],
);

/** Additional practitioners: their hours count against their own allocation. */
export const trajectoryPractitioners = pgTable(
  "trajectory_practitioners",
  {
    organizationId: orgId(),
    trajectoryId: uuid("trajectory_id")
      .notNull()
      .references(() => trajectories.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.trajectoryId, t.memberId] })],
);

export const trajectoryExtensions = pgTable(
  "trajectory_extensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    trajectoryId: uuid("trajectory_id")
      .notNull()
      .references(() => trajectories.id, { onDelete: "cascade" }),
    number: integer("number").notNull(), // 1, 2, ...
    grantedOn: date("granted_on").notNull(),
    grantedByReferrer: boolean("granted_by_referrer").notNull(), // false: the coordinating practitioner
    grantedBy: uuid("granted_by").references(() => members.id, { onDelete: "set null" }),
    previousEndsOn: date("previous_ends_on").notNull(),
    newEndsOn: date("new_ends_on").notNull(),
    extraVolume: integer("extra_volume").notNull().default(0),
    documentFileId: uuid("document_file_id").references(() => files.id, { onDelete: "set null" }),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [unique("trajectory_extensions_number_key").on(t.trajectoryId, t.number)],
);

export const timeEntries = pgTable(
  "time_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    trajectoryId: uuid("trajectory_id")
      .notNull()
      .references(() => trajectories.id, { onDelete: "restrict" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "restrict" }),
    workedOn: date("worked_on").notNull(),
    directMinutes: integer("direct_minutes").notNull().default(0),
    indirectMinutes: integer("indirect_minutes").notNull().default(0),
    note: text("note"),
    // A random key from the form (or the import row's hash): a double submit creates one entry.
    submissionKey: text("submission_key").notNull(),
    importId: uuid("import_id"),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("time_entries_submission_key").on(t.organizationId, t.submissionKey),
    index("time_entries_trajectory_idx").on(t.trajectoryId, t.workedOn),
    index("time_entries_member_idx").on(t.organizationId, t.memberId, t.workedOn),
    check("time_entries_minutes", sql`${t.directMinutes} >= 0 and ${t.indirectMinutes} >= 0 and ${t.directMinutes} + ${t.indirectMinutes} > 0 and ${t.directMinutes} + ${t.indirectMinutes} <= 1440`),
  ],
);

/**
 * Priced time per contract, member, product and day, kept current in the same
 * transaction as every write of time entries (app/modules/budget/totals.server.ts),
 * so budget figures read these sums instead of pricing every raw entry on every view.
 * amount_cents is the sum of each entry's amount rounded to the cent (decision 013),
 * never a total rounded afterwards. A change to a price (tariff, indirect terms, a
 * product's unit) rebuilds the contract's rows.
 */
export const timeEntryTotals = pgTable(
  "time_entry_totals",
  {
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => contractProducts.id, { onDelete: "cascade" }),
    workedOn: date("worked_on").notNull(),
    entries: integer("entries").notNull(),
    directMinutes: integer("direct_minutes").notNull(),
    indirectMinutes: integer("indirect_minutes").notNull(),
    paidIndirectMinutes: integer("paid_indirect_minutes").notNull(),
    amountCents: cents("amount_cents"),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.contractId, t.workedOn, t.memberId, t.productId] }),
    index("time_entry_totals_member_idx").on(t.memberId),
    index("time_entry_totals_product_idx").on(t.productId),
  ],
);

/** Time used per trajectory (the volume the rules and the committed budget need), kept like time_entry_totals. */
export const trajectoryTimeTotals = pgTable(
  "trajectory_time_totals",
  {
    organizationId: orgId(),
    trajectoryId: uuid("trajectory_id")
      .notNull()
      .references(() => trajectories.id, { onDelete: "cascade" }),
    entries: integer("entries").notNull(),
    directMinutes: integer("direct_minutes").notNull(),
    indirectMinutes: integer("indirect_minutes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.trajectoryId] }), index("trajectory_time_totals_trajectory_idx").on(t.trajectoryId)],
);

/** A time-entry import: parsed rows kept until the board confirms, as with members. */
export const timeEntryImports = pgTable(
  "time_entry_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    createdBy: createdBy(),
    filename: text("filename").notNull(),
    sha256: text("sha256").notNull(),
    headers: jsonb("headers").notNull(), // string[]
    rows: jsonb("rows").notNull(), // string[][]
    mapping: jsonb("mapping"), // { field: columnIndex }
    status: text("status").notNull().default("uploaded"), // uploaded | previewed | running | done | failed
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    unchangedCount: integer("unchanged_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    errors: jsonb("errors"), // [{ row, field, messageKey }]
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("time_entry_imports_org_idx").on(t.organizationId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Reporting duties: recurring tasks per contract, one submission per due date.

export const dutyRecurrenceEnum = pgEnum("duty_recurrence", ["once", "monthly", "quarterly", "yearly"]);

export const reportingDuties = pgTable(
  "reporting_duties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    contractId: uuid("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    title: text("title").notNull(), // "Jaarverslag", "Productiecijfers per kwartaal"
    recurrence: dutyRecurrenceEnum("recurrence").notNull(),
    firstDueOn: date("first_due_on").notNull(), // e.g. 2027-03-01; later dates follow the recurrence
    remindDaysBefore: integer("remind_days_before").notNull().default(14),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [index("reporting_duties_contract_idx").on(t.contractId), check("reporting_duties_remind", sql`${t.remindDaysBefore} between 0 and 365`)],
);

export const reportSubmissions = pgTable(
  "report_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    dutyId: uuid("duty_id")
      .notNull()
      .references(() => reportingDuties.id, { onDelete: "cascade" }),
    dueOn: date("due_on").notNull(),
    submittedOn: date("submitted_on").notNull(),
    fileId: uuid("file_id").references(() => files.id, { onDelete: "set null" }),
    note: text("note"),
    createdBy: createdBy(),
    createdAt: createdAt(),
  },
  (t) => [unique("report_submissions_due_key").on(t.dutyId, t.dueOn)],
);

/** Reminder sent for a duty's due date ("before" at remind_days_before, "overdue" the day after). */
export const reportReminders = pgTable(
  "report_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: orgId(),
    dutyId: uuid("duty_id")
      .notNull()
      .references(() => reportingDuties.id, { onDelete: "cascade" }),
    dueOn: date("due_on").notNull(),
    kind: text("kind").notNull(), // before | overdue
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("report_reminders_step_key").on(t.dutyId, t.dueOn, t.kind)],
);

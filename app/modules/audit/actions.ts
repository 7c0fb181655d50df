/**
 * Every action the audit log knows, with its kind. The kind is what lets the board
 * read the log: changes (something was written; each records what it was and what it
 * became), reads (someone looked at a client's record or evidence: the trail NEN 7513
 * asks for, kept but hidden by default so it does not drown the changes), and access
 * (sign-ins, refusals, throttling: security events that change no record).
 *
 * tests/unit/audit-actions.test.ts reads every audit call in the code and fails when an
 * action is missing here or when a change is recorded without its before or after.
 */
export type AuditKind = "change" | "read" | "access";

// Grouped as the labels are (auditLog.actions.<group>.<verb>): the action is "<group>.<verb>".
export const AUDIT_CATALOGUE = {
  access: { refused: "access" },
  agb: { added: "change", removed: "change" },
  budget: { allocation_set: "change", ceiling_set: "change" },
  contract: { amendment_added: "change", contact_added: "change", contact_removed: "change", created: "change", document_added: "change", requirement_added: "change", requirement_removed: "change", updated: "change" },
  invitation: { accepted: "change", created: "change", resent: "change", revoked: "change" },
  member: { admitted: "change", created: "change", linked: "change", practice_linked: "change", practice_unlinked: "change", profile_updated: "change", reinstated: "change", resignation_recorded: "change", suspended: "change", updated: "change" },
  member_import: { confirmed: "change", finished: "change", mapped: "change", retried: "change", uploaded: "change" },
  membership: { created: "change", removed: "change", role_changed: "change" },
  municipality: { added: "change" },
  organization: { created: "change", onboarding_dismissed: "change", reminder_days_updated: "change", statutes_updated: "change", two_factor_roles_changed: "change", updated: "change" },
  practice: { created: "change", updated: "change" },
  problem_area: { added: "change", removed: "change", renamed: "change" },
  product: { created: "change", rules_added: "change", tariff_added: "change", updated: "change" },
  region: { added: "change" },
  registration: { created: "change", evidence_read: "read", rejected: "change", verified: "change" },
  registration_type: { created: "change", updated: "change" },
  reporting_duty: { activated: "change", created: "change", deactivated: "change", submitted: "change", updated: "change" },
  time_entry: { created: "change" },
  time_import: { confirmed: "change", uploaded: "change" },
  trajectory: { created: "change", extended: "change", extension_document: "change", list_read: "read", practitioner_added: "change", practitioner_removed: "change", read: "read", reviewed: "change", status_changed: "change" },
  user: { email_change_requested: "change", email_changed: "change", email_verified: "change", locale_changed: "change", login: "access", login_failed: "access", login_throttled: "access", logout: "access", other_sessions_ended: "access", password_changed: "change", password_reset: "change", password_reset_requested: "access", profile_updated: "change", reauthenticated: "access", recovery_code_used: "access", reauthentication_failed: "access", recovery_codes_renewed: "access", signed_up: "change", signup_existing: "access", two_factor_disabled: "change", two_factor_enabled: "change", two_factor_failed: "access", two_factor_verified: "access" },
} as const satisfies Record<string, Record<string, AuditKind>>;

/** Every action by its full name ("membership.role_changed") with its kind. */
export const AUDIT_ACTIONS: Record<string, AuditKind> = Object.fromEntries(
  Object.entries(AUDIT_CATALOGUE).flatMap(([group, verbs]) => Object.entries(verbs).map(([verb, kind]) => [`${group}.${verb}`, kind as AuditKind])),
);

/** The actions that are reads: what the default view of the log leaves out. */
export const READ_ACTIONS: string[] = Object.entries(AUDIT_ACTIONS)
  .filter(([, kind]) => kind === "read")
  .map(([action]) => action);

/** The kind of a stored action; one the catalogue does not know counts as a change, so it is never hidden. */
export const auditKind = (action: string): AuditKind => AUDIT_ACTIONS[action] ?? "change";

/** The log's kind filter: "changes" (the default: everything but reads), "reads", or "all". */
export const AUDIT_VIEWS = ["changes", "reads", "all"] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];

CREATE TABLE "time_entry_totals" (
	"organization_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"worked_on" date NOT NULL,
	"entries" integer NOT NULL,
	"direct_minutes" integer NOT NULL,
	"indirect_minutes" integer NOT NULL,
	"paid_indirect_minutes" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "time_entry_totals_organization_id_contract_id_worked_on_member_id_product_id_pk" PRIMARY KEY("organization_id","contract_id","worked_on","member_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "trajectory_time_totals" (
	"organization_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"entries" integer NOT NULL,
	"direct_minutes" integer NOT NULL,
	"indirect_minutes" integer NOT NULL,
	CONSTRAINT "trajectory_time_totals_organization_id_trajectory_id_pk" PRIMARY KEY("organization_id","trajectory_id")
);
--> statement-breakpoint
ALTER TABLE "time_entry_totals" ADD CONSTRAINT "time_entry_totals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_totals" ADD CONSTRAINT "time_entry_totals_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_totals" ADD CONSTRAINT "time_entry_totals_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_entry_totals" ADD CONSTRAINT "time_entry_totals_product_id_contract_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."contract_products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_time_totals" ADD CONSTRAINT "trajectory_time_totals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectory_time_totals" ADD CONSTRAINT "trajectory_time_totals_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "time_entry_totals_member_idx" ON "time_entry_totals" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "time_entry_totals_product_idx" ON "time_entry_totals" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "trajectory_time_totals_trajectory_idx" ON "trajectory_time_totals" USING btree ("trajectory_id");--> statement-breakpoint
-- Issue 11 ("fast at any size"), written by hand below the generated part: row-level
-- security for the two summary tables (the tenant policy of 0001/0003/0009), and an
-- index for every foreign key and every filter and order the key pages use
-- (members, registrations, trajectories, time entries, the audit log). The summaries
-- of existing time entries are filled when the app starts (db/client.ts: entries
-- without summaries are priced once), because pricing lives in packages/rules.
GRANT SELECT, INSERT, UPDATE, DELETE ON time_entry_totals, trajectory_time_totals TO koepel_app;
--> statement-breakpoint
ALTER TABLE time_entry_totals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON time_entry_totals TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE trajectory_time_totals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON trajectory_time_totals TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
-- The pages' filters and orders. Each leads with organization_id: every query filters on
-- it (and Citus would route on it).
CREATE INDEX IF NOT EXISTS members_org_name_idx ON members (organization_id, name, id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_org_list_idx ON trajectories (organization_id, status, ends_on, client_code, id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_org_contract_idx ON trajectories (organization_id, contract_id, status);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS time_entries_org_trajectory_idx ON time_entries (organization_id, trajectory_id, worked_on);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectory_extensions_org_trajectory_idx ON trajectory_extensions (organization_id, trajectory_id, number);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectory_practitioners_member_idx ON trajectory_practitioners (member_id, trajectory_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_org_type_idx ON registrations (organization_id, type_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS audit_log_org_entity_idx ON audit_log (organization_id, entity_type, entity_id, created_at);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS audit_log_org_action_idx ON audit_log (organization_id, action, created_at);
--> statement-breakpoint
-- Every foreign key without an index that leads with it (found with pg_constraint x
-- pg_index): a delete of the parent, and a join from it, need one.
CREATE INDEX IF NOT EXISTS budget_alerts_member_idx ON budget_alerts (member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS budget_alerts_org_idx ON budget_alerts (organization_id, contract_id, year);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS budget_ceilings_created_by_idx ON budget_ceilings (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS budget_ceilings_org_idx ON budget_ceilings (organization_id, contract_id, year);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_amendments_created_by_idx ON contract_amendments (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_amendments_org_idx ON contract_amendments (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_contacts_org_idx ON contract_contacts (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_documents_created_by_idx ON contract_documents (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_documents_file_idx ON contract_documents (file_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_documents_org_idx ON contract_documents (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_municipalities_municipality_idx ON contract_municipalities (municipality_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_municipalities_org_idx ON contract_municipalities (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_products_org_idx ON contract_products (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_requirements_org_idx ON contract_requirements (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_requirements_type_idx ON contract_requirements (type_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_terms_amendment_idx ON contract_terms (amendment_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contract_terms_org_idx ON contract_terms (organization_id, contract_id, effective_on);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contracts_created_by_idx ON contracts (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS contracts_region_idx ON contracts (region_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS files_uploaded_by_idx ON files (uploaded_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS invitations_accepted_by_idx ON invitations (accepted_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS invitations_invited_by_idx ON invitations (invited_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_allocations_created_by_idx ON member_allocations (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_allocations_member_idx ON member_allocations (member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_allocations_org_idx ON member_allocations (organization_id, contract_id, year);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_imports_created_by_idx ON member_imports (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_practices_org_idx ON member_practices (organization_id, member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_practices_practice_idx ON member_practices (practice_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_problem_areas_org_idx ON member_problem_areas (organization_id, member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_problem_areas_problem_area_idx ON member_problem_areas (problem_area_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_status_history_org_idx ON member_status_history (organization_id, member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS member_status_history_recorded_by_idx ON member_status_history (recorded_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS members_user_idx ON members (user_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS municipalities_org_idx ON municipalities (organization_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS product_rules_amendment_idx ON product_rules (amendment_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS product_rules_org_idx ON product_rules (organization_id, product_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS product_tariffs_created_by_idx ON product_tariffs (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS product_tariffs_org_idx ON product_tariffs (organization_id, product_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS regions_org_idx ON regions (organization_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registration_reminders_org_idx ON registration_reminders (organization_id, registration_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_created_by_idx ON registrations (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_evidence_file_idx ON registrations (evidence_file_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_member_fk_idx ON registrations (member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_type_idx ON registrations (type_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS registrations_verified_by_idx ON registrations (verified_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS report_reminders_org_idx ON report_reminders (organization_id, duty_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS report_submissions_created_by_idx ON report_submissions (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS report_submissions_file_idx ON report_submissions (file_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS report_submissions_org_idx ON report_submissions (organization_id, duty_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS reporting_duties_created_by_idx ON reporting_duties (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS reporting_duties_org_idx ON reporting_duties (organization_id, contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS time_entries_created_by_idx ON time_entries (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS time_entries_member_fk_idx ON time_entries (member_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS time_entry_imports_created_by_idx ON time_entry_imports (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_contract_idx ON trajectories (contract_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_coordinator_fk_idx ON trajectories (coordinator_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_created_by_idx ON trajectories (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_municipality_idx ON trajectories (municipality_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectories_product_idx ON trajectories (product_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectory_extensions_created_by_idx ON trajectory_extensions (created_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectory_extensions_document_file_idx ON trajectory_extensions (document_file_id);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectory_extensions_granted_by_idx ON trajectory_extensions (granted_by);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS trajectory_practitioners_org_idx ON trajectory_practitioners (organization_id, trajectory_id);

-- Issue 5: row-level security for contracts and compliance, the same tenant policy as
-- 0001/0003 on every new tenant table. Regions and municipalities are reference data:
-- the built-in rows (organization_id null) are read by every cooperative, and a
-- cooperative reads and writes only its own additions.
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON regions, municipalities, contracts, contract_municipalities, contract_contacts, contract_documents, contract_amendments, contract_terms, contract_products, product_tariffs, product_rules, contract_requirements, budget_ceilings, member_allocations, budget_alerts, trajectories, trajectory_practitioners, trajectory_extensions, time_entries, time_entry_imports, reporting_duties, report_submissions, report_reminders TO koepel_app;
--> statement-breakpoint
ALTER TABLE regions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON regions TO koepel_app
  USING (organization_id IS NULL OR organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE municipalities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON municipalities TO koepel_app
  USING (organization_id IS NULL OR organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contracts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contracts TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_municipalities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_municipalities TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_contacts TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_documents TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_amendments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_amendments TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_terms ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_terms TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_products ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_products TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE product_tariffs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON product_tariffs TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE product_rules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON product_rules TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE contract_requirements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON contract_requirements TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE budget_ceilings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON budget_ceilings TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE member_allocations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON member_allocations TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE budget_alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON budget_alerts TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE trajectories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON trajectories TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE trajectory_practitioners ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON trajectory_practitioners TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE trajectory_extensions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON trajectory_extensions TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE time_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON time_entries TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE time_entry_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON time_entry_imports TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE reporting_duties ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON reporting_duties TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE report_submissions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_submissions TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE report_reminders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON report_reminders TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
-- The youth-care regions of the seeds (DOMAIN.md) and their municipalities.
INSERT INTO regions (code, name) VALUES
  ('zuid-kennemerland-ijmond', 'Zuid-Kennemerland en IJmond'),
  ('hart-van-brabant', 'Hart van Brabant'),
  ('rijk-van-nijmegen', 'Rijk van Nijmegen'),
  ('eemland', 'Eemland'),
  ('friesland', 'Friesland')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO municipalities (region_id, name)
SELECT r.id, m.name FROM (VALUES
  ('zuid-kennemerland-ijmond', 'Bloemendaal'),
  ('zuid-kennemerland-ijmond', 'Haarlem'),
  ('zuid-kennemerland-ijmond', 'Heemstede'),
  ('zuid-kennemerland-ijmond', 'Zandvoort'),
  ('zuid-kennemerland-ijmond', 'Beverwijk'),
  ('zuid-kennemerland-ijmond', 'Heemskerk'),
  ('zuid-kennemerland-ijmond', 'Velsen'),
  ('hart-van-brabant', 'Alphen-Chaam'),
  ('hart-van-brabant', 'Baarle-Nassau'),
  ('hart-van-brabant', 'Dongen'),
  ('hart-van-brabant', 'Gilze en Rijen'),
  ('hart-van-brabant', 'Goirle'),
  ('hart-van-brabant', 'Heusden'),
  ('hart-van-brabant', 'Hilvarenbeek'),
  ('hart-van-brabant', 'Loon op Zand'),
  ('hart-van-brabant', 'Oisterwijk'),
  ('hart-van-brabant', 'Tilburg'),
  ('hart-van-brabant', 'Waalwijk'),
  ('rijk-van-nijmegen', 'Berg en Dal'),
  ('rijk-van-nijmegen', 'Beuningen'),
  ('rijk-van-nijmegen', 'Druten'),
  ('rijk-van-nijmegen', 'Heumen'),
  ('rijk-van-nijmegen', 'Mook en Middelaar'),
  ('rijk-van-nijmegen', 'Nijmegen'),
  ('rijk-van-nijmegen', 'Wijchen'),
  ('eemland', 'Amersfoort'),
  ('eemland', 'Baarn'),
  ('eemland', 'Bunschoten'),
  ('eemland', 'Eemnes'),
  ('eemland', 'Leusden'),
  ('eemland', 'Soest'),
  ('eemland', 'Woudenberg'),
  ('friesland', 'Achtkarspelen'),
  ('friesland', 'Ameland'),
  ('friesland', 'Dantumadiel'),
  ('friesland', 'De Fryske Marren'),
  ('friesland', 'Harlingen'),
  ('friesland', 'Heerenveen'),
  ('friesland', 'Leeuwarden'),
  ('friesland', 'Noardeast-Fryslân'),
  ('friesland', 'Ooststellingwerf'),
  ('friesland', 'Opsterland'),
  ('friesland', 'Schiermonnikoog'),
  ('friesland', 'Smallingerland'),
  ('friesland', 'Súdwest-Fryslân'),
  ('friesland', 'Terschelling'),
  ('friesland', 'Tytsjerksteradiel'),
  ('friesland', 'Vlieland'),
  ('friesland', 'Waadhoeke'),
  ('friesland', 'Weststellingwerf')
) AS m(region_code, name)
JOIN regions r ON r.code = m.region_code
ON CONFLICT DO NOTHING;

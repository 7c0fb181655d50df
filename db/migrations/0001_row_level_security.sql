-- Row-level security: tenant work runs under the non-owner role koepel_app inside a
-- transaction that sets app.organization_id (db/tenant.ts). With no tenant set the
-- policies compare with NULL, so a forgotten filter returns nothing, not another
-- cooperative's rows. The owner role (used only for account-level work and the
-- outbox worker) is not subject to these policies.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'koepel_app') THEN
    CREATE ROLE koepel_app NOLOGIN;
  END IF;
  -- The connecting role must be allowed to SET ROLE koepel_app (a superuser already is).
  EXECUTE format('GRANT koepel_app TO %I', current_user);
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO koepel_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organizations, memberships, invitations TO koepel_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO koepel_app;
--> statement-breakpoint
GRANT INSERT ON outbox TO koepel_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_log_id_seq, outbox_id_seq TO koepel_app;
--> statement-breakpoint
GRANT SELECT (id, name, email, locale) ON users TO koepel_app;
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations TO koepel_app
  USING (id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON memberships TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON invitations TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_log TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON outbox TO koepel_app
  USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
  WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid);
--> statement-breakpoint
-- Accounts are global, but within a tenant only the people of that cooperative are
-- visible: the subquery on memberships is itself limited by its policy.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY people_of_tenant ON users TO koepel_app
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));

-- A board may read the refused attempts on its cooperative by people who are not
-- its members. Those rows carry no organization_id (the guard does not reveal a
-- cooperative to outsiders, see app/modules/audit/refused.server.ts), only the
-- slug that was asked for. Read-only; attempts from before the cooperative
-- existed (a slug later taken) stay hidden.
CREATE POLICY refused_access_read ON audit_log FOR SELECT TO koepel_app
  USING (
    organization_id IS NULL
    AND action = 'access.refused'
    AND EXISTS (
      SELECT 1 FROM organizations o
      WHERE o.id = nullif(current_setting('app.organization_id', true), '')::uuid
        AND o.slug = audit_log.after->>'slug'
        AND audit_log.created_at >= o.created_at
    )
  );

-- Issue 4: every cooperative that already exists gets the built-in registration
-- types that new ones get from createOrganization (BUILTIN_REGISTRATION_TYPES in
-- packages/rules/src/registrations.ts, as it was when this migration was written).
-- Idempotent: the unique index on (organization_id, code) skips existing rows.
INSERT INTO registration_types (organization_id, code, subject, cycle_months, points_required, number_pattern, required)
SELECT o.id, t.code, t.subject::registration_subject, t.cycle_months, t.points_required, t.number_pattern, t.required
FROM organizations o
CROSS JOIN (VALUES
  ('register_vaktherapie', 'member', 60, 200, NULL, true),
  ('skj', 'member', 60, NULL, NULL, false),
  ('big', 'member', 60, NULL, '^[0-9]{11}$', false),
  ('vog', 'member', 36, NULL, NULL, true),
  ('liability_insurance', 'member', 12, NULL, NULL, true),
  ('vecozo', 'member', NULL, NULL, NULL, false),
  ('reporting_code', 'member', NULL, NULL, NULL, false),
  ('hkz', 'organization', 36, NULL, NULL, false)
) AS t(code, subject, cycle_months, points_required, number_pattern, required)
ON CONFLICT DO NOTHING;

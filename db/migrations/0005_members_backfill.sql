-- Issue 4: every membership has a member record. Memberships made before member
-- records existed get one now: the type the role implies, status "member" from
-- the membership's start, and a first history row. An unlinked record with the
-- same address (made by the board) is linked instead. Runs once; the app keeps it
-- true from here on (ensureMemberRecord).
UPDATE members m SET user_id = u.id
FROM memberships ms JOIN users u ON u.id = ms.user_id
WHERE m.user_id IS NULL AND m.organization_id = ms.organization_id AND lower(m.email) = lower(u.email)
  AND NOT EXISTS (SELECT 1 FROM members x WHERE x.organization_id = ms.organization_id AND x.user_id = u.id);
--> statement-breakpoint
INSERT INTO members (organization_id, user_id, name, email, type, status, joined_on)
SELECT ms.organization_id, u.id, u.name, lower(u.email),
  CASE ms.role WHEN 'subcontractor' THEN 'subcontractor'::member_type WHEN 'hired_therapist' THEN 'hired_therapist'::member_type WHEN 'office_staff' THEN 'office_staff'::member_type ELSE 'member'::member_type END,
  'member', (ms.created_at AT TIME ZONE 'Europe/Amsterdam')::date
FROM memberships ms JOIN users u ON u.id = ms.user_id
WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.organization_id = ms.organization_id AND m.user_id = ms.user_id)
  AND NOT EXISTS (SELECT 1 FROM members m WHERE m.organization_id = ms.organization_id AND lower(m.email) = lower(u.email));
--> statement-breakpoint
INSERT INTO member_status_history (organization_id, member_id, status, effective_on, reason)
SELECT m.organization_id, m.id, 'member', m.joined_on, 'backfill'
FROM members m
WHERE m.joined_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member_status_history h WHERE h.member_id = m.id);

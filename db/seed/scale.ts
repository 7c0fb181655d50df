// The scale generator (issue 11): makes Wij zijn KAS a larger collective by adding
// factor-1 copies of its practices, member records, registrations, trajectories and
// time entries inside the same cooperative, so every page can be measured at 1x and
// 10x (tests/bench/pages.bench.ts, tests/integration/query-counts.test.ts).
//
//   npm run seed:scale -- --factor 10      (on DATABASE_URL, or PGlite in ./data/pglite)
//
// Copies are plain rows made by normal inserts: one `insert ... select` per table
// for all copies at once (a batched multi-row insert done by the database itself).
// Each copy's ids are derived from the original's (md5 of id and copy number), so
// foreign keys are remapped without a lookup table and a second run, or a larger
// factor after a smaller one, adds only what is missing. Dates are spread: each
// copied member's registrations move by up to a year back or two years forward
// (expiries across the next three years), each copy's trajectories and time entries
// move back by up to two years (time logged over several years). Copies have no
// login accounts (member records without a user), no files and no reminders sent.
import { sql } from "drizzle-orm";
import type { Tx } from "../client";
import { withSystem } from "../tenant";

export const SCALE_SOURCE_SLUG = "wij-zijn-kas";

// SQL fragments shared by the statements: a copy's id, and whether a row is an original.
const newId = (column: string) => `md5(${column}::text || ':' || k)::uuid`;
// A copy's name (member, practice) and client code end in " #<n>" / "-K<n>": how a second run tells originals from copies.
const ORIGINAL_MEMBER = `m.name !~ ' #[0-9]+$'`;
const ORIGINAL_PRACTICE = `p.name !~ ' #[0-9]+$'`;
const ORIGINAL_TRAJECTORY = `t.client_code !~ '-K[0-9]+$'`;

/** Add copies 1..factor-1 of the source cooperative's rows; returns the rows per table afterwards. */
export async function scaleCooperative(tx: Tx, factor: number, slug = SCALE_SOURCE_SLUG) {
  if (!Number.isInteger(factor) || factor < 1 || factor > 90) throw new Error("factor must be a whole number from 1 to 90");
  const found = (await tx.execute(sql`select id from organizations where slug = ${slug}`)) as unknown;
  const orgRows = Array.isArray(found) ? found : (found as { rows: { id: string }[] }).rows;
  const orgId = (orgRows[0] as { id: string } | undefined)?.id;
  if (!orgId) throw new Error(`no cooperative ${slug}: load the demo first (npm run demo, or seedDemo())`);
  // Copies numbered above the factor go first, so --factor also shrinks (1 = back to the demo).
  const over = (column: string, mark: string) => `substring(${column} from '${mark}([0-9]+)$')::int > ${factor}`;
  const org = `'${orgId}'::uuid`;
  for (const statement of [
    `delete from time_entries e using trajectories t where e.trajectory_id = t.id and t.organization_id = ${org} and ${over("t.client_code", "-K")}`,
    `delete from trajectories t where t.organization_id = ${org} and ${over("t.client_code", "-K")}`,
    `delete from members m where m.organization_id = ${org} and ${over("m.name", " #")}`,
    `delete from practices p where p.organization_id = ${org} and ${over("p.name", " #")}`,
  ]) {
    await tx.execute(sql.raw(statement));
  }
  if (factor > 1) {
    const copies = `generate_series(1, ${factor - 1}) as k`;
    const statements = [
      // Practices of the cooperative (originals are the ones whose name carries no copy mark).
      `insert into practices (id, organization_id, name, kvk_number, establishment_number, street, house_number, postcode, city, website, iban, created_at)
       select ${newId("p.id")}, p.organization_id, p.name || ' #' || (k + 1), p.kvk_number, p.establishment_number, p.street, p.house_number, p.postcode, p.city, p.website, p.iban, p.created_at
       from practices p cross join ${copies} where p.organization_id = ${org} and ${ORIGINAL_PRACTICE}
       on conflict do nothing`,
      `insert into members (id, organization_id, user_id, name, email, phone, type, status, joined_on, resignation_requested_on, leaves_on, leave_reason,
         disciplines, age_ranges, municipalities, languages, capacity_hours_per_week, waiting_weeks, created_at, updated_at)
       select ${newId("m.id")}, m.organization_id, null, m.name || ' #' || (k + 1), case when m.email is null then null else 'scale' || k || '.' || m.email end, m.phone,
         m.type, m.status, m.joined_on, m.resignation_requested_on, m.leaves_on, m.leave_reason,
         m.disciplines, m.age_ranges, m.municipalities, m.languages, m.capacity_hours_per_week, m.waiting_weeks, m.created_at, m.updated_at
       from members m cross join ${copies} where m.organization_id = ${org} and (${ORIGINAL_MEMBER})
       on conflict do nothing`,
      `insert into member_status_history (id, organization_id, member_id, status, effective_on, reason, recorded_by, recorded_at)
       select ${newId("h.id")}, h.organization_id, ${newId("h.member_id")}, h.status, h.effective_on, h.reason, h.recorded_by, h.recorded_at
       from member_status_history h join members m on m.id = h.member_id cross join ${copies} where h.organization_id = ${org} and (${ORIGINAL_MEMBER})
       on conflict do nothing`,
      `insert into member_practices (organization_id, member_id, practice_id)
       select mp.organization_id, ${newId("mp.member_id")}, ${newId("mp.practice_id")}
       from member_practices mp join members m on m.id = mp.member_id cross join ${copies} where mp.organization_id = ${org} and (${ORIGINAL_MEMBER})
       on conflict do nothing`,
      `insert into member_problem_areas (organization_id, member_id, problem_area_id)
       select a.organization_id, ${newId("a.member_id")}, a.problem_area_id
       from member_problem_areas a join members m on m.id = a.member_id cross join ${copies} where a.organization_id = ${org} and (${ORIGINAL_MEMBER})
       on conflict do nothing`,
      // AGB codes are unique per cooperative: the copy number replaces the two-digit prefix.
      `insert into agb_codes (id, organization_id, code, kind, member_id, practice_id, created_at)
       select ${newId("c.id")}, c.organization_id, lpad((10 + k)::text, 2, '0') || substr(c.code, 3), c.kind,
         case when c.member_id is null then null else ${newId("c.member_id")} end, case when c.practice_id is null then null else ${newId("c.practice_id")} end, c.created_at
       from agb_codes c left join members m on m.id = c.member_id left join practices p on p.id = c.practice_id cross join ${copies}
       where c.organization_id = ${org} and (m.id is null or ${ORIGINAL_MEMBER}) and (p.id is null or ${ORIGINAL_PRACTICE})
       on conflict do nothing`,
      // Registrations move with their member (a chain keeps its order): up to a year back, two forward.
      `insert into registrations (id, organization_id, member_id, type_id, number, issued_on, valid_until, points, evidence_file_id, verification,
         verified_by, verified_at, rejection_reason, supersedes_id, created_by, created_at)
       select ${newId("r.id")}, r.organization_id, ${newId("r.member_id")}, r.type_id, r.number,
         r.issued_on + shift, r.valid_until + shift, r.points, null, r.verification, r.verified_by, r.verified_at, r.rejection_reason,
         case when r.supersedes_id is null then null else ${newId("r.supersedes_id")} end, r.created_by, r.created_at
       from registrations r join members m on m.id = r.member_id cross join ${copies}
       cross join lateral (select (abs(hashtext(r.member_id::text || ':' || k)) % 1096) - 365 as shift) s
       where r.organization_id = ${org} and (${ORIGINAL_MEMBER})
       order by r.created_at
       on conflict do nothing`,
      // Trajectories and their time move back together by up to two years per copy.
      `insert into trajectories (id, organization_id, contract_id, product_id, client_code, birth_year, municipality_id, allocation_number, coordinator_id,
         lead_clinician, referrer_type, starts_on, ends_on, allocated_volume, status, review_done_on, created_by, created_at)
       select ${newId("t.id")}, t.organization_id, t.contract_id, t.product_id, t.client_code || '-K' || (k + 1), t.birth_year, t.municipality_id, t.allocation_number,
         ${newId("t.coordinator_id")}, t.lead_clinician, t.referrer_type, t.starts_on - (k * 83) % 730, t.ends_on - (k * 83) % 730, t.allocated_volume, t.status,
         t.review_done_on - (k * 83) % 730, t.created_by, t.created_at
       from trajectories t cross join ${copies} where t.organization_id = ${org} and ${ORIGINAL_TRAJECTORY}
       on conflict do nothing`,
      `insert into trajectory_practitioners (organization_id, trajectory_id, member_id, created_at)
       select p.organization_id, ${newId("p.trajectory_id")}, ${newId("p.member_id")}, p.created_at
       from trajectory_practitioners p join trajectories t on t.id = p.trajectory_id cross join ${copies}
       where p.organization_id = ${org} and ${ORIGINAL_TRAJECTORY}
       on conflict do nothing`,
      `insert into trajectory_extensions (id, organization_id, trajectory_id, number, granted_on, granted_by_referrer, granted_by, previous_ends_on, new_ends_on,
         extra_volume, document_file_id, created_by, created_at)
       select ${newId("e.id")}, e.organization_id, ${newId("e.trajectory_id")}, e.number, e.granted_on - (k * 83) % 730, e.granted_by_referrer,
         case when e.granted_by is null then null else ${newId("e.granted_by")} end, e.previous_ends_on - (k * 83) % 730, e.new_ends_on - (k * 83) % 730,
         e.extra_volume, null, e.created_by, e.created_at
       from trajectory_extensions e join trajectories t on t.id = e.trajectory_id cross join ${copies}
       where e.organization_id = ${org} and ${ORIGINAL_TRAJECTORY}
       on conflict do nothing`,
      `insert into time_entries (id, organization_id, trajectory_id, member_id, worked_on, direct_minutes, indirect_minutes, note, submission_key, import_id, created_by, created_at)
       select ${newId("e.id")}, e.organization_id, ${newId("e.trajectory_id")}, ${newId("e.member_id")}, e.worked_on - (k * 83) % 730,
         e.direct_minutes, e.indirect_minutes, e.note, e.submission_key || ':' || k, null, e.created_by, e.created_at
       from time_entries e join trajectories t on t.id = e.trajectory_id cross join ${copies}
       where e.organization_id = ${org} and ${ORIGINAL_TRAJECTORY}
       on conflict do nothing`,
    ];
    for (const statement of statements) await tx.execute(sql.raw(statement));
  }
  return counts(tx, orgId);
}

async function counts(tx: Tx, orgId: string) {
  const tables = ["members", "practices", "registrations", "trajectories", "time_entries"] as const;
  const result = (await tx.execute(
    sql.raw(`select ${tables.map((t) => `(select count(*)::int from ${t} where organization_id = '${orgId}') as ${t}`).join(", ")}`),
  )) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: Record<string, number>[] }).rows;
  return rows[0] as Record<(typeof tables)[number], number>;
}

/** Load the demo if it is not there, then scale Wij zijn KAS to `factor` times its size. */
export async function seedScale(factor: number) {
  const { seedDemo } = await import("./demo");
  await seedDemo();
  return withSystem((tx) => scaleCooperative(tx, factor));
}

// As a script: `npm run seed:scale -- --factor 10`.
if (process.argv[1]?.endsWith("scale.ts")) {
  const at = process.argv.indexOf("--factor");
  const factor = Number(at >= 0 ? process.argv[at + 1] : 10);
  const { closeDb } = await import("../client");
  try {
    const started = Date.now();
    const result = await seedScale(factor);
    console.log(`Wij zijn KAS at ${factor}x in ${Date.now() - started} ms:`, result);
  } finally {
    await closeDb();
  }
}

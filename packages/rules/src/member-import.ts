// The member import's rules: which Koepel field a spreadsheet column is, how a
// cell's Dutch or English spelling becomes a stored value, which rows are wrong,
// and what importing a row would do to the cooperative's members. Pure: the
// module loads the cooperative's state and writes the plan's result.
import { isValidAgb, isValidIban, isValidKvk, isValidPostcode, normalizeAgb, normalizeIban, normalizeKvk, normalizePostcode } from "./identifiers";
import type { Discipline, MemberStatus, MemberType } from "./members";

export const IMPORT_FIELDS = [
  "name",
  "email",
  "phone",
  "type",
  "status",
  "agb",
  "disciplines",
  "municipalities",
  "languages",
  "capacityHoursPerWeek",
  "waitingWeeks",
  "practiceName",
  "practiceKvk",
  "practiceAgb",
  "practicePostcode",
  "practiceCity",
  "practiceIban",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Which column (0-based) holds each field; a field without a column is not imported. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** Arts-therapy disciplines (DOMAIN.md) plus integrative child therapy (VaKwerK has two). */
/**
 * Languages a therapist works in, stored by their Dutch name as the profile form
 * stores them (free text there), so imported and typed-in profiles read alike.
 */
export const LANGUAGES = ["Nederlands", "Engels", "Duits", "Frans", "Spaans", "Turks", "Arabisch", "Pools", "Fries", "Papiaments", "Nederlandse Gebarentaal"] as const;

/** The limits of one upload: beyond them the board splits the file. */
export const IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 5000, maxColumns: 60 } as const;

/**
 * New members get the type and status below when the file says nothing: a
 * cooperative imports the list of people it already has, so they are members
 * (DOMAIN.md: "lid"), not applicants. An existing member keeps what it had.
 */
export const IMPORT_DEFAULTS = { type: "member" as MemberType, status: "member" as MemberStatus };

/** Lower case, accents off, only letters and digits: "E-mailadres" -> "emailadres". */
export function simplify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

// Header names seen in Dutch and English member lists, simplified.
const HEADER_NAMES: Record<ImportField, string[]> = {
  name: ["naam", "name", "volledigenaam", "fullname", "naamlid", "naamtherapeut", "therapeut", "lid", "member"],
  email: ["email", "emailadres", "mail", "emailaddress", "mailadres"],
  phone: ["telefoon", "telefoonnummer", "tel", "phone", "phonenumber", "mobiel", "mobile", "gsm"],
  type: ["type", "soort", "soortlid", "lidmaatschap", "typelidmaatschap", "membershiptype", "membertype", "lidtype"],
  status: ["status", "lidstatus", "memberstatus", "membershipstatus"],
  agb: ["agb", "agbcode", "persoonlijkeagb", "persoonlijkeagbcode", "agbzorgverlener", "agbcodezorgverlener", "personalagb", "personalagbcode", "agbpersoonlijk"],
  disciplines: ["discipline", "disciplines", "beroep", "vakgebied", "therapievorm", "vaktherapie", "specialisatie", "profession"],
  municipalities: ["gemeente", "gemeenten", "werkgebied", "municipality", "municipalities", "regio"],
  languages: ["taal", "talen", "language", "languages", "gesprekstaal", "gesprekstalen"],
  capacityHoursPerWeek: ["capaciteit", "uurperweek", "urenperweek", "capaciteituurperweek", "capaciteiturenperweek", "capacity", "hoursperweek", "capacityhoursperweek", "beschikbareuren"],
  waitingWeeks: ["wachttijd", "wachttijdweken", "wachtlijst", "wachtlijstweken", "waitingweeks", "waitingtime", "waitinglist", "waitingtimeweeks"],
  practiceName: ["praktijk", "praktijknaam", "naampraktijk", "practice", "practicename", "bedrijfsnaam", "onderneming"],
  practiceKvk: ["kvk", "kvknummer", "kvknr", "kvkpraktijk", "practicekvk", "chamberofcommerce", "cocnumber"],
  practiceAgb: ["agbpraktijk", "agbcodepraktijk", "praktijkagb", "praktijkagbcode", "agbonderneming", "agbcodeonderneming", "practiceagb", "practiceagbcode", "businessagb", "businessagbcode"],
  practicePostcode: ["postcode", "praktijkpostcode", "postalcode", "zipcode", "practicepostcode"],
  practiceCity: ["plaats", "woonplaats", "vestigingsplaats", "praktijkplaats", "city", "town", "practicecity", "stad"],
  practiceIban: ["iban", "rekeningnummer", "bankrekening", "bankrekeningnummer", "practiceiban", "bankaccount"],
};

/**
 * Suggest a mapping from the file's headers: an exact (simplified) name first,
 * each field to at most one column and each column to at most one field.
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const simple = headers.map(simplify);
  for (const field of IMPORT_FIELDS) {
    const index = simple.findIndex((h, i) => !used.has(i) && h !== "" && HEADER_NAMES[field].includes(h));
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  return mapping;
}

/** A mapping from a form: unknown fields, out-of-range columns and a column used twice are refused. */
export function mappingProblems(mapping: ColumnMapping, columnCount: number): { field: ImportField; messageKey: string }[] {
  const problems: { field: ImportField; messageKey: string }[] = [];
  const seen = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (!Number.isInteger(column) || column < 0 || column >= columnCount) problems.push({ field, messageKey: "imports.errors.unknownColumn" });
    else if (seen.has(column)) problems.push({ field, messageKey: "imports.errors.columnTwice" });
    else seen.set(column, field);
  }
  if (mapping.name === undefined) problems.push({ field: "name", messageKey: "imports.errors.nameColumnRequired" });
  if (mapping.agb === undefined && mapping.email === undefined) problems.push({ field: "agb", messageKey: "imports.errors.agbOrEmailColumnRequired" });
  return problems;
}

// Spellings of values, simplified, per stored value.
const TYPE_NAMES: Record<MemberType, string[]> = {
  member: ["member", "lid", "leden", "gewoonlid", "coöperatielid", "cooperatielid"],
  subcontractor: ["subcontractor", "onderaannemer", "onderaanneming"],
  hired_therapist: ["hiredtherapist", "hired", "ingehuurd", "ingehuurde", "ingehuurdetherapeut", "inhuur", "opdrachtnemer", "zzper", "zzp"],
  office_staff: ["officestaff", "office", "secretariaat", "administratie", "medewerker", "staff", "bureau", "ondersteuning"],
};
const STATUS_NAMES: Record<MemberStatus, string[]> = {
  prospective: ["prospective", "prospectivemember", "aspirant", "aspirantlid", "kandidaat", "kandidaatlid", "inaanmelding", "aangemeld"],
  member: ["member", "lid", "actief", "active", "actieflid"],
  suspended: ["suspended", "geschorst", "schorsing", "opgeschort"],
  left: ["left", "vertrokken", "uitgetreden", "opgezegd", "oudlid", "exmember", "formermember", "afgemeld"],
};
const DISCIPLINE_NAMES: Record<Discipline, string[]> = {
  art: ["art", "arttherapy", "arttherapist", "beeldend", "beeldende", "beeldendetherapie", "beeldendtherapeut", "beeldendtherapie", "beeldendetherapeut", "kunstzinnig", "kunstzinnigetherapie"],
  drama: ["drama", "dramatherapie", "dramatherapeut", "dramatherapy", "dramatherapist"],
  music: ["music", "muziek", "muziektherapie", "muziektherapeut", "musictherapy", "musictherapist"],
  dance: ["dance", "dans", "danstherapie", "danstherapeut", "dansenbewegingstherapie", "dancetherapy", "dancemovementtherapy", "dancetherapist"],
  psychomotor: ["psychomotor", "pmt", "psychomotorisch", "psychomotorische", "psychomotorischetherapie", "psychomotorischtherapeut", "psychomotortherapy", "psychomotortherapist"],
  play: ["play", "spel", "speltherapie", "speltherapeut", "playtherapy", "playtherapist"],
  psychologist: ["psychologist", "psycholoog", "gzpsycholoog", "kinderpsycholoog"],
  remedial_educationalist: ["remedialeducationalist", "orthopedagoog", "orthopedagogiek", "orthopedagooggeneralist"],
  family_worker: ["familyworker", "gezinswerker", "gezinscoach", "gezinsbegeleider", "ambulantgezinsbegeleider"],
  integrative_child: ["integrativechild", "integratievekindertherapie", "integratievekindertherapeut", "kindertherapie", "kindertherapeut", "integrativechildtherapy", "integrativechildtherapist", "childtherapy", "childtherapist"],
};
const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string[]> = {
  "Nederlands": ["nl", "nederlands", "dutch", "nld"],
  "Engels": ["en", "engels", "english", "eng"],
  "Duits": ["de", "duits", "german", "deutsch"],
  "Frans": ["fr", "frans", "french", "francais"],
  "Spaans": ["es", "spaans", "spanish", "espanol"],
  "Turks": ["tr", "turks", "turkish"],
  "Arabisch": ["ar", "arabisch", "arabic"],
  "Pools": ["pl", "pools", "polish"],
  "Fries": ["fy", "fries", "frysk", "frisian"],
  "Papiaments": ["pap", "papiaments", "papiamento"],
  "Nederlandse Gebarentaal": ["ngt", "gebarentaal", "nederlandsegebarentaal", "signlanguage", "dutchsignlanguage"],
};

/** A reader for one table of spellings: simplified spelling -> stored code. */
function lookup<T extends string>(table: Record<T, string[]>): (value: string) => T | null {
  const index = new Map<string, T>();
  for (const [code, names] of Object.entries(table) as [T, string[]][]) for (const name of names) index.set(simplify(name), code);
  return (value) => index.get(simplify(value)) ?? null;
}
export const parseMemberType = lookup(TYPE_NAMES);
export const parseMemberStatus = lookup(STATUS_NAMES);
export const parseDiscipline = lookup(DISCIPLINE_NAMES);
export const parseLanguage = lookup(LANGUAGE_NAMES);

/** A cell holding several values: "drama; muziek", "Nijmegen, Wijchen", "nl/en". */
export function splitList(value: string): string[] {
  return value
    .split(/[;,|/\n]+/)
    .map((part) => part.trim().replace(/\s+/g, " "))
    .filter((part) => part !== "");
}

/** Whole hours or weeks, not negative: "12", " 8 ". "12,5" and "-1" are refused. */
export function parseWholeNumber(value: string): number | null {
  const text = value.trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  return Number(text);
}

// The HTML standard's email check, the same one a browser applies to type="email".
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
export const isValidEmail = (value: string) => value.length <= 254 && EMAIL.test(value);

export type PracticeInput = { name: string; kvkNumber: string | null; agb: string | null; postcode: string | null; city: string | null; iban: string | null };

/** One row as the import reads it: a field is null when the file leaves it empty (keep what is stored). */
export type ImportValues = {
  name: string | null;
  email: string | null;
  phone: string | null;
  type: MemberType | null;
  status: MemberStatus | null;
  agb: string | null;
  disciplines: string[] | null;
  municipalities: string[] | null;
  languages: string[] | null;
  capacityHoursPerWeek: number | null;
  waitingWeeks: number | null;
  practice: PracticeInput | null;
};

export type RowError = { field: ImportField | null; messageKey: string; value?: string };
/** `row` counts as a spreadsheet shows it: the header is row 1, the first member row 2. */
export type ParsedRow = { row: number; values: ImportValues; errors: RowError[] };

/**
 * Read and check one data row against the mapping. Every problem is reported,
 * not just the first, so the board fixes the file in one go.
 */
export function parseRow(cells: readonly string[], mapping: ColumnMapping, row: number): ParsedRow {
  const errors: RowError[] = [];
  const cell = (field: ImportField): string | null => {
    const column = mapping[field];
    if (column === undefined) return null;
    const text = (cells[column] ?? "").trim();
    return text === "" ? null : text;
  };
  const fail = (field: ImportField | null, messageKey: string, value?: string) => errors.push(value === undefined ? { field, messageKey } : { field, messageKey, value });

  const name = cell("name")?.replace(/\s+/g, " ") ?? null;
  if (!name) fail("name", "imports.errors.nameRequired");

  let email = cell("email")?.toLowerCase() ?? null;
  if (email && !isValidEmail(email)) {
    fail("email", "imports.errors.invalidEmail", email);
    email = null;
  }

  let agb = cell("agb");
  if (agb !== null) {
    if (isValidAgb(agb)) agb = normalizeAgb(agb);
    else {
      fail("agb", "imports.errors.invalidAgb", agb);
      agb = null;
    }
  }
  if (cell("agb") === null && cell("email") === null) fail(null, "imports.errors.agbOrEmailRequired");

  const typeText = cell("type");
  const type = typeText === null ? null : parseMemberType(typeText);
  if (typeText !== null && type === null) fail("type", "imports.errors.unknownType", typeText);

  const statusText = cell("status");
  const status = statusText === null ? null : parseMemberStatus(statusText);
  if (statusText !== null && status === null) fail("status", "imports.errors.unknownStatus", statusText);

  const codes = (field: "disciplines" | "languages", parse: (v: string) => string | null, messageKey: string) => {
    const text = cell(field);
    if (text === null) return null;
    const out: string[] = [];
    for (const part of splitList(text)) {
      const code = parse(part);
      if (code === null) fail(field, messageKey, part);
      else if (!out.includes(code)) out.push(code);
    }
    return out;
  };
  const disciplines = codes("disciplines", parseDiscipline, "imports.errors.unknownDiscipline");
  const languages = codes("languages", parseLanguage, "imports.errors.unknownLanguage");
  const municipalitiesText = cell("municipalities");
  const municipalities = municipalitiesText === null ? null : [...new Set(splitList(municipalitiesText))];

  const number = (field: "capacityHoursPerWeek" | "waitingWeeks") => {
    const text = cell(field);
    if (text === null) return null;
    const value = parseWholeNumber(text);
    if (value === null) fail(field, "imports.errors.notAWholeNumber", text);
    return value;
  };
  const capacityHoursPerWeek = number("capacityHoursPerWeek");
  const waitingWeeks = number("waitingWeeks");

  const identifier = (field: ImportField, valid: (v: string) => boolean, normalize: (v: string) => string, messageKey: string) => {
    const text = cell(field);
    if (text === null) return null;
    if (valid(text)) return normalize(text);
    fail(field, messageKey, text);
    return null;
  };
  const practiceName = cell("practiceName")?.replace(/\s+/g, " ") ?? null;
  const practiceKvk = identifier("practiceKvk", isValidKvk, normalizeKvk, "imports.errors.invalidKvk");
  const practiceAgb = identifier("practiceAgb", isValidAgb, normalizeAgb, "imports.errors.invalidAgb");
  const practicePostcode = identifier("practicePostcode", isValidPostcode, normalizePostcode, "imports.errors.invalidPostcode");
  const practiceIban = identifier("practiceIban", isValidIban, normalizeIban, "imports.errors.invalidIban");
  const practiceCity = cell("practiceCity");
  const practiceDetails = (["practiceKvk", "practiceAgb", "practicePostcode", "practiceCity", "practiceIban"] as const).some((f) => cell(f) !== null);
  if (!practiceName && practiceDetails) fail("practiceName", "imports.errors.practiceNameRequired");
  if (agb && practiceAgb && agb === practiceAgb) fail("practiceAgb", "imports.errors.agbPersonalAndBusiness", agb);

  return {
    row,
    errors,
    values: {
      name,
      email,
      phone: cell("phone"),
      type,
      status,
      agb,
      disciplines,
      municipalities,
      languages,
      capacityHoursPerWeek,
      waitingWeeks,
      practice: practiceName ? { name: practiceName, kvkNumber: practiceKvk, agb: practiceAgb, postcode: practicePostcode, city: practiceCity, iban: practiceIban } : null,
    },
  };
}

/**
 * Parse every row and flag what only the whole file shows: the same personal AGB
 * code or email twice (each later row names the first), an AGB code used both as
 * a personal and a business code. Blank rows are left out.
 */
export function parseRows(rows: readonly (readonly string[])[], mapping: ColumnMapping): ParsedRow[] {
  const parsed: ParsedRow[] = [];
  const firstAgb = new Map<string, number>();
  const firstEmail = new Map<string, number>();
  const businessAgbs = new Set<string>();
  rows.forEach((cells, index) => {
    if (cells.every((c) => c.trim() === "")) return;
    const row = parseRow(cells, mapping, index + 2);
    if (row.values.practice?.agb) businessAgbs.add(row.values.practice.agb);
    parsed.push(row);
  });
  for (const row of parsed) {
    const { agb, email } = row.values;
    if (agb) {
      const first = firstAgb.get(agb);
      if (first !== undefined) row.errors.push({ field: "agb", messageKey: "imports.errors.duplicateAgbInFile", value: String(first) });
      else firstAgb.set(agb, row.row);
      if (businessAgbs.has(agb) && row.values.practice?.agb !== agb) row.errors.push({ field: "agb", messageKey: "imports.errors.agbPersonalAndBusiness", value: agb });
    }
    if (email) {
      const first = firstEmail.get(email);
      if (first !== undefined) row.errors.push({ field: "email", messageKey: "imports.errors.duplicateEmailInFile", value: String(first) });
      else firstEmail.set(email, row.row);
    }
  }
  return parsed;
}

// ---------------------------------------------------------------------------
// The plan: what importing the parsed rows does to the cooperative's state.

export type ExistingMember = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  type: MemberType;
  status: MemberStatus;
  disciplines: string[];
  municipalities: string[];
  languages: string[];
  capacityHoursPerWeek: number | null;
  waitingWeeks: number | null;
  /** The member's personal AGB code, if recorded. */
  agb: string | null;
};
export type ExistingPractice = { id: string; name: string; kvkNumber: string | null; postcode: string | null; city: string | null; iban: string | null; agb: string | null };
export type ImportState = {
  members: ExistingMember[];
  practices: ExistingPractice[];
  /** Every AGB code in the cooperative and who holds it. */
  agbCodes: { code: string; memberId: string | null; practiceId: string | null }[];
  /** "memberId:practiceId" pairs. */
  links: string[];
};

export type MemberRecord = Omit<ExistingMember, "id">;
export type PracticeRecord = Omit<ExistingPractice, "id">;
export type RowOutcome = "create" | "update" | "unchanged" | "error";
export type PlannedRow = {
  row: number;
  outcome: RowOutcome;
  errors: RowError[];
  memberId?: string;
  before?: MemberRecord;
  after?: MemberRecord;
  /** The personal AGB code to record for the member (absent: nothing to add). */
  addAgb?: string;
  practice?: { id: string; outcome: "create" | "update" | "unchanged"; before?: PracticeRecord; after: PracticeRecord; addAgb?: string; link: boolean };
};

function withoutId({ id: _id, ...record }: ExistingMember): MemberRecord {
  return record;
}
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
function sameMember(a: MemberRecord, b: MemberRecord): boolean {
  return (
    a.name === b.name && a.email === b.email && a.phone === b.phone && a.type === b.type && a.status === b.status && a.agb === b.agb &&
    sameList(a.disciplines, b.disciplines) && sameList(a.municipalities, b.municipalities) && sameList(a.languages, b.languages) &&
    a.capacityHoursPerWeek === b.capacityHoursPerWeek && a.waitingWeeks === b.waitingWeeks
  );
}
const samePractice = (a: PracticeRecord, b: PracticeRecord) =>
  a.name === b.name && a.kvkNumber === b.kvkNumber && a.postcode === b.postcode && a.city === b.city && a.iban === b.iban && a.agb === b.agb;

/**
 * Decide per row: create, update, unchanged or error. A row matches an existing
 * member on its personal AGB code, else on its email. A filled cell replaces the
 * stored value; an empty cell keeps it (an import never erases data). A practice
 * matches on its business AGB code, then KvK number, then name (case ignored).
 * Rows are planned in order against the state as the earlier rows leave it, so
 * two rows naming one new practice create it once, and running the plan again on
 * the state it produced gives "unchanged" for every row.
 */
export function planImport(rows: readonly ParsedRow[], initial: ImportState, newId: () => string): PlannedRow[] {
  const members = new Map(initial.members.map((m) => [m.id, { ...m }]));
  const byEmail = new Map<string, string>();
  for (const m of initial.members) if (m.email) byEmail.set(m.email, m.id);
  const agbOwner = new Map(initial.agbCodes.map((a) => [a.code, a]));
  const practices = new Map(initial.practices.map((p) => [p.id, { ...p }]));
  const links = new Set(initial.links);
  const touched = new Map<string, number>(); // member id -> first row that matched it
  const practiceRows = new Map<string, number>(); // practice id -> first row that named it

  // Practices by KvK number and by lower-cased name; the first one stored wins.
  const byKvk = new Map<string, string>();
  const byName = new Map<string, string>();
  const indexPractice = (p: ExistingPractice) => {
    if (p.kvkNumber && !byKvk.has(p.kvkNumber)) byKvk.set(p.kvkNumber, p.id);
    if (!byName.has(p.name.toLowerCase())) byName.set(p.name.toLowerCase(), p.id);
  };
  initial.practices.forEach(indexPractice);
  const findPractice = (p: PracticeInput) => {
    const owner = p.agb ? agbOwner.get(p.agb) : undefined;
    const id = owner?.practiceId ?? (p.kvkNumber ? byKvk.get(p.kvkNumber) : undefined) ?? byName.get(p.name.toLowerCase());
    return id ? (practices.get(id) ?? null) : null;
  };

  return rows.map((parsed): PlannedRow => {
    const errors = [...parsed.errors];
    const v = parsed.values;
    const fail = (): PlannedRow => ({ row: parsed.row, outcome: "error", errors });
    if (errors.length) return fail();

    const agbHolder = v.agb ? agbOwner.get(v.agb) : undefined;
    if (agbHolder?.practiceId) errors.push({ field: "agb", messageKey: "imports.errors.agbUsedByPractice", value: v.agb ?? "" });
    const byAgb = agbHolder?.memberId ? members.get(agbHolder.memberId) : undefined;
    const emailId = v.email ? byEmail.get(v.email) : undefined;
    const byMail = emailId ? members.get(emailId) : undefined;
    if (byAgb && byMail && byAgb.id !== byMail.id) {
      errors.push({ field: "agb", messageKey: "imports.errors.agbUsedByOtherMember", value: byAgb.name });
    }
    const existing = byAgb ?? byMail;
    if (existing && v.agb && existing.agb && existing.agb !== v.agb) {
      errors.push({ field: "agb", messageKey: "imports.errors.memberHasOtherAgb", value: existing.agb });
    }
    if (existing && touched.has(existing.id)) {
      errors.push({ field: null, messageKey: "imports.errors.sameMemberTwice", value: String(touched.get(existing.id)) });
    }
    if (v.practice?.agb) {
      const holder = agbOwner.get(v.practice.agb);
      if (holder?.memberId) errors.push({ field: "practiceAgb", messageKey: "imports.errors.agbUsedByMember", value: v.practice.agb });
    }
    if (errors.length) return fail();

    const before = existing ? withoutId(existing) : undefined;
    const base: MemberRecord = before ?? {
      name: v.name ?? "",
      email: null,
      phone: null,
      type: IMPORT_DEFAULTS.type,
      status: IMPORT_DEFAULTS.status,
      disciplines: [],
      municipalities: [],
      languages: [],
      capacityHoursPerWeek: null,
      waitingWeeks: null,
      agb: null,
    };
    const after: MemberRecord = {
      name: v.name ?? base.name,
      email: v.email ?? base.email,
      phone: v.phone ?? base.phone,
      type: v.type ?? base.type,
      status: v.status ?? base.status,
      agb: v.agb ?? base.agb,
      disciplines: v.disciplines && !sameList(v.disciplines, base.disciplines) ? v.disciplines : base.disciplines,
      municipalities: v.municipalities && !sameList(v.municipalities, base.municipalities) ? v.municipalities : base.municipalities,
      languages: v.languages && !sameList(v.languages, base.languages) ? v.languages : base.languages,
      capacityHoursPerWeek: v.capacityHoursPerWeek ?? base.capacityHoursPerWeek,
      waitingWeeks: v.waitingWeeks ?? base.waitingWeeks,
    };
    const memberId = existing?.id ?? newId();
    const addAgb = v.agb && before?.agb !== v.agb ? v.agb : undefined;

    let practice: PlannedRow["practice"];
    if (v.practice) {
      const found = findPractice(v.practice);
      const p = v.practice;
      const pBefore: PracticeRecord | undefined = found ? { name: found.name, kvkNumber: found.kvkNumber, postcode: found.postcode, city: found.city, iban: found.iban, agb: found.agb } : undefined;
      const pAfter: PracticeRecord = {
        // A spelling that differs only in capitals is the same name: keep the stored one.
        name: pBefore && pBefore.name.toLowerCase() === p.name.toLowerCase() ? pBefore.name : p.name,
        kvkNumber: p.kvkNumber ?? pBefore?.kvkNumber ?? null,
        postcode: p.postcode ?? pBefore?.postcode ?? null,
        city: p.city ?? pBefore?.city ?? null,
        iban: p.iban ?? pBefore?.iban ?? null,
        agb: pBefore?.agb ?? p.agb,
      };
      if (found && p.agb && found.agb && found.agb !== p.agb) {
        errors.push({ field: "practiceAgb", messageKey: "imports.errors.practiceHasOtherAgb", value: found.agb });
        return fail();
      }
      const practiceId = found?.id ?? newId();
      const link = !links.has(`${memberId}:${practiceId}`);
      const pOutcome = !pBefore ? "create" : samePractice(pBefore, pAfter) ? "unchanged" : "update";
      // Two rows that disagree about one practice would make every run flip it; the board decides.
      const firstRow = practiceRows.get(practiceId);
      if (pOutcome === "update" && firstRow !== undefined) {
        errors.push({ field: "practiceName", messageKey: "imports.errors.practiceDiffersFromRow", value: String(firstRow) });
        return fail();
      }
      if (firstRow === undefined) practiceRows.set(practiceId, parsed.row);
      practice = { id: practiceId, outcome: pOutcome, before: pBefore, after: pAfter, link, addAgb: pAfter.agb && pBefore?.agb !== pAfter.agb ? pAfter.agb : undefined };
      practices.set(practiceId, { id: practiceId, ...pAfter });
      indexPractice({ id: practiceId, ...pAfter });
      if (practice.addAgb) agbOwner.set(practice.addAgb, { code: practice.addAgb, memberId: null, practiceId });
      links.add(`${memberId}:${practiceId}`);
    }

    // Apply to the running state, so later rows see this one.
    members.set(memberId, { id: memberId, ...after });
    if (after.email) byEmail.set(after.email, memberId);
    if (before?.email && before.email !== after.email) byEmail.delete(before.email);
    if (addAgb) agbOwner.set(addAgb, { code: addAgb, memberId, practiceId: null });
    touched.set(memberId, parsed.row);

    const practiceChanged = practice !== undefined && (practice.outcome !== "unchanged" || practice.link);
    const outcome: RowOutcome = !before ? "create" : !sameMember(before, after) || practiceChanged ? "update" : "unchanged";
    return { row: parsed.row, outcome, errors: [], memberId, before, after, addAgb, practice };
  });
}

export type ImportCounts = { create: number; update: number; unchanged: number; error: number };
export function countOutcomes(plan: readonly PlannedRow[]): ImportCounts {
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const p of plan) counts[p.outcome] += 1;
  return counts;
}

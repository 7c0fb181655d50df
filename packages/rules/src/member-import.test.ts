import { describe, expect, it } from "vitest";
import {
  countOutcomes,
  mappingProblems,
  parseDiscipline,
  parseLanguage,
  parseMemberStatus,
  parseMemberType,
  parseRow,
  parseRows,
  parseWholeNumber,
  planImport,
  splitList,
  suggestMapping,
  type ColumnMapping,
  type ImportState,
} from "./member-import";

describe("suggested mapping from headers", () => {
  it.each([
    [["Naam", "E-mail", "AGB-code"], { name: 0, email: 1, agb: 2 }],
    [["Name", "Email address", "Phone"], { name: 0, email: 1, phone: 2 }],
    [["naam", "e-mailadres", "Telefoonnummer", "Soort lid", "Status", "Disciplines", "Gemeenten", "Talen", "Uren per week", "Wachttijd (weken)"],
      { name: 0, email: 1, phone: 2, type: 3, status: 4, disciplines: 5, municipalities: 6, languages: 7, capacityHoursPerWeek: 8, waitingWeeks: 9 }],
    [["Praktijknaam", "KvK-nummer", "AGB praktijk", "Postcode", "Plaats", "IBAN"],
      { practiceName: 0, practiceKvk: 1, practiceAgb: 2, practicePostcode: 3, practiceCity: 4, practiceIban: 5 }],
    // Personal and business AGB side by side.
    [["AGB-code zorgverlener", "AGB-code praktijk", "Naam"], { agb: 0, practiceAgb: 1, name: 2 }],
    [["Onbekend", "", "Opmerkingen"], {}],
    // A column is offered once: the second "naam" stays unmapped.
    [["Naam", "naam"], { name: 0 }],
  ])("%j -> %j", (headers, expected) => expect(suggestMapping(headers)).toEqual(expected));
});

describe("mapping problems", () => {
  it.each<[ColumnMapping, number, string[]]>([
    [{ name: 0, email: 1 }, 2, []],
    [{ name: 0, agb: 1 }, 2, []],
    [{ email: 1 }, 2, ["name:imports.errors.nameColumnRequired"]],
    [{ name: 0 }, 2, ["agb:imports.errors.agbOrEmailColumnRequired"]],
    [{ name: 0, email: 0 }, 2, ["email:imports.errors.columnTwice"]],
    [{ name: 0, email: 5 }, 2, ["email:imports.errors.unknownColumn"]],
  ])("%j over %i columns", (mapping, columns, expected) =>
    expect(mappingProblems(mapping, columns).map((p) => `${p.field}:${p.messageKey}`)).toEqual(expected));
});

describe("value spellings", () => {
  it.each([
    ["lid", "member"], ["Lid", "member"], ["onderaannemer", "subcontractor"], ["Ingehuurde therapeut", "hired_therapist"],
    ["secretariaat", "office_staff"], ["subcontractor", "subcontractor"], ["voorzitter", null],
  ])("type %s -> %s", (text, code) => expect(parseMemberType(text)).toBe(code));
  it.each([
    ["aspirant-lid", "prospective"], ["Aspirant", "prospective"], ["lid", "member"], ["geschorst", "suspended"],
    ["uitgetreden", "left"], ["left", "left"], ["misschien", null],
  ])("status %s -> %s", (text, code) => expect(parseMemberStatus(text)).toBe(code));
  it.each([
    ["dramatherapie", "drama"], ["Beeldende therapie", "art"], ["muziektherapeut", "music"], ["Dans- en bewegingstherapie", "dance"],
    ["PMT", "psychomotor"], ["Psychomotorische therapie", "psychomotor"], ["speltherapie", "play"],
    ["Integratieve kindertherapie", "integrative_child"], ["Music therapy", "music"], ["orthopedagoog", "remedial_educationalist"],
    ["GZ-psycholoog", "psychologist"], ["gezinswerker", "family_worker"], ["yoga", null],
  ])("discipline %s -> %s", (text, code) => expect(parseDiscipline(text)).toBe(code));
  it.each([["Nederlands", "Nederlands"], ["engels", "Engels"], ["EN", "Engels"], ["Turks", "Turks"], ["Frysk", "Fries"], ["NGT", "Nederlandse Gebarentaal"], ["Klingon", null]])(
    "language %s -> %s", (text, code) => expect(parseLanguage(text)).toBe(code));
  it.each([
    ["drama; muziek", ["drama", "muziek"]], ["Nijmegen, Wijchen ,Berg en Dal", ["Nijmegen", "Wijchen", "Berg en Dal"]],
    ["nl/en", ["nl", "en"]], ["  ", []],
  ])("list %j -> %j", (text, list) => expect(splitList(text)).toEqual(list));
  it.each([["12", 12], [" 8 ", 8], ["0", 0], ["12,5", null], ["-1", null], ["twaalf", null], ["", null]])(
    "whole number %j -> %j", (text, value) => expect(parseWholeNumber(text)).toBe(value));
});

const FULL: ColumnMapping = {
  name: 0, email: 1, phone: 2, type: 3, status: 4, agb: 5, disciplines: 6, municipalities: 7, languages: 8,
  capacityHoursPerWeek: 9, waitingWeeks: 10, practiceName: 11, practiceKvk: 12, practiceAgb: 13, practicePostcode: 14, practiceCity: 15, practiceIban: 16,
};
const good = ["Eva van den Berg", "Eva@Example.nl", "06-12345678", "lid", "aspirant-lid", "9025 1234", "dramatherapie; speltherapie", "Nijmegen; Wijchen", "Nederlands, Engels", "16", "4", "Praktijk De Kleur", "12345678", "90251235", "6511 ab", "Nijmegen", "NL91 ABNA 0417 1643 00"];
const withCell = (index: number, value: string) => good.map((c, i) => (i === index ? value : c));

describe("one row", () => {
  it("reads and normalizes every field", () => {
    expect(parseRow(good, FULL, 2)).toEqual({
      row: 2,
      errors: [],
      values: {
        name: "Eva van den Berg", email: "eva@example.nl", phone: "06-12345678", type: "member", status: "prospective", agb: "90251234",
        disciplines: ["drama", "play"], municipalities: ["Nijmegen", "Wijchen"], languages: ["Nederlands", "Engels"], capacityHoursPerWeek: 16, waitingWeeks: 4,
        practice: { name: "Praktijk De Kleur", kvkNumber: "12345678", agb: "90251235", postcode: "6511 AB", city: "Nijmegen", iban: "NL91ABNA0417164300" },
      },
    });
  });

  it.each<[string, string[], string[]]>([
    ["no name", withCell(0, " "), ["name:imports.errors.nameRequired"]],
    ["bad email", withCell(1, "eva@"), ["email:imports.errors.invalidEmail"]],
    ["bad AGB", withCell(5, "9025123"), ["agb:imports.errors.invalidAgb"]],
    ["neither AGB nor email", withCell(1, "").map((c, i) => (i === 5 ? "" : c)), [":imports.errors.agbOrEmailRequired"]],
    ["AGB without email is fine", withCell(1, ""), []],
    ["unknown type", withCell(3, "voorzitter"), ["type:imports.errors.unknownType"]],
    ["unknown status", withCell(4, "misschien"), ["status:imports.errors.unknownStatus"]],
    ["unknown discipline", withCell(6, "drama; yoga"), ["disciplines:imports.errors.unknownDiscipline"]],
    ["unknown language", withCell(8, "Klingon"), ["languages:imports.errors.unknownLanguage"]],
    ["capacity not whole", withCell(9, "12,5"), ["capacityHoursPerWeek:imports.errors.notAWholeNumber"]],
    ["waiting negative", withCell(10, "-2"), ["waitingWeeks:imports.errors.notAWholeNumber"]],
    ["bad KvK", withCell(12, "1234567"), ["practiceKvk:imports.errors.invalidKvk"]],
    ["bad business AGB", withCell(13, "abc"), ["practiceAgb:imports.errors.invalidAgb"]],
    ["bad postcode", withCell(14, "0511 AB"), ["practicePostcode:imports.errors.invalidPostcode"]],
    ["bad IBAN (check digits)", withCell(16, "NL92ABNA0417164300"), ["practiceIban:imports.errors.invalidIban"]],
    ["practice details without its name", withCell(11, ""), ["practiceName:imports.errors.practiceNameRequired"]],
    ["one code as personal and business", withCell(13, "90251234"), ["practiceAgb:imports.errors.agbPersonalAndBusiness"]],
  ])("%s", (_label, cells, expected) => {
    expect(parseRow(cells, FULL, 2).errors.map((e) => `${e.field ?? ""}:${e.messageKey}`)).toEqual(expected);
  });
});

describe("the whole file", () => {
  const mapping: ColumnMapping = { name: 0, email: 1, agb: 2 };
  it("flags a repeated AGB code and email, naming the first row, and skips blank rows", () => {
    const rows = parseRows(
      [
        ["Eva", "eva@example.nl", "90251234"],
        ["", "", ""],
        ["Eva 2", "eva2@example.nl", "9025 1234"],
        ["Fleur", "EVA@example.nl", "90250001"],
      ],
      mapping,
    );
    expect(rows.map((r) => [r.row, r.errors.map((e) => `${e.messageKey}@${e.value}`)])).toEqual([
      [2, []],
      [4, ["imports.errors.duplicateAgbInFile@2"]],
      [5, ["imports.errors.duplicateEmailInFile@2"]],
    ]);
  });
});

describe("the plan", () => {
  const mapping: ColumnMapping = { name: 0, email: 1, agb: 2, status: 3, practiceName: 4, practiceKvk: 5 };
  const empty: ImportState = { members: [], practices: [], agbCodes: [], links: [] };
  const ids = () => {
    let n = 0;
    return () => `id${++n}`;
  };
  const existing: ImportState = {
    members: [
      { id: "m1", name: "Eva van den Berg", email: "eva@example.nl", phone: null, type: "member", status: "member", disciplines: ["drama"], municipalities: [], languages: [], capacityHoursPerWeek: null, waitingWeeks: null, agb: "90251234" },
      { id: "m2", name: "Fleur Bakker", email: "fleur@example.nl", phone: null, type: "member", status: "member", disciplines: [], municipalities: [], languages: [], capacityHoursPerWeek: null, waitingWeeks: null, agb: null },
    ],
    practices: [{ id: "p1", name: "Praktijk De Kleur", kvkNumber: "12345678", postcode: null, city: null, iban: null, agb: "90259999" }],
    agbCodes: [{ code: "90251234", memberId: "m1", practiceId: null }, { code: "90259999", memberId: null, practiceId: "p1" }],
    links: ["m1:p1"],
  };

  it.each<[string, string[], string, string[]]>([
    ["new member, default status", ["Gijs Smit", "gijs@example.nl", "90250002", "", "", ""], "create", []],
    ["same data: unchanged", ["Eva van den Berg", "eva@example.nl", "90251234", "", "Praktijk De Kleur", ""], "unchanged", []],
    ["matched on AGB, new email: update", ["Eva van den Berg", "eva.berg@example.nl", "90251234", "", "", ""], "update", []],
    ["matched on email, adds AGB: update", ["Fleur Bakker", "fleur@example.nl", "90250003", "", "", ""], "update", []],
    ["empty cell keeps the stored value", ["Fleur Bakker", "fleur@example.nl", "", "", "", ""], "unchanged", []],
    ["status from the file", ["Fleur Bakker", "fleur@example.nl", "", "geschorst", "", ""], "update", []],
    ["links to a practice found by KvK", ["Fleur Bakker", "fleur@example.nl", "", "", "Andere naam", "12345678"], "update", []],
    ["AGB of one member, email of another", ["Eva van den Berg", "fleur@example.nl", "90251234", "", "", ""], "error", ["imports.errors.agbUsedByOtherMember"]],
    ["member already has another AGB code", ["Eva van den Berg", "eva@example.nl", "90250004", "", "", ""], "error", ["imports.errors.memberHasOtherAgb"]],
    ["personal AGB is a practice's code", ["Gijs Smit", "gijs@example.nl", "90259999", "", "", ""], "error", ["imports.errors.agbUsedByPractice"]],
  ])("%s", (_label, cells, outcome, errors) => {
    const [plan] = planImport(parseRows([cells], mapping), existing, ids());
    expect(plan.outcome).toBe(outcome);
    expect(plan.errors.map((e) => e.messageKey)).toEqual(errors);
  });

  it("creates a new member as 'member' with type 'member' unless the file says otherwise", () => {
    const [plan] = planImport(parseRows([["Gijs Smit", "gijs@example.nl", "", "", "", ""]], mapping), empty, ids());
    expect(plan.after).toMatchObject({ type: "member", status: "member", email: "gijs@example.nl" });
  });

  it("creates a practice named by two rows once, and a second run changes nothing", () => {
    const cells = [
      ["Gijs Smit", "gijs@example.nl", "90250002", "", "Praktijk Noord", "87654321"],
      ["Hanna de Wit", "hanna@example.nl", "", "aspirant", "praktijk noord", ""],
      ["", "", "", "", "", ""],
      ["Fout", "niet-een-adres", "", "", "", ""],
    ];
    const parsed = parseRows(cells, mapping);
    const first = planImport(parsed, empty, ids());
    expect(first.map((p) => p.outcome)).toEqual(["create", "create", "error"]);
    expect(first[0].practice?.outcome).toBe("create");
    expect(first[1].practice?.id).toBe(first[0].practice?.id);
    expect(first[1].practice?.outcome).toBe("unchanged");
    expect(countOutcomes(first)).toEqual({ create: 2, update: 0, unchanged: 0, error: 1 });

    // The state the first plan leaves behind.
    const after: ImportState = {
      members: first.filter((p) => p.after).map((p) => ({ id: p.memberId!, ...p.after! })),
      practices: [{ id: first[0].practice!.id, ...first[0].practice!.after }],
      agbCodes: [{ code: "90250002", memberId: first[0].memberId!, practiceId: null }],
      links: first.filter((p) => p.practice).map((p) => `${p.memberId}:${p.practice!.id}`),
    };
    expect(planImport(parsed, after, ids()).map((p) => p.outcome)).toEqual(["unchanged", "unchanged", "error"]);
  });

  it("refuses a second row that matches the same member another way", () => {
    const plan = planImport(parseRows([["Eva", "", "90251234", "", "", ""], ["Eva", "eva@example.nl", "", "", "", ""]], mapping), existing, ids());
    expect(plan.map((p) => p.outcome)).toEqual(["update", "error"]);
    expect(plan[1].errors[0]).toMatchObject({ messageKey: "imports.errors.sameMemberTwice", value: "2" });
  });
});

describe("rows that disagree about a practice", () => {
  it("skips the later row, naming the first, so a second run stays unchanged", () => {
    const mapping: ColumnMapping = { name: 0, email: 1, practiceName: 2, practicePostcode: 3 };
    const plan = planImport(
      parseRows([["A", "a@example.nl", "Praktijk Zuid", "6511 AB"], ["B", "b@example.nl", "Praktijk Zuid", "6512 CD"], ["C", "c@example.nl", "Praktijk Zuid", ""]], mapping),
      { members: [], practices: [], agbCodes: [], links: [] },
      (() => { let n = 0; return () => `id${++n}`; })(),
    );
    expect(plan.map((p) => p.outcome)).toEqual(["create", "error", "create"]);
    expect(plan[1].errors[0]).toMatchObject({ messageKey: "imports.errors.practiceDiffersFromRow", value: "2" });
  });
});

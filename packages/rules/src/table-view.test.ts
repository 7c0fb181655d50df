import { describe, expect, it } from "vitest";
import { ariaSort, nextSort, pageRows, sortFrom, sortQuery, sortRows, totals } from "./table-view";

const params = (qs: string) => new URLSearchParams(qs);
const KEYS = ["name", "waitingWeeks", "status"] as const;
const DEFAULT = { key: "name", dir: "asc" } as const;

describe("sortFrom", () => {
  it.each([
    ["", { key: "name", dir: "asc", isDefault: true }],
    ["?sort=waitingWeeks", { key: "waitingWeeks", dir: "asc", isDefault: false }],
    ["?sort=waitingWeeks&dir=desc", { key: "waitingWeeks", dir: "desc", isDefault: false }],
    ["?sort=name&dir=sideways", { key: "name", dir: "asc", isDefault: true }],
    // A column the list does not allow (or the person may not see) is the default, not an error.
    ["?sort=email&dir=desc", { key: "name", dir: "asc", isDefault: true }],
  ])("%s", (qs, expected) => {
    expect(sortFrom(params(qs), KEYS, DEFAULT)).toEqual(expected);
  });
});

describe("header links", () => {
  it("flip the sorted column and start another ascending", () => {
    expect(nextSort({ key: "name", dir: "asc" }, "name")).toEqual({ key: "name", dir: "desc" });
    expect(nextSort({ key: "name", dir: "desc" }, "name")).toEqual({ key: "name", dir: "asc" });
    expect(nextSort({ key: "name", dir: "desc" }, "status")).toEqual({ key: "status", dir: "asc" });
  });
  it("mark only the sorted column for assistive technology", () => {
    expect([ariaSort({ key: "name", dir: "asc" }, "name"), ariaSort({ key: "name", dir: "desc" }, "name"), ariaSort({ key: "name", dir: "asc" }, "status")]).toEqual(["ascending", "descending", "none"]);
  });
  it("keep the filters, set the sort and drop the page", () => {
    expect(sortQuery("?status=member&page=3&q=an", { key: "waitingWeeks", dir: "desc" })).toBe("?status=member&q=an&sort=waitingWeeks&dir=desc");
    expect(sortQuery("", { key: "name", dir: "asc" })).toBe("?sort=name&dir=asc");
  });
});

type Row = { id: string; name: string; weeks: number | null };
// Wij zijn KAS-like rows with duplicate names and waiting times, and unknown waiting times.
const ROWS: Row[] = [
  { id: "e", name: "Xander Pauw", weeks: 4 },
  { id: "b", name: "Anna de Vries", weeks: 2 },
  { id: "d", name: "anna de vries", weeks: null },
  { id: "a", name: "Bas Schouten", weeks: 4 },
  { id: "c", name: "Émile Bos", weeks: 2 },
  { id: "f", name: "Lid 10", weeks: 6 },
  { id: "g", name: "Lid 9", weeks: null },
];

describe("sortRows", () => {
  it("sorts Dutch-style (case and accents alike, numbers as numbers) with the id as tie-break", () => {
    expect(sortRows(ROWS, (r) => r.name, "asc", (r) => r.id).map((r) => r.id)).toEqual(["b", "d", "a", "c", "g", "f", "e"]);
  });
  it("puts unknown values last in both directions and breaks ties by id ascending in both", () => {
    expect(sortRows(ROWS, (r) => r.weeks, "asc", (r) => r.id).map((r) => r.id)).toEqual(["b", "c", "a", "e", "f", "d", "g"]);
    expect(sortRows(ROWS, (r) => r.weeks, "desc", (r) => r.id).map((r) => r.id)).toEqual(["f", "a", "e", "b", "c", "d", "g"]);
  });
  it("is a total order: any arrangement of the input gives the same output (stability property)", () => {
    const expected = sortRows(ROWS, (r) => r.weeks, "asc", (r) => r.id).map((r) => r.id);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 200; round++) {
      const shuffled = [...ROWS].sort(() => random() - 0.5);
      expect(sortRows(shuffled, (r) => r.weeks, "asc", (r) => r.id).map((r) => r.id)).toEqual(expected);
    }
  });
  it("leaves its input alone", () => {
    const copy = [...ROWS];
    sortRows(ROWS, (r) => r.name, "desc", (r) => r.id);
    expect(ROWS).toEqual(copy);
  });
});

describe("pageRows", () => {
  const rows = Array.from({ length: 120 }, (_, i) => i);
  it.each([
    [1, 0, 50, { page: 1, from: 1, to: 50 }],
    [3, 100, 20, { page: 3, from: 101, to: 120 }],
    // Past the end (a kept link while rows went away): the last page, as in SQL paging.
    [9, 100, 20, { page: 3, from: 101, to: 120 }],
    ["x", 0, 50, { page: 1, from: 1, to: 50 }],
  ])("page %s", (page, first, length, expected) => {
    const result = pageRows(rows, page);
    expect(result.rows[0]).toBe(first);
    expect(result.rows).toHaveLength(length);
    expect(result.paging).toMatchObject(expected);
  });
  it("covers every row exactly once across its pages", () => {
    const seen = [1, 2, 3].flatMap((p) => pageRows(rows, p).rows);
    expect(seen).toEqual(rows);
  });
});

describe("totals", () => {
  it("sums integer columns exactly, a missing value adding nothing", () => {
    // Minutes used and allocated on three trajectories; the practices' therapists.
    const rows = [
      { used: 90, allocated: 600, therapists: 2 },
      { used: 0, allocated: 450, therapists: null },
      { used: 1335, allocated: 1200, therapists: 1 },
    ];
    expect(totals(rows, { used: (r) => r.used, allocated: (r) => r.allocated, therapists: (r) => r.therapists })).toEqual({ used: 1425, allocated: 2250, therapists: 3 });
    expect(totals([], { used: (r: { used: number }) => r.used })).toEqual({ used: 0 });
  });
});

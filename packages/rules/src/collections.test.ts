import { describe, expect, it } from "vitest";
import { groupBy, pushTo } from "./collections";

describe("groupBy", () => {
  it("keeps the order within each group and of the groups' first appearance", () => {
    const groups = groupBy([{ k: "b", v: 1 }, { k: "a", v: 2 }, { k: "b", v: 3 }], (x) => x.k);
    expect([...groups.keys()]).toEqual(["b", "a"]);
    expect(groups.get("b")!.map((x) => x.v)).toEqual([1, 3]);
    expect(groups.get("a")!.map((x) => x.v)).toEqual([2]);
  });

  it("groups 200,000 items into one group quickly (linear, not quadratic)", () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const started = performance.now();
    const groups = groupBy(items, () => "one");
    expect(groups.get("one")!.length).toBe(200_000);
    // The quadratic pattern needs minutes here; linear grouping takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("pushTo adds to an existing group in place", () => {
    const groups = new Map<string, number[]>();
    pushTo(groups, "a", 1);
    const first = groups.get("a");
    pushTo(groups, "a", 2);
    expect(groups.get("a")).toBe(first);
    expect(first).toEqual([1, 2]);
  });
});

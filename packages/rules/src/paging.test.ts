import { describe, expect, it } from "vitest";
import { pageOf, requestedPage } from "./paging";

describe("pageOf", () => {
  it.each([
    [0, 1, { page: 1, pages: 1, from: 0, to: 0, offset: 0 }],
    [120, 1, { page: 1, pages: 3, from: 1, to: 50, offset: 0 }],
    [120, 3, { page: 3, pages: 3, from: 101, to: 120, offset: 100 }],
    [120, 9, { page: 3, pages: 3, from: 101, to: 120, offset: 100 }],
    [120, "x", { page: 1, pages: 3, from: 1, to: 50, offset: 0 }],
    [120, -2, { page: 1, pages: 3, from: 1, to: 50, offset: 0 }],
  ])("%i rows, page %s", (total, page, expected) => {
    expect(pageOf(total, page)).toMatchObject(expected);
  });
  it("reads the URL parameter", () => {
    expect([requestedPage("2"), requestedPage(null), requestedPage("0"), requestedPage("abc")]).toEqual([2, 1, 1, 1]);
  });
});

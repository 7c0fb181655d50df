// The per-request memo (decision 019): parallel callers share one in-flight promise,
// a failure is not kept, and an action's reset makes the loaders after it look again.
import { describe, expect, it } from "vitest";
import { countStatement, createRequestContext, requestMemo, runInRequestContext } from "~/lib/request-context.server";

describe("request context", () => {
  it("starts fn once for parallel callers of the same key", async () => {
    const context = createRequestContext();
    let calls = 0;
    const fn = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return calls;
    };
    const results = await Promise.all([context.memo("a", fn), context.memo("a", fn), context.memo("a", fn)]);
    expect(results).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
    expect(await context.memo("b", fn)).toBe(2);
  });

  it("forgets a rejected promise, so the next caller tries again", async () => {
    const context = createRequestContext();
    await expect(context.memo("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await context.memo("k", async () => "up")).toBe("up");
  });

  it("looks again after reset", async () => {
    const context = createRequestContext();
    expect(await context.memo("k", async () => 1)).toBe(1);
    context.reset();
    expect(await context.memo("k", async () => 2)).toBe(2);
  });

  it("memoizes and counts only inside a request's scope", async () => {
    let calls = 0;
    const fn = async () => ++calls;
    await requestMemo("x", fn);
    await requestMemo("x", fn);
    expect(calls).toBe(2);
    countStatement("select 1"); // outside a request: counted nowhere, and no error
    const context = createRequestContext({ trace: true });
    await runInRequestContext(context, async () => {
      await requestMemo("x", fn);
      await Promise.resolve();
      await requestMemo("x", fn);
      countStatement("select 1");
    });
    expect(calls).toBe(3);
    expect(context.queries).toBe(1);
    expect(context.statements).toEqual(["select 1"]);
  });
});

import { describe, expect, it } from "vitest";
import { onboardingState, type OnboardingFacts } from "./onboarding";

// A cooperative just made through c.new: the founder (chair) and their own member record.
const fresh: OnboardingFacts = { boardPeople: 1, members: 1, finishedImports: 0, registrationTypeChanges: 0, contracts: 0, dismissed: false };
// Wij zijn KAS in the demo: a full board, 38 members, its own registration settings, three contracts.
const kas: OnboardingFacts = { boardPeople: 4, members: 38, finishedImports: 0, registrationTypeChanges: 2, contracts: 3, dismissed: false };

describe("onboardingState", () => {
  it.each([
    ["a new cooperative: nothing done, shown", fresh, [false, false, false, false], true],
    ["an invitation to the treasurer counts for the board", { ...fresh, boardPeople: 2 }, [true, false, false, false], true],
    ["one member added by hand counts as members in", { ...fresh, members: 2 }, [false, true, false, false], true],
    ["a finished import counts even if it added nobody new", { ...fresh, finishedImports: 1 }, [false, true, false, false], true],
    ["one registration type changed", { ...fresh, registrationTypeChanges: 1 }, [false, false, true, false], true],
    ["a first contract", { ...fresh, contracts: 1 }, [false, false, false, true], true],
    ["the demo's Wij zijn KAS: all done, not shown", kas, [true, true, true, true], false],
    ["dismissed with steps open: not shown, the ticks still true to the data", { ...fresh, contracts: 1, dismissed: true }, [false, false, false, true], false],
  ] as const)("%s", (_, facts, ticks, show) => {
    const state = onboardingState(facts);
    expect(state.steps.map((s) => s.step)).toEqual(["inviteBoard", "importMembers", "registrationTypes", "addContract"]);
    expect(state.steps.map((s) => s.done)).toEqual(ticks);
    expect(state.done).toBe(ticks.filter(Boolean).length);
    expect(state.show).toBe(show);
  });
});

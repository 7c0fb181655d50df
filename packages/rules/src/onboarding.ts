/**
 * The first steps of a new cooperative, each ticked from what the data shows (never a
 * stored "done" flag: a board that invites its treasurer by hand, or imports members
 * before opening the checklist, sees the step ticked all the same).
 */
export const ONBOARDING_STEPS = ["inviteBoard", "importMembers", "registrationTypes", "addContract"] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export type OnboardingFacts = {
  /** People in a board role, members and open invitations together, the founder included. */
  boardPeople: number;
  /** Member records, the founder's own included (made with the cooperative). */
  members: number;
  /** Member imports carried out. */
  finishedImports: number;
  /** Registration types added or changed by the cooperative (the built-in set is only a proposal). */
  registrationTypeChanges: number;
  contracts: number;
  /** The board put the checklist away. */
  dismissed: boolean;
};

export type OnboardingState = { steps: { step: OnboardingStep; done: boolean }[]; done: number; show: boolean };

const DONE: Record<OnboardingStep, (f: OnboardingFacts) => boolean> = {
  // A board is more than its founder: one more person in a board role, or asked to be.
  inviteBoard: (f) => f.boardPeople >= 2,
  importMembers: (f) => f.finishedImports > 0 || f.members >= 2,
  registrationTypes: (f) => f.registrationTypeChanges > 0,
  addContract: (f) => f.contracts > 0,
};

/** Each step with its tick, how many are done, and whether the checklist is shown (not dismissed, not complete). */
export function onboardingState(facts: OnboardingFacts): OnboardingState {
  const steps = ONBOARDING_STEPS.map((step) => ({ step, done: DONE[step](facts) }));
  const done = steps.filter((s) => s.done).length;
  return { steps, done, show: !facts.dismissed && done < steps.length };
}

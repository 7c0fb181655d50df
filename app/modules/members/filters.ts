// Without Zod: the member list shows these in the browser; the schemas that check
// them run on the server only (decision 027).
export const REGISTRATION_FILTERS = ["valid", "expiring", "expired", "missing", "unverified"] as const;

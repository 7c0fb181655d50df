// Without Zod: the contract list shows these in the browser; the schema that checks
// them runs on the server only (decision 027).
export const STATUS_FILTERS = ["running", "ended", "upcoming"] as const;

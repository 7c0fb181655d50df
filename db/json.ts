/**
 * A json column or json_agg result as the driver hands it: postgres.js and PGlite
 * parse it, some drivers give text. The modules that fold rows into one statement
 * (json_agg) read their lists through this.
 */
export const parsedJson = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

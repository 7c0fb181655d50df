export * from "./format";
export * from "./identifiers";
export * from "./permissions";
export * from "./members";
export * from "./registrations";

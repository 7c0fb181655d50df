export * from "./format";
export * from "./identifiers";
export * from "./permissions";
export * from "./member-import";
export * from "./members";
export * from "./registrations";

export * from "./audit";
export * from "./auth";
export * from "./organizations";
export * from "./outbox";
export * from "./members";
export * from "./contracts";
export * from "./attention";

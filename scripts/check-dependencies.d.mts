// Types for scripts/check-dependencies.mjs (plain JavaScript so CI runs it with node alone).
export const REMIX_MINIMUM: string;
export const REMIX_PACKAGES: Set<string>;
export function compareVersions(a: string, b: string): number;
export type Lockfile = { packages?: Record<string, { version?: string; link?: boolean }> };
export function remixVersionProblems(lock: Lockfile, minimum?: string): string[];
export type AuditReport = {
  error?: { code?: string; summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
  vulnerabilities?: Record<string, { name: string; severity: string; range?: string; via?: unknown[] }>;
  metadata?: unknown;
};
export function auditProblems(report: AuditReport): string[];

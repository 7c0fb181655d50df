import type { Action } from "@koepel/rules";
import { withSystem } from "~db/tenant";
import { audit } from "./audit.server";

export const ACCESS_REFUSED = "access.refused";

/**
 * Record that the guard turned a signed-in person away (ASVS 16.3.2: failed
 * authorization is logged). A refusal has no transaction of its own to join, so
 * it writes in one of its own. The cooperative's id is recorded only when the
 * person belongs to it (403); for a cooperative they do not belong to, or one
 * that does not exist (404), only the slug they asked for, so the log reveals
 * nothing of a cooperative to a board that is not its own.
 */
export async function auditRefusal(entry: {
  request: Request;
  userId: string;
  ip: string | null;
  slug: string | undefined;
  permission: Action;
  status: 403 | 404;
  organizationId: string | null;
}) {
  // Both come from the URL: bounded, so a refused request cannot flood the log.
  const path = new URL(entry.request.url).pathname.slice(0, 500);
  const slug = entry.slug?.slice(0, 100) ?? null;
  await withSystem((tx) =>
    audit(tx, {
      organizationId: entry.organizationId,
      actorUserId: entry.userId,
      action: ACCESS_REFUSED,
      entityType: "route",
      entityId: path,
      after: { status: entry.status, method: entry.request.method, path, permission: entry.permission, slug },
      ip: entry.ip,
    }),
  );
}

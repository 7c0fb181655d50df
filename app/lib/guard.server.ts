import { can, type Action, type Role } from "@koepel/rules";
import { redirect } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { memberships, organizations } from "~db/schema";
import { withSystem } from "~db/tenant";
import { auditRefusal } from "~/modules/audit/refused.server";
import type { ValidSession } from "~/modules/auth/sessions.server";
import { AppError } from "./errors";
import { clientIp } from "./route.server";
import { getAnySession, getSession } from "./session.server";

export type UserContext = { user: ValidSession["user"]; session: ValidSession; ip: string | null };

export type MemberContext = UserContext & {
  org: { id: string; slug: string; name: string; legalForm: string; kvkNumber: string; version: number };
  role: Role;
  membershipId: string;
  can: (action: Action) => boolean;
};

function loginRedirect(request: Request, path = "/login") {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? path : `${path}?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireUser(request: Request): Promise<UserContext> {
  const session = await getSession(request);
  if (!session) {
    // A session still waiting for its two-factor code is good for that step (and logout) only.
    const pending = await getAnySession(request);
    throw loginRedirect(request, pending ? "/login/two-factor" : "/login");
  }
  return { user: session.user, session, ip: clientIp(request) };
}

/**
 * The tenant guard. Resolves the cooperative from the URL together with the
 * user's membership; a cooperative the user does not belong to is "not found"
 * (404), so its existence is not revealed. A role without the action gets 403.
 */
export async function requireMember(request: Request, slug: string | undefined, action: Action): Promise<MemberContext> {
  const base = await requireUser(request);
  const found = slug
    ? await withSystem(async (tx) => {
        const [row] = await tx
          .select({ org: organizations, membership: memberships })
          .from(organizations)
          .innerJoin(memberships, and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, base.user.id)))
          .where(eq(organizations.slug, slug));
        return row;
      })
    : undefined;
  const refusal = { request, userId: base.user.id, ip: base.ip, slug, permission: action };
  if (!found) {
    await auditRefusal({ ...refusal, status: 404, organizationId: null });
    throw new AppError("not_found");
  }
  const role = found.membership.role;
  // The cooperative demands two-factor authentication of this role: set it up first.
  if (found.org.twoFactorRoles.includes(role) && !base.session.twoFactorEnabled) {
    throw redirect(`/account/two-factor?required=${encodeURIComponent(found.org.slug)}`);
  }
  if (!can(role, action)) {
    await auditRefusal({ ...refusal, status: 403, organizationId: found.org.id });
    throw new AppError("forbidden");
  }
  const { id, name, legalForm, kvkNumber, version } = found.org;
  return {
    ...base,
    org: { id, slug: found.org.slug, name, legalForm, kvkNumber, version },
    role,
    membershipId: found.membership.id,
    can: (a: Action) => can(role, a),
  };
}

import { can, type Action, type Role } from "@koepel/rules";
import { redirect } from "@remix-run/node";
import { auditRefusal } from "~/modules/audit/refused.server";
import type { ValidSession } from "~/modules/auth/sessions.server";
import { AppError } from "./errors";
import { clientIp } from "./route.server";
import { requestMemo } from "./request-context.server";
import { getAnySession, getSession, getSessionMemberships } from "./session.server";

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
 *
 * Every loader calls it (a parent loader cannot protect its children: they run in
 * parallel), but the session check and the membership lookup are one statement per
 * request, shared through the request context (getSessionMemberships); a refusal is
 * written once per request however many loaders are refused.
 */
export async function requireMember(request: Request, slug: string | undefined, action: Action): Promise<MemberContext> {
  const base = await requireUser(request);
  const found = slug ? (await getSessionMemberships(request)).find((m) => m.org.slug === slug) : undefined;
  const refusal = { request, userId: base.user.id, ip: base.ip, slug, permission: action };
  if (!found) {
    await requestMemo(`refused:404:${slug}`, () => auditRefusal({ ...refusal, status: 404, organizationId: null }));
    throw new AppError("not_found");
  }
  const role = found.role;
  // The cooperative demands two-factor authentication of this role: set it up first.
  if (found.org.twoFactorRoles.includes(role) && !base.session.twoFactorEnabled) {
    throw redirect(`/account/two-factor?required=${encodeURIComponent(found.org.slug)}`);
  }
  if (!can(role, action)) {
    await requestMemo(`refused:403:${slug}:${action}`, () => auditRefusal({ ...refusal, status: 403, organizationId: found.org.id }));
    throw new AppError("forbidden");
  }
  const { id, name, legalForm, kvkNumber, version } = found.org;
  return {
    ...base,
    org: { id, slug: found.org.slug, name, legalForm, kvkNumber, version },
    role,
    membershipId: found.membershipId,
    can: (a: Action) => can(role, a),
  };
}

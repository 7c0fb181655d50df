// Helpers for the member administration tests: people with a membership and the
// member record the app keeps beside it.
import type { Role } from "@koepel/rules";
import { eq } from "drizzle-orm";
import { memberStatusHistory, members } from "~db/schema";
import { withSystem } from "~db/tenant";
import { ensureMemberRecord } from "~/modules/members/members.server";
import * as memberPage from "~/routes/c.$org.members.$memberId._index";
import { addMember, createUser, post, type TestUser } from "./app";

/** A new account with a membership in `organizationId` and its member record. */
export async function addPerson(organizationId: string, role: Role, opts: { name?: string } = {}) {
  const user = await createUser({ name: opts.name });
  await addMember(organizationId, user.id, role);
  const member = await withSystem((tx) => ensureMemberRecord(tx, { organizationId, userId: user.id, role }));
  return { user, member };
}

export async function memberRow(id: string) {
  const [row] = await withSystem((tx) => tx.select().from(members).where(eq(members.id, id)));
  return row ?? null;
}

export async function historyOf(id: string) {
  return withSystem((tx) => tx.select().from(memberStatusHistory).where(eq(memberStatusHistory.memberId, id)).orderBy(memberStatusHistory.recordedAt));
}

/** Post one intent to a member's page as `who`. */
export const memberAction = (who: TestUser, slug: string, memberId: string, form: Record<string, string> | URLSearchParams) =>
  post(memberPage.action, `/c/${slug}/members/${memberId}`, form, { cookie: who.cookie, params: { org: slug, memberId } });

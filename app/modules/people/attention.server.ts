// Invitations on Vandaag: one not answered within a week (or expired unanswered)
// is for whoever may resend or revoke it, on the people page.
import { invitationUnanswered, todayInAmsterdam, type AttentionItem } from "@koepel/rules";
import { and, asc, eq, isNull } from "drizzle-orm";
import { invitations } from "~db/schema";
import type { AttentionScope } from "~/modules/attention/registry.server";

export async function invitationAttentionItems(scope: AttentionScope): Promise<AttentionItem[]> {
  if (!scope.may("people:invite")) return [];
  const rows = await scope.tx
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.organizationId, scope.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(asc(invitations.createdAt));
  const items: AttentionItem[] = [];
  for (const r of rows) {
    const sentOn = todayInAmsterdam(r.createdAt);
    if (!invitationUnanswered(sentOn, todayInAmsterdam(r.expiresAt), scope.today)) continue;
    items.push({
      key: `invitation:${r.id}`,
      kind: "invitation_open",
      severity: "info",
      dueOn: null,
      subject: r.email,
      params: { email: r.email, role: { t: `roles.${r.role}` }, date: { date: sentOn } },
      link: "/people",
      audience: { action: "people:invite" },
    });
  }
  return items;
}

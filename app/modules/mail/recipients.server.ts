import { BOARD_ROLES } from "@koepel/rules";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "~db/client";
import { memberships, users } from "~db/schema";
import { isLng, type Lng } from "~/i18n";

export type Recipient = { name: string; email: string; locale: Lng };

/** Everyone on the cooperative's board, each in their own language: who gets the board's mail. */
export async function boardRecipients(tx: Tx, orgId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ name: users.name, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, orgId), inArray(memberships.role, [...BOARD_ROLES])));
  return rows.map((r) => ({ name: r.name, email: r.email.toLowerCase(), locale: isLng(r.locale) ? r.locale : "nl" }));
}

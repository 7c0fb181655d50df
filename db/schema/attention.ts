import { date, index, pgTable, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

/**
 * One Vandaag digest per person per cooperative per day (issue 12): the unique key
 * is the never-twice guarantee, claimed in the same transaction as the mail.
 */
export const dailyDigests = pgTable(
  "daily_digests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("daily_digests_person_day_key").on(t.organizationId, t.userId, t.day), index("daily_digests_user_idx").on(t.userId)],
);

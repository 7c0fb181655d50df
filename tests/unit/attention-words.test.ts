// The words of Vandaag's items, which the page and the digest share: every kind has
// its words in both languages, and parameters come out in the reader's formats.
import { ATTENTION_KINDS, type AttentionItem } from "@koepel/rules";
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import i18nConfig, { resources } from "~/i18n";
import { kindText, paramText, reasonText } from "~/modules/attention/words";

async function translator(lng: "nl" | "en") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, resources, lng });
  return i18n.t;
}

describe("attention words", () => {
  it.each(["nl", "en"] as const)("every kind has a label and a reason in %s", async (lng) => {
    const t = await translator(lng);
    for (const kind of ATTENTION_KINDS) {
      expect(t(`today.kinds.${kind}`)).not.toBe(`today.kinds.${kind}`);
      expect(t(`today.reasons.${kind}`)).not.toBe(`today.reasons.${kind}`);
    }
  });

  it.each<["nl" | "en", string, string, string]>([
    ["nl", "01-02-2027", "€ 31.341,60", "12:30"],
    ["en", "01/02/2027", "€31,341.60", "12:30"],
  ])("formats dates, money and minutes for %s", async (lng, date, money, minutes) => {
    const t = await translator(lng);
    expect(paramText(t, { date: "2027-02-01" }, lng)).toBe(date);
    expect(paramText(t, { money: 3_134_160 }, lng).replace(/\s/g, " ")).toBe(money.replace(/\s/g, " "));
    expect(paramText(t, { minutes: 750 }, lng)).toBe(minutes);
  });

  it("words a member's trajectory with its hours and warnings in the page's and the mail's words", async () => {
    const t = await translator("nl");
    const item: AttentionItem = {
      key: "k",
      kind: "trajectory_own",
      severity: "warning",
      dueOn: "2026-12-05",
      subject: "IJ-2026-023",
      link: "/trajectories/x",
      audience: { memberId: "m" },
      params: {
        client: "IJ-2026-023",
        product: "Basis jeugd-GGZ",
        endsOn: { date: "2026-12-05" },
        usage: { t: "today.usage", params: { used: { minutes: 360 }, allowed: { minutes: 1200 } } },
        warnings: { list: [{ t: "trajectories.warnings.ending_soon", params: { endsOn: { date: "2026-12-05" }, days: 4 } }] },
      },
    };
    expect(reasonText(t, item, "nl")).toBe("Traject IJ-2026-023 (Basis jeugd-GGZ) loopt tot 05-12-2026. 6:00 van 20:00 uur gebruikt. Eindigt op 05-12-2026 (over 4 dagen)");
    expect(kindText(t, item)).toBe("Jouw traject");
  });
});

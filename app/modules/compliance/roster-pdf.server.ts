// The roster as a PDF for a tender: the cooperative, the date, its own registrations
// (HKZ), then every practitioner with disciplines, AGB codes, practices and
// registrations. pdfkit's built-in Helvetica covers Dutch (WinAnsi: ö, é, €).
import { formatDate } from "@koepel/rules";
import type { TFunction } from "i18next";
import PDFDocument from "pdfkit";
import type { Lng } from "~/i18n";
import { reasonWords, typeLabel } from "./reasons";
import type { Roster, RosterRegistration } from "./roster.server";

export function registrationLine(t: TFunction, r: RosterRegistration, lng: Lng): string {
  const parts = [typeLabel(t, r.type)];
  if (r.number) parts.push(t("roster.number", { number: r.number }));
  parts.push(t(`roster.verification.${r.verification}`));
  parts.push(r.validUntil ? t("roster.validUntil", { date: formatDate(r.validUntil, lng) }) : t("roster.noEnd"));
  return parts.join(" · ");
}

export async function renderRosterPdf(roster: Roster, t: TFunction, lng: Lng): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `${t("roster.title")}: ${roster.organization.name}`, Author: roster.organization.name, Subject: t("roster.title") },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.font("Helvetica-Bold").fontSize(18).text(roster.organization.name);
  doc.font("Helvetica").fontSize(11).fillColor("#334155");
  doc.text(t("roster.title"));
  if (roster.organization.kvkNumber) doc.text(t("roster.kvk", { number: roster.organization.kvkNumber }));
  doc.text(t("roster.date", { date: formatDate(roster.date, lng) }));
  if (roster.contract) doc.text(t("roster.forContract", { contract: roster.contract.name }));
  doc.moveDown();

  doc.fillColor("#000000").font("Helvetica-Bold").fontSize(13).text(t("roster.organizationRegistrations"));
  doc.font("Helvetica").fontSize(10);
  if (roster.organizationRegistrations.length === 0) doc.text(t("roster.none"));
  for (const r of roster.organizationRegistrations) doc.text(`• ${registrationLine(t, r, lng)}`);
  doc.moveDown();

  doc.font("Helvetica-Bold").fontSize(13).text(t("roster.practitioners", { count: roster.entries.length }));
  for (const e of roster.entries) {
    doc.moveDown(0.5);
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(11).fillColor("#000000").text(e.name, { continued: Boolean(e.eligibility) });
    if (e.eligibility) {
      doc.font("Helvetica").fillColor(e.eligibility.eligible ? "#166534" : "#b91c1c").text(`  ${e.eligibility.eligible ? t("eligibility.yes") : t("eligibility.no")}`);
      doc.fillColor("#000000");
    }
    doc.font("Helvetica").fontSize(10);
    doc.text(`${t(`memberTypes.${e.type}`)} · ${e.disciplines.map((d) => t(`disciplines.${d}`)).join(", ") || t("roster.noDisciplines")}`);
    doc.text(t("roster.personalAgb", { codes: e.personalAgb.join(", ") || "–" }));
    for (const p of e.practices) doc.text(t("roster.practice", { name: p.name, codes: p.businessAgb.join(", ") || "–" }));
    if (e.registrations.length === 0) doc.text(t("roster.none"));
    for (const r of e.registrations) doc.text(`• ${registrationLine(t, r, lng)}`);
    if (e.eligibility && !e.eligibility.eligible) {
      doc.fillColor("#b91c1c").text(e.eligibility.reasons.map((reason) => reasonWords(t, reason, roster.types, lng)).join("; "));
      doc.fillColor("#000000");
    }
  }
  doc.end();
  return done;
}

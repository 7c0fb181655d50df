import { formatDateTime } from "@koepel/rules";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, Card } from "~/components/ui/form";
import { env } from "~/lib/env.server";
import { AppError } from "~/lib/errors";
import { handler } from "~/lib/route.server";
import { listDevMailbox } from "~/modules/mail/outbox.server";
import type { RootData } from "~/root";
import { access } from "~/lib/access";
import { page } from "~/modules/shell/page";

export const handle = { ...access({ loader: "public" }), ...page({ title: "devMail.title" }) };

// Mail sent without SMTP lands here, so a local run and the tests can follow links.
// Absent in production and whenever SMTP_URL is set.
export const loader = handler(async ({ request }: LoaderFunctionArgs) => {
  if (!env.devMailbox) throw new AppError("not_found");
  // Only the newest 100 are listed; ?to= shows one person's mail however busy the box is.
  const to = new URL(request.url).searchParams.get("to")?.trim() || null;
  const messages = await listDevMailbox({ to });
  return { to, messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
});

export default function DevMail() {
  const { t } = useTranslation();
  const lng = useRouteLoaderData<RootData>("root")?.locale ?? "nl";
  const { to, messages } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("devMail.title")}</h1>
      <p className="text-sm text-slate-600">{t("devMail.intro")}</p>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium">{t("devMail.filterTo")}</span>
          <input type="email" name="to" defaultValue={to ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <Button type="submit" variant="secondary">
          {t("devMail.show")}
        </Button>
      </Form>
      {messages.length === 0 ? <p>{t("devMail.empty")}</p> : null}
      {messages.map((m) => (
        <Card key={m.id}>
          <article data-testid="mail" data-to={m.to}>
            <p className="text-sm text-slate-500">
              {formatDateTime(new Date(m.createdAt), lng)} · {t("devMail.to")} <span data-testid="mail-to">{m.to}</span>
              {m.status === "pending" ? ` · ${t("devMail.pending")}` : ""}
            </p>
            <h2 className="mt-1 font-semibold">{m.subject}</h2>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">
              {m.text.split(/(https?:\/\/\S+)/g).map((part, i) =>
                /^https?:\/\//.test(part) ? (
                  <a key={i} href={part} className="text-teal-800 underline">
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </pre>
          </article>
        </Card>
      ))}
    </div>
  );
}

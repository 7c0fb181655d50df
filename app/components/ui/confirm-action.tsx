import { Form, Link, useLocation, useSubmit, type FormProps } from "@remix-run/react";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

// The dialog (Radix, with its focus trap) is fetched when someone is about to use a
// destructive form, not with the page: it kept pages over the first-load budget
// (decision 027). The form itself, and the confirmation without JavaScript, need none of it.
const loadDialog = () => import("./dialog");
const ConfirmDialog = lazy(() => loadDialog().then((m) => ({ default: m.ConfirmDialog })));

/** What a destructive action answers instead of acting when `confirmed` is missing (lib/route.server.ts submitForm). */
export type PendingConfirmation = { intent: string; fields: [string, string][] };

/** The question: a title, what will happen (in words, with the name of who or what), and the "Ja, …" label. */
export type ConfirmText = { title: string; text: string; yes: string };

/**
 * A form whose submission is destructive. With JavaScript, submitting opens a
 * dialog that names the consequence; "Ja, …" posts the same fields (and the
 * pressed button's intent) with `confirmed=1`. Without JavaScript the form posts
 * without `confirmed`, the server writes nothing and answers with the question,
 * which the page shows as a confirmation section (ConfirmPanel).
 */
export function ConfirmForm({
  confirm,
  children,
  ...props
}: Omit<FormProps, "method" | "onSubmit"> & { confirm: ConfirmText | ((data: FormData) => ConfirmText) }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [open, setOpen] = useState(false);
  const [words, setWords] = useState<ConfirmText>(typeof confirm === "function" ? { title: "", text: "", yes: "" } : confirm);
  const form = useRef<HTMLFormElement>(null);
  const submitter = useRef<HTMLElement | null>(null);
  const [wanted, setWanted] = useState(false);
  // Fetched as soon as a pointer or the keyboard comes near the form, so the question opens at once.
  const prefetch = () => void loadDialog();
  return (
    <>
      <Form
        {...props}
        ref={form}
        method="post"
        onPointerEnter={prefetch}
        onFocus={prefetch}
        onSubmit={(event) => {
          event.preventDefault();
          submitter.current = (event.nativeEvent as SubmitEvent).submitter;
          // Words that depend on what was typed (a date) are read when the question is asked.
          setWords(typeof confirm === "function" ? confirm(new FormData(event.currentTarget)) : confirm);
          setWanted(true);
          setOpen(true);
        }}
      >
        {children}
      </Form>
      {wanted ? (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={open}
            onOpenChange={setOpen}
            title={words.title}
            text={words.text}
            yes={words.yes}
            no={t("ui.confirm.cancel")}
            onConfirm={() => {
              if (!form.current) return;
              const data = new FormData(form.current, submitter.current ?? undefined);
              data.set("confirmed", "1");
              submit(data, { method: "post", action: props.action, encType: props.encType, preventScrollReset: props.preventScrollReset });
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}

/**
 * The confirmation page without JavaScript: shown where the action answered
 * with a pending confirmation. It names the consequence, says nothing has
 * changed yet, and re-posts the same fields with `confirmed=1`; "Nee, terug"
 * reloads the page as it was.
 */
export function ConfirmPanel({ pending, text }: { pending: PendingConfirmation | null | undefined; text: (pending: PendingConfirmation) => ConfirmText | undefined }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (!pending) return null;
  const words = text(pending);
  if (!words) return null;
  return (
    <section aria-labelledby="confirm-title" className="rounded-lg border-2 border-red-300 bg-white p-6 shadow-sm" data-testid="confirm-panel">
      <h2 id="confirm-title" className="text-lg font-semibold text-slate-900">
        {words.title}
      </h2>
      <p className="mt-2 text-sm text-slate-800">{words.text}</p>
      <p className="mt-1 text-sm text-slate-600">{t("ui.confirm.pageIntro")}</p>
      <Form method="post" className="mt-4 flex flex-wrap items-center gap-3">
        {pending.fields.map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirmed" value="1" />
        <button
          type="submit"
          className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600 focus-visible:ring-offset-2"
        >
          {words.yes}
        </button>
        <Link to={location.pathname + location.search} className="text-sm text-teal-800 underline">
          {t("ui.confirm.cancel")}
        </Link>
      </Form>
    </section>
  );
}

/** The value of one field of a pending confirmation (which AGB code, which person). */
export const pendingField = (pending: PendingConfirmation, name: string) => pending.fields.find(([n]) => n === name)?.[1];

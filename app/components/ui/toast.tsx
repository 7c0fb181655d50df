import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

type ToastData = { key: string; params?: Record<string, string | number> };

/**
 * The "saved" message after a redirect (lib/toast.server.ts). Rendered by the
 * server, so it shows without JavaScript too (until the next page); with
 * JavaScript it can be closed and leaves by itself after a few seconds. The text
 * is a live region (role="status"), so screen readers announce it without moving
 * focus; the close button stays outside it.
 * Not Radix's Toast: that renders only in the browser, so without JavaScript the
 * message would never appear.
 */
export function Toast({ toast }: { toast: ToastData }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  // A new toast (the next save) opens again.
  useEffect(() => {
    setOpen(true);
    const timer = setTimeout(() => setOpen(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!open) return null;
  return (
    <div className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex justify-end sm:left-auto sm:right-6">
      <div
        className="pointer-events-auto flex w-full items-start gap-3 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 shadow-lg sm:w-96"
      >
        <CheckIcon />
        <p className="flex-1" role="status" data-testid="toast">
          {t(toast.key, toast.params)}
        </p>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded px-1 text-green-900 hover:bg-green-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600"
          aria-label={t("ui.toast.close")}
        >
          ×
        </button>
      </div>
    </div>
  );
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M4 10.5l4 4 8-9" />
    </svg>
  );
}

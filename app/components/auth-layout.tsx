import type { ReactNode } from "react";

/** The narrow, centred page used by sign-up, login and the links sent by email. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto mt-12 max-w-md px-4">
      <h1 className="mb-6 text-2xl font-semibold text-slate-900">{title}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
    </div>
  );
}

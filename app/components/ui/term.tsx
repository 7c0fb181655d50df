import { Tooltip } from "radix-ui";
import { useTranslation } from "react-i18next";

export type TermName = "committed" | "deployable" | "signal";

/**
 * A word of the trade with its explanation (Toegezegd, Inzetbaar, Signaal). The
 * word is a button, so it is reached with Tab and the explanation opens on focus
 * as well as on hover (Radix Tooltip); the explanation is also the button's
 * accessible description, so a screen reader reads it without the tooltip, and
 * without JavaScript it is the title.
 */
export function Term({ name, children }: { name: TermName; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const label = children ?? t(`ui.terms.${name}.label`);
  const text = t(`ui.terms.${name}.text`);
  const id = `term-${name}`;
  return (
    <Tooltip.Provider delayDuration={200}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <button type="button" className="cursor-help border-b border-dotted border-slate-500 text-inherit focus:outline-none focus-visible:ring-2 focus-visible:ring-teal-600" aria-describedby={id} title={text}>
            {label}
          </button>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content sideOffset={4} className="z-50 max-w-xs rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg">
            {text}
            <Tooltip.Arrow className="fill-slate-900" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
      <span id={id} className="sr-only">
        {text}
      </span>
    </Tooltip.Provider>
  );
}

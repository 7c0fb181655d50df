import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";

/**
 * Every form's client side: the same Zod schema the server uses, checked when a
 * field is left. Once a field shows an error it is checked again on every
 * keystroke, so the message is gone before the person reaches the button; were
 * it removed on blur instead, the button would jump up under the pointer and the
 * click would miss.
 */
export function useSchemaForm<S extends z.ZodTypeAny>(
  schema: S,
  options: { lastResult?: SubmissionResult<string[]> | null; defaultValue?: Partial<Record<keyof z.input<S>, string>>; id?: string },
) {
  return useForm<z.input<S>>({
    ...options,
    defaultValue: options.defaultValue as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
}

/**
 * `useForm`: the state machine behind every dashboard form. It validates in
 * the browser with the same zod schema the API uses (on submit, and on blur
 * once a field has content), sends only valid input, and maps the API's
 * rejections back onto the fields (`error.details.fields`) or into one alert.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { z } from "zod";
import type { ApiError, ApiResult } from "./api.ts";

type Errors<K extends string> = Partial<Record<K, string>>;

/** What a `<Field>` needs from the form for one input. */
export interface FieldBinding {
  id: string;
  name: string;
  value: string;
  error?: string;
  onInput: (e: Event) => void;
  onBlur: () => void;
}

/** Options of {@linkcode useForm}. */
export interface FormOptions<K extends string, T> {
  /** Prefix of the input ids, unique on the page. */
  id: string;
  initial: Record<K, string>;
  schema: z.ZodType<T>;
  /** Values -> what the schema parses (default: the values as they are). */
  toInput?: (values: Record<K, string>) => unknown;
  /** Rules the schema cannot express (e.g. a field required only here). */
  check?: (values: Record<K, string>) => Errors<K>;
  /** Sends the parsed data. */
  send: (data: T) => Promise<ApiResult<unknown>>;
  /** Called after a 2xx answer; return `"navigating"` (see {@linkcode navigate}) to keep the form busy. */
  onSuccess: (data: unknown, values: Record<K, string>) => void | "navigating";
}

/** Leaves the page for `url` (a same-site path from the server); tells `useForm` to stay busy. */
export function navigate(url: string): "navigating" {
  location.assign(url);
  return "navigating";
}

/** First message per top-level field of a zod error. */
function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Form state and handlers; see the module doc. */
export function useForm<K extends string, T>(opts: FormOptions<K, T>) {
  const [values, setValues] = useState(opts.initial);
  const [errors, setErrors] = useState<Errors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  // Submit buttons stay disabled until hydration so nothing is sent before validation runs.
  const [ready, setReady] = useState(false);
  // Fields the server refused: their message stays until their value changes (the browser can't re-check it).
  const fromServer = useRef(new Set<K>());
  const keys = Object.keys(opts.initial) as K[];
  const inputId = (k: K) => `${opts.id}-${k}`;
  useEffect(() => {
    // What a person typed into the server-rendered form before it hydrated is theirs: keep it.
    const typed: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const el = document.getElementById(inputId(k)) as HTMLInputElement | null;
      if (el && typeof el.value === "string" && el.value !== opts.initial[k]) typed[k] = el.value;
    }
    if (Object.keys(typed).length) setValues((v) => ({ ...v, ...typed }));
    setReady(true);
  }, []);

  function validate(v: Record<K, string>): { data?: T; errors: Errors<K> } {
    const parsed = opts.schema.safeParse(opts.toInput ? opts.toInput(v) : v);
    const errs = { ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...opts.check?.(v) } as Errors<K>;
    for (const k of Object.keys(errs)) if (!keys.includes(k as K)) delete errs[k as K];
    return { data: parsed.success ? parsed.data : undefined, errors: errs };
  }

  function focusFirst(errs: Errors<K>) {
    const first = keys.find((k) => errs[k]);
    if (first) setTimeout(() => document.getElementById(inputId(first))?.focus(), 0);
  }

  function field(k: K): FieldBinding {
    return {
      id: inputId(k),
      name: k,
      value: values[k],
      error: errors[k],
      onInput: (e) => {
        fromServer.current.delete(k);
        const next = { ...values, [k]: (e.currentTarget as HTMLInputElement).value };
        setValues(next);
        if (errors[k]) setErrors({ ...errors, [k]: validate(next).errors[k] });
      },
      onBlur: () => {
        // Clearing a server's message on blur would also move what was being clicked (Cancel) from under the pointer.
        if ((!submitted && values[k] === "") || fromServer.current.has(k)) return;
        setErrors({ ...errors, [k]: validate(values).errors[k] });
      },
    };
  }

  function showServerError(error: ApiError) {
    const mapped: Errors<K> = {};
    for (const k of keys) if (error.fields[k]) mapped[k] = error.fields[k];
    fromServer.current = new Set(Object.keys(mapped) as K[]);
    setErrors(mapped);
    setFormError(Object.keys(mapped).length ? null : error.message);
    focusFirst(mapped);
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setFormError(null);
    fromServer.current.clear();
    const { data, errors: errs } = validate(values);
    setErrors(errs);
    if (Object.keys(errs).length || data === undefined) return focusFirst(errs);
    setBusy(true);
    const result = await opts.send(data);
    if (result.ok) {
      if (opts.onSuccess(result.data, values) !== "navigating") setBusy(false);
      return;
    }
    setBusy(false);
    showServerError(result.error);
  }

  const errorCount = keys.filter((k) => errors[k]).length;
  return { values, setValues, errors, errorCount, formError, busy, ready, field, onSubmit };
}

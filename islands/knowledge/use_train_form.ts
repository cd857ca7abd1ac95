/**
 * `useTrainForm`: what the add-knowledge forms that post JSON (text, website)
 * share: validation with the API's `trainSchema`, `POST /api/agents/:id/train`,
 * and after it the new source handed up, named in a success note, and the
 * form emptied for the next one.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { trainSchema } from "../../models/agents/agent_schemas.ts";
import type { SourceJson } from "../shared/agent_types.ts";
import { api } from "../shared/api.ts";
import { useForm } from "../shared/use_form.ts";

/** Props of the add-knowledge forms. */
export interface AddFormProps {
  /** `/api/agents/:id`. */
  base: string;
  onAdded: (source: SourceJson) => void;
}

/** Options of {@linkcode useTrainForm}. */
export interface TrainFormOptions<K extends string> extends AddFormProps {
  /** Prefix of the input ids. */
  id: string;
  /** The empty form (and what it returns to once a source is added). */
  initial: Record<K, string>;
  /** Values -> the train request. */
  toInput: (values: Record<K, string>) => unknown;
  /** Rules the schema cannot express. */
  check?: (values: Record<K, string>) => Partial<Record<K, string>>;
  /** How the success note names the new source. */
  name: (source: SourceJson) => string;
}

/** The form, and the name of the source just added (null before, or once another is sent). */
export function useTrainForm<K extends string>(o: TrainFormOptions<K>) {
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm({
    id: o.id,
    initial: o.initial,
    schema: trainSchema,
    toInput: o.toInput,
    check: o.check,
    send: (data) => {
      setAdded(null);
      return api<{ source: SourceJson }>("POST", `${o.base}/train`, data);
    },
    onSuccess: (data) => {
      const source = (data as { source: SourceJson }).source;
      o.onAdded(source);
      setAdded(o.name(source));
      form.setValues(o.initial);
    },
  });
  return { form, added };
}

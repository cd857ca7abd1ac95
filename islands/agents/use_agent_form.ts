/**
 * The agent editor's state: the draft, per-field errors (validated on
 * submit, on blur once a field has content, and again while an error is
 * shown), the server's rejection, and saving with `POST /api/agents` or
 * `PUT /api/agents/:id`.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import type { AgentFieldsJson, AgentJson } from "../shared/agent_types.ts";
import { api } from "../shared/api.ts";
import {
  type AgentDraft,
  type DraftErrors,
  type DraftKey,
  draftOf,
  FIELD_ORDER,
  serverErrors,
  validateDraft,
} from "./agent_form.ts";

/** Options of {@linkcode useAgentForm}. */
export interface AgentFormOptions {
  initial: AgentFieldsJson;
  /** The agent being edited; absent for a new one. */
  agentId?: string;
  /** After a create: where to go (the page keeps the form busy). */
  onCreated: (agent: AgentJson) => void;
  /**
   * After an update that changed what the page header shows (name, description,
   * provider, on/off): reload so it is current. Other saves stay in place.
   */
  onHeaderChanged: (agent: AgentJson) => void;
}

/** Keys whose inputs hold text. */
export type TextKey = { [K in DraftKey]: AgentDraft[K] extends string ? K : never }[DraftKey];

/** The agent's fields the server-rendered page header shows. */
const HEADER_FIELDS = ["name", "description", "provider", "isActive"] as const;

/** Element id of a field's input. */
export const inputId = (k: DraftKey) => `agent-${k}`;

/** Form state and handlers of the agent editor. */
export function useAgentForm(opts: AgentFormOptions) {
  const mode = opts.agentId ? "update" : "create";
  const [draft, setDraft] = useState<AgentDraft>(() => draftOf(opts.initial));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  function focusFirst(errs: DraftErrors) {
    const first = FIELD_ORDER.find((k) => errs[k]);
    if (first) setTimeout(() => document.getElementById(inputId(first))?.focus(), 0);
  }

  function set<K extends DraftKey>(k: K, value: AgentDraft[K]) {
    const next = { ...draft, [k]: value };
    setDraft(next);
    setSaved(false);
    if (errors[k]) setErrors({ ...errors, [k]: validateDraft(next, mode).errors[k] });
  }

  /** Props for a text input, select or range bound to `k`. */
  function bind(k: TextKey) {
    return {
      id: inputId(k),
      name: k,
      value: draft[k] as string,
      error: errors[k],
      onInput: (e: Event) => set(k, (e.currentTarget as HTMLInputElement).value as AgentDraft[typeof k]),
      onBlur: () => {
        if (!submitted && draft[k] === "") return;
        setErrors({ ...errors, [k]: validateDraft(draft, mode).errors[k] });
      },
    };
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setFormError(null);
    setSaved(false);
    const { data, errors: errs } = validateDraft(draft, mode);
    setErrors(errs);
    if (!data) return focusFirst(errs);
    setBusy(true);
    const res = opts.agentId
      ? await api<{ agent: AgentJson }>("PUT", `/api/agents/${encodeURIComponent(opts.agentId)}`, data)
      : await api<{ agent: AgentJson }>("POST", "/api/agents", data);
    if (!res.ok) {
      setBusy(false);
      const mapped = serverErrors(res.error.fields);
      setErrors(mapped);
      setFormError(Object.keys(mapped).length ? null : res.error.message);
      return focusFirst(mapped);
    }
    const agent = res.data.agent;
    if (!opts.agentId) return opts.onCreated(agent);
    const before = opts.initial;
    if (HEADER_FIELDS.some((k) => agent[k] !== before[k])) return opts.onHeaderChanged(agent);
    setBusy(false);
    setDraft(draftOf(agent));
    setSaved(true);
  }

  const errorCount = FIELD_ORDER.filter((k) => errors[k]).length;
  return { draft, errors, errorCount, formError, saved, busy, ready, set, bind, onSubmit };
}

/** What {@linkcode useAgentForm} returns. */
export type AgentForm = ReturnType<typeof useAgentForm>;

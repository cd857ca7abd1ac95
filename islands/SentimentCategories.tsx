/**
 * Settings → Sentiment and categories: the workspace's sentiment rule (`PUT /api/settings/sentiment`:
 * threshold, priority to raise to, immediate handoff) and its categories (`/api/categories`: name,
 * description, one example phrase per line), which auto-tag new conversations and tickets. Counter-examples
 * come from staff removing a category's tag from a ticket; they are shown, not edited.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useState } from "preact/hooks";
import { api } from "./shared/api.ts";

/** The rule as the API sends it. */
export interface SentimentRuleProps {
  threshold: number;
  raisePriority: "low" | "medium" | "high" | "urgent" | null;
  handoff: boolean;
  byProvider: boolean;
}
/** A category as the API sends it (the fields this form uses). */
export interface CategoryProps {
  id: string;
  name: string;
  description: string;
  examples: string[];
  counterExamples: string[];
}

/** Props of {@linkcode SentimentCategories}. */
export interface SentimentCategoriesProps {
  rule: SentimentRuleProps;
  categories: CategoryProps[];
  admin: boolean;
}

/** A checkbox with its label beside it, as the rule's two switches are laid out. */
function Checkbox(
  { id, class: cls, checked, onChange, children }: {
    id: string;
    class: string;
    checked: boolean;
    onChange: (checked: boolean) => void;
    children: ComponentChildren;
  },
) {
  return (
    <label class={`field-label flex items-start gap-2 ${cls}`}>
      <input
        id={id}
        type="checkbox"
        class="mt-1 size-4"
        checked={checked}
        onChange={(e) => onChange((e.target as HTMLInputElement).checked)}
      />
      <span>{children}</span>
    </label>
  );
}

function RuleForm({ rule: initial, admin, ready }: { rule: SentimentRuleProps; admin: boolean; ready: boolean }) {
  const [rule, setRule] = useState(initial);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  async function save(e: Event) {
    e.preventDefault();
    setStatus("");
    setError("");
    const res = await api<SentimentRuleProps>("PUT", "/api/settings/sentiment", rule);
    if (!res.ok) return setError(res.error.message);
    setRule(res.data);
    setStatus("Sentiment rule saved.");
  }
  return (
    <form class="card px-5 py-4 sm:px-6" aria-label="Sentiment rule" onSubmit={save}>
      <fieldset disabled={!admin} class="grid gap-4 sm:grid-cols-3">
        <legend class="sr-only">When a customer's message is strongly negative</legend>
        <label class="field-label">
          Strongly negative at or below
          <input
            id="sentiment-threshold"
            class="field-input mt-1"
            type="number"
            min={-1}
            max={0}
            step={0.05}
            value={rule.threshold}
            onInput={(e) => setRule({ ...rule, threshold: Number((e.target as HTMLInputElement).value) })}
          />
          <span class="mt-1 block text-xs font-normal text-slate-500">From -1 (furious) to 0 (neutral).</span>
        </label>
        <label class="field-label">
          Raise the ticket's priority to
          <select
            id="sentiment-priority"
            class="field-input mt-1"
            value={rule.raisePriority ?? ""}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              setRule({ ...rule, raisePriority: v ? v as SentimentRuleProps["raisePriority"] : null });
            }}
          >
            <option value="">Leave it</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
            <option value="urgent">Urgent</option>
          </select>
        </label>
        <Checkbox
          id="sentiment-handoff"
          class="sm:mt-6"
          checked={rule.handoff}
          onChange={(handoff) => setRule({ ...rule, handoff })}
        >
          Hand the conversation to a person at once
        </Checkbox>
        <Checkbox
          id="sentiment-by-provider"
          class="sm:col-span-full"
          checked={rule.byProvider}
          onChange={(byProvider) => setRule({ ...rule, byProvider })}
        >
          Let the agent's AI provider score each customer message too (OpenAI, Anthropic, Lyzr: one small request per
          message; the offline lexicon scores first and whenever the provider can't)
        </Checkbox>
      </fieldset>
      {admin
        ? (
          <div class="mt-4 flex items-center gap-3">
            <button type="submit" class="btn-primary" disabled={!ready}>Save rule</button>
            <p role="status" class="text-sm font-medium text-emerald-700">{status}</p>
            {error && <p role="alert" class="text-sm text-red-700">{error}</p>}
          </div>
        )
        : <p class="mt-3 text-sm text-slate-600">Only admins can change the rule.</p>}
    </form>
  );
}

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

function CategoryForm(
  { initial, ready, onSaved, onCancel }: {
    initial?: CategoryProps;
    ready: boolean;
    onSaved: (c: CategoryProps) => void;
    onCancel?: () => void;
  },
) {
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [examples, setExamples] = useState((initial?.examples ?? []).join("\n"));
  const [error, setError] = useState("");
  const key = initial?.id ?? "new";
  async function save(e: Event) {
    e.preventDefault();
    setError("");
    const body = { name, description, examples: lines(examples) };
    const res = initial
      ? await api<{ category: CategoryProps }>("PUT", `/api/categories/${initial.id}`, body)
      : await api<{ category: CategoryProps }>("POST", "/api/categories", body);
    if (!res.ok) return setError(res.error.message);
    onSaved(res.data.category);
    if (!initial) (setName(""), setDescription(""), setExamples(""));
  }
  return (
    <form
      class="grid gap-3 px-5 py-4 sm:px-6"
      aria-label={initial ? `Edit category ${initial.name}` : "New category"}
      onSubmit={save}
    >
      <div class="grid gap-3 sm:grid-cols-2">
        <label class="field-label" for={`cat-name-${key}`}>
          Name (the ticket tag)
          <input
            id={`cat-name-${key}`}
            class="field-input mt-1"
            required
            maxLength={40}
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field-label" for={`cat-desc-${key}`}>
          Description
          <input
            id={`cat-desc-${key}`}
            class="field-input mt-1"
            value={description}
            onInput={(e) => setDescription((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <label class="field-label" for={`cat-examples-${key}`}>
        Example messages, one per line
        <textarea
          id={`cat-examples-${key}`}
          class="field-input mt-1 min-h-20"
          value={examples}
          onInput={(e) => setExamples((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      {error && <p role="alert" class="text-sm text-red-700">{error}</p>}
      <div class="flex gap-2">
        <button type="submit" class="btn-primary" disabled={!ready}>
          {initial ? "Save category" : "Add category"}
        </button>
        {onCancel && <button type="button" class="btn-secondary" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}

/** The rule and the categories. */
export default function SentimentCategories(props: SentimentCategoriesProps) {
  const [categories, setCategories] = useState(props.categories);
  const [editing, setEditing] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useLayoutEffect(() => setReady(true), []);
  const upsert = (c: CategoryProps) =>
    setCategories((list) => [...list.filter((x) => x.id !== c.id), c].sort((a, b) => a.name.localeCompare(b.name)));
  async function remove(c: CategoryProps) {
    const res = await api("DELETE", `/api/categories/${c.id}`);
    if (res.ok) setCategories((list) => list.filter((x) => x.id !== c.id));
  }
  return (
    <div class="grid gap-6">
      <RuleForm rule={props.rule} admin={props.admin} ready={ready} />
      <div class="card divide-y divide-slate-100" aria-label="Categories" role="region">
        {categories.length === 0 && (
          <p class="px-5 py-4 text-sm text-slate-600 sm:px-6">
            No categories yet. Add one with a few example messages: new conversations and tickets that read like them
            are tagged with it.
          </p>
        )}
        {categories.map((c) =>
          editing === c.id
            ? (
              <CategoryForm
                key={c.id}
                initial={c}
                ready={ready}
                onSaved={(saved) => (upsert(saved), setEditing(null))}
                onCancel={() => setEditing(null)}
              />
            )
            : (
              <div
                key={c.id}
                class="flex flex-col gap-2 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6"
              >
                <div class="min-w-0">
                  <p class="text-sm font-semibold text-slate-900">{c.name}</p>
                  {c.description && <p class="text-sm text-slate-600">{c.description}</p>}
                  <p class="mt-1 text-xs text-slate-500">
                    {c.examples.length} example{c.examples.length === 1 ? "" : "s"}
                    {c.counterExamples.length ? `, ${c.counterExamples.length} corrected away` : ""}
                  </p>
                </div>
                <div class="flex shrink-0 gap-2">
                  <button type="button" class="btn-secondary px-2.5 py-1.5" onClick={() => setEditing(c.id)}>
                    Edit<span class="sr-only">{c.name}</span>
                  </button>
                  <button
                    type="button"
                    class="btn-ghost px-2.5 py-1.5 text-red-700 hover:bg-red-50 hover:text-red-800"
                    onClick={() => remove(c)}
                  >
                    Delete<span class="sr-only">{c.name}</span>
                  </button>
                </div>
              </div>
            )
        )}
        <CategoryForm ready={ready} onSaved={upsert} />
      </div>
    </div>
  );
}

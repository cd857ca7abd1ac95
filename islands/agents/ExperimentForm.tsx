/**
 * The form that creates an experiment on an agent: A is the agent as it is, B its changed instructions, model,
 * temperature or provider, and the share of customers who get B. Part of `islands/AgentExperiments.tsx`.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { PROVIDER_INFO, PROVIDER_ORDER } from "../../components/providers.ts";
import type { ExperimentJson } from "../../models/experiments/wire.ts";
import { api } from "../shared/api.ts";

/** The agent's current settings, to start variant B from. */
export interface AgentSettings {
  prompt: string;
  model: string;
  temperature: number;
  provider: string;
}

/** A text or number input inside its label, as the form's fields are laid out; `onValue` gets what is typed. */
function LabelledInput(
  { id, label, type, onValue, ...input }: {
    id: string;
    label: string;
    value: string;
    onValue: (value: string) => void;
    maxLength?: number;
    placeholder?: string;
    type?: "number";
    min?: number;
    max?: number;
    step?: number;
  },
) {
  return (
    <label class="field-label" for={id}>
      {label}
      <input
        id={id}
        class="field-input mt-1"
        // Preact 11 types narrow <input> props by a literal `type`; text and number share these props.
        type={(type ?? "text") as "text"}
        {...input}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

/** Creates an experiment; `onCreated` gets it. */
export function CreateForm(
  { agentId, agent, ready, onCreated }: {
    agentId: string;
    agent: AgentSettings;
    ready: boolean;
    onCreated: (e: ExperimentJson) => void;
  },
) {
  const [name, setName] = useState("");
  const [split, setSplit] = useState(50);
  const [prompt, setPrompt] = useState(agent.prompt);
  const [model, setModel] = useState(agent.model);
  const [temperature, setTemperature] = useState(String(agent.temperature));
  const [provider, setProvider] = useState(agent.provider);
  const [error, setError] = useState("");
  async function create(e: Event) {
    e.preventDefault();
    setError("");
    // Only what differs from the agent is an override: variant B changes nothing else.
    const b: Record<string, unknown> = { name: "Challenger", weight: split };
    if (prompt !== agent.prompt) b.prompt = prompt;
    if (model.trim() !== agent.model) b.model = model.trim();
    if (Number(temperature) !== agent.temperature) b.temperature = Number(temperature);
    if (provider !== agent.provider) b.provider = provider;
    const res = await api<{ experiment: ExperimentJson }>(
      "POST",
      `/api/agents/${encodeURIComponent(agentId)}/experiments`,
      { name: name.trim() || "A/B test", variants: [{ name: "Control", weight: 100 - split }, b] },
    );
    if (!res.ok) {
      const fields = Object.values(res.error.fields);
      return setError(fields.length ? `${res.error.message} ${fields.join(" ")}` : res.error.message);
    }
    onCreated(res.data.experiment);
    setName("");
  }
  return (
    <form class="space-y-4 border-t border-slate-100 pt-5" aria-label="New experiment" onSubmit={create}>
      <h3 class="font-medium text-slate-900">New experiment</h3>
      <div class="grid gap-4 sm:grid-cols-2">
        <LabelledInput
          id="exp-name"
          label="Name"
          maxLength={100}
          placeholder="e.g. Shorter instructions"
          value={name}
          onValue={setName}
        />
        <label class="field-label" for="exp-split">
          Customers who get B: {split}%
          <input
            id="exp-split"
            class="mt-3 w-full accent-indigo-600"
            type="range"
            min={5}
            max={95}
            step={5}
            value={split}
            onInput={(e) => setSplit(Number((e.target as HTMLInputElement).value))}
          />
        </label>
      </div>
      <p class="text-sm text-slate-600">
        A is the agent as it is. B answers with the settings below; each customer keeps the same variant.
      </p>
      <div class="grid gap-4 sm:grid-cols-3">
        <label class="field-label" for="exp-provider">
          B: AI provider
          <select
            id="exp-provider"
            class="field-input mt-1"
            value={provider}
            onChange={(e) => setProvider((e.target as HTMLSelectElement).value)}
          >
            {PROVIDER_ORDER.map((p) => <option key={p} value={p}>{PROVIDER_INFO[p].label}</option>)}
          </select>
        </label>
        <LabelledInput id="exp-model" label="B: Model" maxLength={100} value={model} onValue={setModel} />
        <LabelledInput
          id="exp-temperature"
          label="B: Temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          value={temperature}
          onValue={setTemperature}
        />
      </div>
      <label class="field-label block" for="exp-prompt">
        B: Instructions
        <textarea
          id="exp-prompt"
          class="field-input mt-1 min-h-24 font-mono text-xs"
          maxLength={8000}
          value={prompt}
          onInput={(e) => setPrompt((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      {error && <Alert tone="error">{error}</Alert>}
      <button type="submit" class="btn-primary" disabled={!ready}>Create experiment</button>
    </form>
  );
}

/**
 * The agent's "Experiments" panel (Settings tab): A/B tests of its answers. Admins create one with two
 * variants (A: the agent as it is; B: other instructions, model, temperature or provider) and a traffic
 * split, start and stop it, and promote the winner; everyone sees each variant's results with 95% intervals
 * and the verdict (`/api/agents/:id/experiments`).
 *
 * @module
 */
import { useLayoutEffect, useState } from "preact/hooks";
import { Alert } from "../components/Alert.tsx";
import { Badge, type BadgeTone } from "../components/Badge.tsx";
import { PROVIDER_INFO, PROVIDER_ORDER } from "../components/providers.ts";
import { SectionCard } from "../components/SectionCard.tsx";
import type { ExperimentJson, ExperimentResultsJson } from "../models/experiments/wire.ts";
import { api } from "./shared/api.ts";

/** Props of {@linkcode AgentExperiments}. */
export interface AgentExperimentsProps {
  agentId: string;
  canEdit: boolean;
  experiments: ExperimentJson[];
  /** The agent's current settings, to start variant B from. */
  agent: { prompt: string; model: string; temperature: number; provider: string };
}

const STATUS: Record<ExperimentJson["status"], [string, BadgeTone]> = {
  draft: ["Not started", "slate"],
  running: ["Running", "emerald"],
  stopped: ["Stopped", "slate"],
};

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function Rate({ p }: { p: ExperimentResultsJson["variants"][number]["automationRate"] }) {
  if (!p.trials) return <span class="text-slate-500">–</span>;
  return (
    <span>
      <span class="font-medium text-slate-900">{pct(p.rate)}</span>
      <span class="block whitespace-nowrap text-xs text-slate-500">{pct(p.low)} – {pct(p.high)}</span>
    </span>
  );
}

function overrides(v: ExperimentJson["variants"][number]): string {
  const parts = [
    v.provider ? PROVIDER_INFO[v.provider].label : "",
    v.model ? `model ${v.model}` : "",
    v.temperature !== undefined ? `temperature ${v.temperature}` : "",
    v.prompt !== undefined ? "own instructions" : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "the agent as it is";
}

function Results(
  { results, canPromote, onPromote }: {
    results: ExperimentResultsJson;
    canPromote: boolean;
    onPromote: (key: string) => void;
  },
) {
  const e = results.experiment;
  return (
    <div class="space-y-3">
      <Alert tone={results.verdict.better ? "success" : "info"} title={results.verdict.text}>
        Automation rate of {results.comparison?.challenger} against the control {results.comparison?.control}
        {results.comparison ? ` (p = ${results.comparison.pValue.toFixed(3)})` : ""}. Ranges are 95% intervals.
      </Alert>
      <div class="overflow-x-auto">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">Results of {e.name} per variant</caption>
          <thead class="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" class="py-2 pr-3 font-medium">Variant</th>
              <th scope="col" class="py-2 pr-3 font-medium">Conversations</th>
              <th scope="col" class="py-2 pr-3 font-medium">Automation rate</th>
              <th scope="col" class="py-2 pr-3 font-medium">Handoff rate</th>
              <th scope="col" class="py-2 pr-3 font-medium">CSAT (4–5)</th>
              {canPromote && (
                <th scope="col" class="py-2 font-medium">
                  <span class="sr-only">Promote</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody class="divide-y divide-slate-100">
            {results.variants.map((v) => (
              <tr key={v.key}>
                <th scope="row" class="py-2 pr-3 font-medium text-slate-900">
                  {v.key} · {v.name}
                  {e.winner === v.key && <Badge tone="indigo" class="ml-2">Winner</Badge>}
                </th>
                <td class="py-2 pr-3">{v.conversations}</td>
                <td class="py-2 pr-3">
                  <Rate p={v.automationRate} />
                </td>
                <td class="py-2 pr-3">
                  <Rate p={v.handoffRate} />
                </td>
                <td class="py-2 pr-3">
                  <Rate p={v.csat} />
                </td>
                {canPromote && (
                  <td class="py-2 text-right">
                    <button type="button" class="btn-secondary" onClick={() => onPromote(v.key)}>
                      Promote {v.key}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ExperimentRow(
  { agentId, experiment, canEdit, onChanged }: {
    agentId: string;
    experiment: ExperimentJson;
    canEdit: boolean;
    onChanged: (e: ExperimentJson, note?: string) => void;
  },
) {
  const [results, setResults] = useState<ExperimentResultsJson | null>(null);
  const [error, setError] = useState("");
  const base = `/api/agents/${encodeURIComponent(agentId)}/experiments/${encodeURIComponent(experiment.id)}`;
  async function load() {
    const res = await api<ExperimentResultsJson>("GET", `${base}/results`);
    if (res.ok) setResults(res.data);
    else setError(res.error.message);
  }
  async function act(action: "start" | "stop") {
    setError("");
    const res = await api<{ experiment: ExperimentJson }>("POST", `${base}/${action}`);
    if (!res.ok) return setError(res.error.message);
    onChanged(res.data.experiment);
    if (action === "stop") await load();
  }
  async function promote(key: string) {
    setError("");
    const res = await api<{ experiment: ExperimentJson }>("POST", `${base}/promote`, { variant: key });
    if (!res.ok) return setError(res.error.message);
    onChanged(res.data.experiment, `Variant ${key} is now the agent's setting. Reload to see it in the form above.`);
    await load();
  }
  const [label, tone] = STATUS[experiment.status];
  const total = experiment.variants.reduce((s, v) => s + v.weight, 0);
  return (
    <li class="space-y-3 py-4" aria-label={experiment.name}>
      <div class="flex flex-wrap items-center justify-between gap-3">
        <div class="min-w-0">
          <h3 class="font-medium text-slate-900">
            {experiment.name} <Badge tone={tone} dot={experiment.status === "running"}>{label}</Badge>
          </h3>
          <ul class="mt-1 text-sm text-slate-600">
            {experiment.variants.map((v) => (
              <li key={v.key}>
                <span class="font-medium text-slate-700">{v.key} · {v.name}</span> ({Math.round(
                  (v.weight / total) * 100,
                )}% of customers): {overrides(v)}
              </li>
            ))}
          </ul>
        </div>
        <div class="flex flex-wrap gap-2">
          {canEdit && experiment.status === "draft" && (
            <button
              type="button"
              class="btn-primary"
              onClick={() => act("start")}
            >
              Start
            </button>
          )}
          {canEdit && experiment.status === "running" && (
            <button
              type="button"
              class="btn-secondary"
              onClick={() => act("stop")}
            >
              Stop
            </button>
          )}
          {experiment.status !== "draft" && (
            <button type="button" class="btn-secondary" onClick={load}>
              {results ? "Refresh results" : "See results"}
            </button>
          )}
        </div>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {results && (
        <Results
          results={results}
          canPromote={canEdit && !experiment.winner && experiment.status !== "draft"}
          onPromote={promote}
        />
      )}
    </li>
  );
}

function CreateForm(
  { agentId, agent, ready, onCreated }: {
    agentId: string;
    agent: AgentExperimentsProps["agent"];
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
        <label class="field-label" for="exp-name">
          Name
          <input
            id="exp-name"
            class="field-input mt-1"
            maxLength={100}
            placeholder="e.g. Shorter instructions"
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </label>
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
        <label class="field-label" for="exp-model">
          B: Model
          <input
            id="exp-model"
            class="field-input mt-1"
            maxLength={100}
            value={model}
            onInput={(e) => setModel((e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field-label" for="exp-temperature">
          B: Temperature
          <input
            id="exp-temperature"
            class="field-input mt-1"
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={temperature}
            onInput={(e) => setTemperature((e.target as HTMLInputElement).value)}
          />
        </label>
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

/** The panel: the agent's experiments and, for admins, a form to create one. */
export default function AgentExperiments(props: AgentExperimentsProps) {
  const [experiments, setExperiments] = useState(props.experiments);
  const [note, setNote] = useState("");
  const [ready, setReady] = useState(false);
  useLayoutEffect(() => setReady(true), []);
  const replace = (e: ExperimentJson, message?: string) => {
    setExperiments((list) => list.map((x) => x.id === e.id ? e : x));
    setNote(message ?? "");
  };
  return (
    <SectionCard
      id="agent-experiments-heading"
      title="Experiments"
      description="Try a change to the agent's answers on part of your customers, and keep it once it is better."
    >
      {note && <Alert tone="success">{note}</Alert>}
      {experiments.length === 0
        ? <p class="text-sm text-slate-600">No experiments yet.</p>
        : (
          <ul class="divide-y divide-slate-100" aria-label="Experiments of this agent">
            {experiments.map((e) => (
              <ExperimentRow
                key={e.id}
                agentId={props.agentId}
                experiment={e}
                canEdit={props.canEdit}
                onChanged={replace}
              />
            ))}
          </ul>
        )}
      {props.canEdit && (
        <CreateForm
          agentId={props.agentId}
          agent={props.agent}
          ready={ready}
          onCreated={(e) => setExperiments((list) => [e, ...list])}
        />
      )}
    </SectionCard>
  );
}

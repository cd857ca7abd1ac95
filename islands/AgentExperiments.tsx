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
import { PROVIDER_INFO } from "../components/providers.ts";
import { SectionCard } from "../components/SectionCard.tsx";
import type { ExperimentJson, ExperimentResultsJson } from "../models/experiments/wire.ts";
import { api } from "./shared/api.ts";
import { type AgentSettings, CreateForm } from "./agents/ExperimentForm.tsx";
import { Results } from "./agents/ExperimentResults.tsx";

/** Props of {@linkcode AgentExperiments}. */
export interface AgentExperimentsProps {
  agentId: string;
  canEdit: boolean;
  experiments: ExperimentJson[];
  /** The agent's current settings, to start variant B from. */
  agent: AgentSettings;
}

const STATUS: Record<ExperimentJson["status"], [string, BadgeTone]> = {
  draft: ["Not started", "slate"],
  running: ["Running", "emerald"],
  stopped: ["Stopped", "slate"],
};

function overrides(v: ExperimentJson["variants"][number]): string {
  const parts = [
    v.provider ? PROVIDER_INFO[v.provider].label : "",
    v.model ? `model ${v.model}` : "",
    v.temperature !== undefined ? `temperature ${v.temperature}` : "",
    v.prompt !== undefined ? "own instructions" : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "the agent as it is";
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

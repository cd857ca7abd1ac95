/**
 * The agent editor's "Knowledge in Lyzr" card: the per-agent choice of where answers search the agent's
 * knowledge, Frontdesk (the default) or a Lyzr knowledge base kept in step with it
 * (`GET`/`PUT /api/agents/:id/lyzr-knowledge`), with the sync state. Only agents on the Lyzr provider can
 * keep knowledge in Lyzr; for the others the switch is off and says why.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { Badge, type BadgeTone } from "../../components/Badge.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { Switch } from "../../components/Switch.tsx";
import { api } from "../shared/api.ts";

/** The setting as the API sends it. */
export interface LyzrKnowledgeJson {
  store: "frontdesk" | "lyzr";
  status: "off" | "pending" | "ready" | "error";
  trainedVersionId: string | null;
  documents: number;
  error: string | null;
  syncedAt: string | null;
}

/** Props of {@linkcode LyzrKnowledgeCard}. */
export interface LyzrKnowledgeCardProps {
  agentId: string;
  /** The agent's saved provider: only `lyzr` may keep its knowledge in Lyzr. */
  provider: string;
  canEdit: boolean;
}

const STATUS: Record<LyzrKnowledgeJson["status"], [string, BadgeTone]> = {
  off: ["Off", "slate"],
  pending: ["Syncing", "amber"],
  ready: ["In sync", "emerald"],
  error: ["Sync failed", "red"],
};

/** The switch and the state of the Lyzr knowledge base. */
export function LyzrKnowledgeCard({ agentId, provider, canEdit }: LyzrKnowledgeCardProps) {
  const [setting, setSetting] = useState<LyzrKnowledgeJson | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const onLyzr = provider === "lyzr";
  const path = `/api/agents/${encodeURIComponent(agentId)}/lyzr-knowledge`;
  useEffect(() => {
    api<{ lyzrKnowledge: LyzrKnowledgeJson }>("GET", path).then((res) => {
      if (res.ok) setSetting(res.data.lyzrKnowledge);
      else setError(res.error.message);
    });
  }, [path]);
  async function toggle(keepInLyzr: boolean) {
    setBusy(true);
    setError("");
    const res = await api<{ lyzrKnowledge: LyzrKnowledgeJson }>("PUT", path, {
      store: keepInLyzr ? "lyzr" : "frontdesk",
    });
    setBusy(false);
    if (res.ok) setSetting(res.data.lyzrKnowledge);
    else setError(res.error.message);
  }
  const [label, tone] = STATUS[setting?.status ?? "off"];
  return (
    <SectionCard
      id="agent-lyzr-knowledge-heading"
      title="Knowledge in Lyzr"
      description="Where answers search this agent's knowledge. Frontdesk's own search is the default."
      actions={setting?.store === "lyzr" ? <Badge tone={tone} dot>{label}</Badge> : undefined}
    >
      <Switch
        id="lyzr-knowledge-switch"
        label="Keep knowledge in Lyzr"
        description={onLyzr
          ? "A Lyzr knowledge base is created for this agent, trained with the same sources, and retrained when they change."
          : "Available when the agent answers with Lyzr (choose it as the AI provider above and save)."}
        checked={setting?.store === "lyzr"}
        disabled={!canEdit || !onLyzr || busy || setting === null}
        onChange={toggle}
      />
      {setting?.store === "lyzr" && (
        <p class="text-sm text-slate-600" role="status">
          {setting.documents} passages in Lyzr
          {setting.syncedAt ? `, last synced ${new Date(setting.syncedAt).toLocaleString()}` : ""}.
        </p>
      )}
      {setting?.error && <Alert tone="error" title="Lyzr could not be updated">{setting.error}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
    </SectionCard>
  );
}

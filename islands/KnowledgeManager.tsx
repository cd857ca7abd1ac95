/**
 * The Knowledge tab: add text, a document or a website (admins), the
 * sources with live progress (polled while anything is processing), and the
 * knowledge versions with roll back.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../components/Alert.tsx";
import { Icon } from "../components/Icons.tsx";
import { SectionCard } from "../components/SectionCard.tsx";
import { AddFileForm } from "./knowledge/AddFileForm.tsx";
import { AddTextForm } from "./knowledge/AddTextForm.tsx";
import { AddWebsiteForm } from "./knowledge/AddWebsiteForm.tsx";
import { SourceRow } from "./knowledge/SourceRow.tsx";
import { useKnowledge } from "./knowledge/use_knowledge.ts";
import { VersionList } from "./knowledge/VersionList.tsx";
import { Tabs } from "./shared/Tabs.tsx";

/** Props of {@linkcode KnowledgeManager}. */
export interface KnowledgeManagerProps {
  agentId: string;
  /** Admins add, re-sync, delete and roll back; members look. */
  canEdit: boolean;
  /** Link to the playground, suggested once something is ready. */
  playgroundHref: string;
}

type Kind = "text" | "file" | "website";
const KINDS: { key: Kind; label: string }[] = [
  { key: "text", label: "Text" },
  { key: "file", label: "Document" },
  { key: "website", label: "Website" },
];

/** Add forms, sources and versions. */
export default function KnowledgeManager({ agentId, canEdit, playgroundHref }: KnowledgeManagerProps) {
  const k = useKnowledge(agentId);
  const [kind, setKind] = useState<Kind>("text");
  const ready = k.sources?.filter((s) => s.status === "ready" && s.active).length ?? 0;
  return (
    <div class="grid gap-8 xl:grid-cols-5">
      <div class="xl:col-span-2">
        {canEdit
          ? (
            <SectionCard
              id="add-knowledge-heading"
              title="Add knowledge"
              description="Answers are drawn only from what you add here."
            >
              <Tabs id="add-knowledge" label="Kind of knowledge" tabs={KINDS} selected={kind} onSelect={setKind}>
                {kind === "text" && <AddTextForm base={k.base} onAdded={k.upsert} />}
                {kind === "file" && <AddFileForm base={k.base} onAdded={k.upsert} />}
                {kind === "website" && <AddWebsiteForm base={k.base} onAdded={k.upsert} />}
              </Tabs>
            </SectionCard>
          )
          : (
            <Alert tone="info" title="Read-only">
              Only workspace admins can add or remove knowledge. You can see what this agent knows and try it in the
              Playground.
            </Alert>
          )}
      </div>
      <div class="space-y-8 xl:col-span-3">
        <SectionCard
          id="sources-heading"
          title={k.sources ? `Sources (${k.sources.length})` : "Sources"}
          description={k.working ? "Processing… this list updates by itself." : "What this agent knows."}
          actions={ready > 0 && (
            <a href={playgroundHref} class="btn-secondary">
              <Icon name="send" class="size-4" />
              Try it
            </a>
          )}
          bodyClass=""
        >
          {k.loadError && (
            <div class="px-5 pt-4 sm:px-6">
              <Alert tone="error">{k.loadError}</Alert>
            </div>
          )}
          {k.sources === null
            ? !k.loadError && <p class="px-5 py-6 text-sm text-slate-500 sm:px-6">Loading sources…</p>
            : k.sources.length === 0
            ? (
              <div class="px-5 py-10 text-center sm:px-6">
                <Icon name="document" class="mx-auto size-8 text-slate-300" />
                <p class="mt-3 text-sm font-medium text-slate-900">No knowledge yet</p>
                <p class="mt-1 text-sm text-slate-500">
                  {canEdit
                    ? "Paste an FAQ, upload a document or crawl your help centre to get started."
                    : "An admin can add text, documents or a website."}
                </p>
              </div>
            )
            : (
              <ul class="divide-y divide-slate-100" aria-labelledby="sources-heading">
                {k.sources.map((s) => (
                  <SourceRow key={s.id} source={s} canEdit={canEdit} onResync={k.resync} onRemove={k.remove} />
                ))}
              </ul>
            )}
        </SectionCard>
        <VersionList versions={k.versions} canEdit={canEdit} onRollback={k.rollback} />
      </div>
      <p class="sr-only" aria-live="polite">{k.announce}</p>
    </div>
  );
}

/**
 * The Knowledge tab's data: sources and versions from the API, polled every
 * second while any source is queued or running (and not otherwise), with
 * versions reloaded when a source finishes (finishing makes a new version).
 * Changes of state are also put into words for a live region.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { SourceJson, VersionJson } from "../shared/agent_types.ts";
import { api } from "../shared/api.ts";

/** Poll interval while work is in progress. */
export const POLL_MS = 1000;

const busy = (s: SourceJson) => s.status === "queued" || s.status === "running";

/** A sentence for each source that just finished, for screen readers. */
export function finishedNotes(before: SourceJson[], after: SourceJson[]): string[] {
  const notes: string[] = [];
  for (const s of after) {
    const old = before.find((b) => b.id === s.id);
    if (!old || !busy(old) || busy(s)) continue;
    notes.push(
      s.status === "ready"
        ? `“${s.title}” is ready: ${s.chunkCount} ${s.chunkCount === 1 ? "chunk" : "chunks"}.`
        : `“${s.title}” failed${s.error ? `: ${s.error}` : "."}`,
    );
  }
  return notes;
}

/** Sources, versions and the actions on them for agent `agentId`. */
export function useKnowledge(agentId: string) {
  const base = `/api/agents/${encodeURIComponent(agentId)}`;
  const [sources, setSources] = useState<SourceJson[] | null>(null);
  const [versions, setVersions] = useState<VersionJson[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const current = useRef<SourceJson[]>([]);

  function apply(next: SourceJson[]) {
    const notes = finishedNotes(current.current, next);
    current.current = next;
    setSources(next);
    if (notes.length) {
      setAnnounce(notes.join(" "));
      loadVersions();
    }
  }

  async function loadSources() {
    const res = await api<{ sources: SourceJson[] }>("GET", `${base}/sources`);
    if (!res.ok) return setLoadError(res.error.message);
    setLoadError(null);
    apply(res.data.sources);
  }

  async function loadVersions() {
    const res = await api<{ versions: VersionJson[] }>("GET", `${base}/versions`);
    if (!res.ok) return setLoadError(res.error.message);
    setVersions(res.data.versions);
  }

  useEffect(() => {
    loadSources();
    loadVersions();
  }, []);

  // One poll per render of a changed list: stops by itself once nothing is in progress.
  const working = sources?.some(busy) ?? false;
  useEffect(() => {
    if (!working) return;
    const t = setTimeout(loadSources, POLL_MS);
    return () => clearTimeout(t);
  }, [working, sources]);

  /** A source the API just accepted (train or resync) goes in at once; polling takes it from there. */
  function upsert(source: SourceJson) {
    const list = current.current;
    const next = list.some((s) => s.id === source.id)
      ? list.map((s) => (s.id === source.id ? source : s))
      : [source, ...list];
    current.current = next;
    setSources(next);
  }

  async function resync(source: SourceJson): Promise<string | null> {
    const res = await api<{ source: SourceJson }>("POST", `${base}/sources/${encodeURIComponent(source.id)}/resync`);
    if (!res.ok) return res.error.message;
    upsert(res.data.source);
    setAnnounce(`Re-syncing “${source.title}”.`);
    return null;
  }

  async function remove(source: SourceJson): Promise<string | null> {
    const res = await api("DELETE", `${base}/sources/${encodeURIComponent(source.id)}`);
    if (!res.ok) return res.error.message;
    setAnnounce(`Removed “${source.title}”.`);
    await Promise.all([loadSources(), loadVersions()]);
    return null;
  }

  async function rollback(version: VersionJson): Promise<string | null> {
    const res = await api("POST", `${base}/versions/${encodeURIComponent(version.id)}/activate`);
    if (!res.ok) return res.error.message;
    setAnnounce(`Rolled back to version ${version.number}.`);
    await Promise.all([loadSources(), loadVersions()]);
    return null;
  }

  return { base, sources, versions, loadError, announce, working, upsert, resync, remove, rollback };
}

/** What {@linkcode useKnowledge} returns. */
export type Knowledge = ReturnType<typeof useKnowledge>;

/**
 * Training use cases: adding knowledge to an agent (text, a website, a
 * document), listing, re-syncing and deleting sources, and knowledge versions
 * with rollback. Each addition answers at once with the source and its queued
 * ingestion job; the ingestion listener (`listeners/ingestion.ts`) does the work.
 *
 * @module
 */
import type { z } from "zod";
import { NotFoundError, ValidationError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { assertPublicUrl } from "../../lib/safe_fetch.ts";
import type { Agent } from "../agents/agent.ts";
import type { trainSchema } from "../agents/agent_schemas.ts";
import { getAgent } from "../agents/agents.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { EventPayload } from "../events/catalog.ts";
import { actorOf, type Emit, newEvent } from "../events/event.ts";
import type { Deps } from "../ports/deps.ts";
import type { IngestJob, KnowledgeSource, KnowledgeVersion } from "./knowledge.ts";
import type { User } from "../accounts/user.ts";

/** A source with its latest job. */
export type SourceView = KnowledgeSource & { job: IngestJob | null };

/** Where an uploaded document's bytes are kept. */
export const documentKey = (sourceId: string) => `documents/${sourceId}`;

function newJob(source: KnowledgeSource, at: Date): IngestJob {
  return {
    id: newId(at),
    workspaceId: source.workspaceId,
    agentId: source.agentId,
    sourceId: source.id,
    state: "queued",
    progressDone: 0,
    progressTotal: 0,
    attempts: 0,
    createdAt: at,
  };
}

async function addSource(
  deps: Deps,
  user: User,
  agent: Agent,
  fields: Pick<KnowledgeSource, "type" | "content" | "metadata" | "title"> & { url?: string },
  before?: (source: KnowledgeSource) => Promise<void>,
): Promise<SourceView> {
  const now = deps.clock.now();
  const source: KnowledgeSource = {
    ...fields,
    id: newId(now),
    workspaceId: agent.workspaceId,
    agentId: agent.id,
    status: "queued",
    chunkCount: 0,
    active: false,
    createdAt: now,
    updatedAt: now,
  };
  await before?.(source);
  const job = newJob(source, now);
  await deps.store.knowledge.insertSource(source, job, (s) => [
    newEvent("knowledge.source_added", {
      workspaceId: s.workspaceId,
      aggregateId: s.agentId,
      actor: actorOf(user),
      at: s.createdAt,
      payload: {
        agentId: s.agentId,
        sourceId: s.id,
        jobId: job.id,
        type: s.type,
        title: s.title,
        ...(s.url ? { url: s.url } : {}),
      },
    }),
  ]);
  deps.jobs.notify();
  return { ...source, job };
}

/** Adds pasted text or a website to crawl. */
export async function trainFromJson(
  deps: Deps,
  user: User,
  agentId: string,
  input: z.infer<typeof trainSchema>,
): Promise<SourceView> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  if (input.type === "text") {
    const { title, ...metadata } = input.metadata;
    const firstLine = input.content.split("\n").find((l) => l.trim())?.replace(/^#+\s*/, "").trim() ?? "Text";
    return await addSource(deps, user, agent, {
      type: "text",
      content: input.content,
      metadata,
      title: title || firstLine.slice(0, 80),
    });
  }
  // Refused before anything is fetched; the crawler checks every request and redirect again.
  const url = await assertPublicUrl(input.content, { allowLoopback: deps.config.fetchAllowLoopback });
  return await addSource(deps, user, agent, {
    type: "website",
    content: url.href,
    metadata: input.metadata,
    title: url.hostname,
    url: url.href,
  });
}

/** True when the first bytes look like a binary format we cannot read (not PDF, not a ZIP/DOCX). */
function looksUnreadable(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  const isPdf = head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46;
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  return !isPdf && !isZip && head.includes(0);
}

/** Adds an uploaded document; the bytes are stored before the answer, parsed in the background. */
export async function trainFromFile(
  deps: Deps,
  user: User,
  agentId: string,
  file: { bytes: Uint8Array; filename: string; title?: string },
): Promise<SourceView> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  if (file.bytes.length === 0) {
    throw new ValidationError("The file is empty.", { fields: { file: "empty" } }, "empty_document");
  }
  if (looksUnreadable(file.bytes)) {
    throw new ValidationError("Upload a PDF, Word (.docx), Markdown, HTML or plain-text file.", {
      fields: { file: "unsupported type" },
    }, "unsupported_type");
  }
  const filename = file.filename.replace(/[\\/\0\r\n]/g, "_").slice(0, 200) || "document";
  return await addSource(
    deps,
    user,
    agent,
    {
      type: "document",
      content: filename,
      metadata: { size: file.bytes.length },
      title: file.title?.trim() || filename.replace(/\.[a-z0-9]{1,5}$/i, ""),
    },
    (source) => deps.files.put(documentKey(source.id), file.bytes),
  );
}

/** Sources of an agent with their latest jobs. */
export async function listSources(deps: Deps, user: User, agentId: string): Promise<SourceView[]> {
  const agent = await getAgent(deps, user, agentId);
  const [sources, jobs] = await Promise.all([
    deps.store.knowledge.listSources(agent.workspaceId, agent.id),
    deps.store.knowledge.listJobs(agent.workspaceId, agent.id, 500),
  ]);
  const latest = new Map<string, IngestJob>();
  for (const j of jobs) if (!latest.has(j.sourceId)) latest.set(j.sourceId, j);
  return sources.map((s) => ({ ...s, job: latest.get(s.id) ?? null }));
}

/** The event of a staff member's change that made a new knowledge version. */
function versionMade<T extends "knowledge.source_removed" | "knowledge.rolled_back">(
  type: T,
  user: User,
  payload: (v: KnowledgeVersion) => EventPayload<T>,
): Emit<KnowledgeVersion> {
  return (v) => [
    newEvent(type, {
      workspaceId: v.workspaceId,
      aggregateId: v.agentId,
      actor: actorOf(user),
      at: v.createdAt,
      payload: payload(v),
    }),
  ];
}

/** Removes a source from the agent's knowledge (a new version; rollback can bring it back). */
export async function deleteSource(
  deps: Deps,
  user: User,
  agentId: string,
  sourceId: string,
): Promise<KnowledgeVersion> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  const version = await deps.store.knowledge.removeSource(
    agent.workspaceId,
    agent.id,
    sourceId,
    deps.clock.now(),
    versionMade("knowledge.source_removed", user, (v) => ({
      agentId: v.agentId,
      sourceId,
      versionId: v.id,
      versionNumber: v.number,
    })),
  );
  if (!version) throw new NotFoundError("Source");
  return version;
}

/** Ingests a source again (websites and documents pick up changes; text re-chunks). */
export async function resyncSource(deps: Deps, user: User, agentId: string, sourceId: string): Promise<SourceView> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  const source = await deps.store.knowledge.getSource(agent.workspaceId, agent.id, sourceId);
  if (!source) throw new NotFoundError("Source");
  const job = newJob(source, deps.clock.now());
  await deps.store.knowledge.enqueueJob(job);
  deps.jobs.notify();
  return { ...source, status: "queued", job };
}

/** Knowledge versions of an agent, newest first, with the active one marked. */
export async function listVersions(
  deps: Deps,
  user: User,
  agentId: string,
): Promise<Array<KnowledgeVersion & { active: boolean }>> {
  const agent = await getAgent(deps, user, agentId);
  const versions = await deps.store.knowledge.listVersions(agent.workspaceId, agent.id);
  return versions.map((v) => ({ ...v, active: v.id === agent.activeVersionId }));
}

/** Rolls the agent's knowledge back to an earlier version (as a new version). */
export async function rollback(deps: Deps, user: User, agentId: string, versionId: string): Promise<KnowledgeVersion> {
  requireAdmin(user);
  const agent = await getAgent(deps, user, agentId);
  const version = await deps.store.knowledge.activateVersion(
    agent.workspaceId,
    agent.id,
    versionId,
    deps.clock.now(),
    versionMade("knowledge.rolled_back", user, (v) => ({
      agentId: v.agentId,
      fromVersionId: versionId,
      versionId: v.id,
      versionNumber: v.number,
    })),
  );
  if (!version) throw new NotFoundError("Version");
  return version;
}

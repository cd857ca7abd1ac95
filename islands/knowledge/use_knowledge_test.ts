import assert from "node:assert/strict";
import type { SourceJson } from "../shared/agent_types.ts";
import { finishedNotes } from "./use_knowledge.ts";

const source = (over: Partial<SourceJson>): SourceJson => ({
  id: "s1",
  type: "text",
  title: "FAQ",
  content: "Q: ...",
  status: "running",
  chunkCount: 0,
  active: true,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  job: null,
  ...over,
});

Deno.test("finishedNotes names sources that went from in progress to ready or failed, and nothing else", () => {
  const before = [
    source({}),
    source({ id: "s2", title: "Site", status: "queued" }),
    source({ id: "s3", status: "ready" }),
  ];
  const after = [
    source({ status: "ready", chunkCount: 6 }),
    source({ id: "s2", title: "Site", status: "failed", error: "DNS lookup failed" }),
    source({ id: "s3", status: "ready" }),
    source({ id: "s4", status: "ready" }),
  ];
  assert.deepEqual(finishedNotes(before, after), ["“FAQ” is ready: 6 chunks.", "“Site” failed: DNS lookup failed"]);
  assert.deepEqual(finishedNotes(after, after), []);
});

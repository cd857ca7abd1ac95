/**
 * "A workspace with an agent on the OpenAI fake", the set-up several API tests share (provider sentiment, widget
 * translations, categories by embeddings, experiments): one fake, one app, and as many workspaces as a test wants,
 * each signed up with its admin, one agent and, for `openai`, the key saved with the fake's URL. Each test file used to
 * build this by hand; a change to signing up or saving a key now has one place to go.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { call, makeTestDeps, signUp, type TestContext } from "../helpers.ts";
import { type OpenAiFakeOptions, startOpenAiFake } from "./openai_fake.ts";

/** Saves the workspace's OpenAI key pointing at `baseUrl` (the fake's URL), and checks it was taken. */
export async function saveOpenAiKey(
  app: Parameters<typeof call>[0],
  cookie: string,
  baseUrl: string,
  apiKey = "sk-test-openai",
) {
  const saved = await call(app, "PUT", "/api/settings/providers/openai", { cookie, body: { apiKey, baseUrl } });
  assert.equal(saved.status, 200);
}

/** What a workspace is made with: the agent's provider (default `openai`), extra agent fields, the key. */
export interface WorkspaceOptions {
  provider?: string;
  /** More fields of the agent (`name` is "Bot"). */
  agent?: Record<string, unknown>;
  /** The key saved for `openai`; `false` saves none (an agent on OpenAI without its key). */
  key?: string | false;
}

/** Sets up the OpenAI fake (with `fakeOpts`, still changeable by the test), an app and its deps. */
export async function openAiWorkspaces(fakeOpts: OpenAiFakeOptions = {}) {
  const fake = startOpenAiFake(fakeOpts);
  const ctx: TestContext = await makeTestDeps();
  const app = createApp(ctx.deps);
  const workspace = async (email: string, opts: WorkspaceOptions = {}) => {
    const admin = await signUp(app, { email, company: email });
    const provider = opts.provider ?? "openai";
    const created = await call(app, "POST", "/api/agents", {
      cookie: admin.cookie,
      body: { name: "Bot", provider, ...opts.agent },
    });
    assert.equal(created.status, 201);
    const { agent } = await created.json();
    if (provider === "openai" && opts.key !== false) await saveOpenAiKey(app, admin.cookie, fake.url, opts.key);
    /** A new visitor of this agent says `text`; resolves once the AI (and what it queued) is idle. */
    const chat = async (text: string) => {
      const { visitor } = await startWidgetSession(ctx.deps, { agentId: agent.id });
      const sent = await visitorSend(ctx.deps, visitor, { clientId: crypto.randomUUID(), text });
      await ctx.ai.idle();
      return sent;
    };
    return { admin, agent, workspaceId: admin.user.workspaceId as string, chat };
  };
  return {
    ...ctx,
    app,
    fake,
    fakeOpts,
    workspace,
    /** The chat requests the fake received that `pick` selects (by their body). */
    chatRequests: (pick: (body: Record<string, unknown>) => unknown) =>
      fake.requests.filter((r) => r.path === "/v1/chat/completions" && pick(r.body as Record<string, unknown>)),
    /** The messages of the warnings logged from now on (still logged as well). */
    watchWarnings(): string[] {
      const warnings: string[] = [];
      const warn = ctx.deps.log.warn;
      ctx.deps.log.warn = (msg, fields) => {
        warnings.push(msg);
        warn(msg, fields);
      };
      return warnings;
    },
    async close() {
      await ctx.cleanup();
      await fake.close();
    },
  };
}

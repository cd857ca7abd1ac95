import assert from "node:assert/strict";
import { ProviderError, type ProviderSettings, type RemoteAgentSpec } from "../models/ports/ai_provider.ts";
import { pieces } from "../tests/fakes/fake_server.ts";
import { LYZR_FAKE_TEXT, type LyzrFake, type LyzrFakeOptions, startLyzrFake } from "../tests/fakes/lyzr_fake.ts";
import { drain, kindOf, SAMPLE_AGENT_PROMPT, SAMPLE_CONTEXT, sampleRequest } from "../tests/fakes/provider_kit.ts";
import { lyzrProvider } from "./lyzr.ts";
import type { AdapterOptions } from "./options.ts";

const KEY = "sk-default-test";
const FAST: AdapterOptions = { timeoutMs: 1000, idleTimeoutMs: 200 };
const SPEC: RemoteAgentSpec = {
  name: "Acme support",
  description: "Answers Acme's customers",
  prompt: SAMPLE_AGENT_PROMPT,
  model: "gpt-4o",
  temperature: 0.2,
  maxTokens: 640,
};

/** Runs `fn` against a fresh fake holding one mirrored agent. */
async function withFake(
  fn: (fake: LyzrFake, settings: ProviderSettings, agentId: string) => Promise<void>,
  fakeOpts: LyzrFakeOptions = {},
) {
  const fake = startLyzrFake(fakeOpts);
  try {
    const settings: ProviderSettings = { provider: "lyzr", apiKey: KEY, baseUrl: fake.url };
    const agentId = await lyzrProvider(settings, FAST).createAgent(SPEC);
    fake.requests.length = 0;
    await fn(fake, settings, agentId);
  } finally {
    await fake.close();
  }
}

const ask = (agentId: string, over: Parameters<typeof sampleRequest>[0] = {}) =>
  sampleRequest({ remoteAgentId: agentId, ...over });

Deno.test("lyzr mirrors an agent: create sends the full body and returns agent_id", async () => {
  const fake = startLyzrFake();
  try {
    const provider = lyzrProvider({
      provider: "lyzr",
      apiKey: KEY,
      baseUrl: fake.url,
      extra: { providerId: "Anthropic", credentialId: "lyzr_anthropic" },
    }, FAST);
    const id = await provider.createAgent(SPEC);
    assert.match(id, /^[0-9a-f]{24}$/);
    const [rec] = fake.requests;
    assert.equal(rec.method, "POST");
    assert.equal(rec.path, "/v3/agents/");
    assert.equal(rec.headers["x-api-key"], KEY);
    assert.equal(rec.headers.accept, "application/json");
    assert.deepEqual(rec.body, {
      name: "Acme support",
      description: "Answers Acme's customers",
      agent_role: "Answers Acme's customers",
      agent_instructions: SAMPLE_AGENT_PROMPT,
      system_prompt: SAMPLE_AGENT_PROMPT,
      provider_id: "Anthropic",
      model: "gpt-4o",
      temperature: 0.2,
      max_tokens: 640,
      additional_model_params: { max_tokens: 640 },
      top_p: 1,
      llm_credential_id: "lyzr_anthropic",
      features: [],
      tools: [],
      response_format: { type: "text" },
    });
    assert.ok(fake.agents.has(id));
  } finally {
    await fake.close();
  }
});

Deno.test("lyzr create reads the id from _id or id when agent_id is absent", async () => {
  for (const field of ["_id", "id"] as const) {
    const fake = startLyzrFake({ createIdField: field });
    try {
      const id = await lyzrProvider({ provider: "lyzr", apiKey: KEY, baseUrl: fake.url }, FAST).createAgent(SPEC);
      assert.ok(fake.agents.has(id), field);
    } finally {
      await fake.close();
    }
  }
});

Deno.test("lyzr update PUTs the whole agent and delete removes it (twice is fine)", async () => {
  await withFake(async (fake, settings, agentId) => {
    const provider = lyzrProvider(settings, FAST);
    await provider.updateAgent(agentId, { ...SPEC, prompt: "Be brief.", model: "", maxTokens: 300 });
    const put = fake.requests[0];
    assert.equal(put.method, "PUT");
    assert.equal(put.path, `/v3/agents/${agentId}`);
    assert.equal(fake.agents.get(agentId)?.max_tokens, 300);
    assert.deepEqual(fake.agents.get(agentId)?.features, []);
    assert.equal(fake.agents.get(agentId)?.agent_instructions, "Be brief.");
    assert.equal(fake.agents.get(agentId)?.model, "gpt-4o-mini");
    assert.equal(fake.agents.get(agentId)?.name, "Acme support");
    await provider.deleteAgent(agentId);
    assert.equal(fake.agents.has(agentId), false);
    await provider.deleteAgent(agentId);
    await assert.rejects(() => provider.updateAgent(agentId, SPEC), (err) => kindOf(err) === "bad_request");
  });
});

Deno.test("lyzr attaches a knowledge base as the KNOWLEDGE_BASE feature (RAG host = the base URL, or extra.ragBaseUrl)", async () => {
  await withFake(async (fake, settings, agentId) => {
    await lyzrProvider(settings, FAST).updateAgent(agentId, {
      ...SPEC,
      knowledgeBase: { id: "a".repeat(24), name: "kb_1" },
    });
    assert.deepEqual(fake.agents.get(agentId)?.features, [{
      type: "KNOWLEDGE_BASE",
      priority: 0,
      config: {
        lyzr_rag: {
          base_url: fake.url,
          rag_id: "a".repeat(24),
          rag_name: "kb_1",
          params: { top_k: 5, retrieval_type: "basic", score_threshold: 0 },
        },
        agentic_rag: [],
      },
    }]);
    const other = { ...settings, extra: { ragBaseUrl: "https://rag.example.com/v3" } };
    await lyzrProvider(other, FAST).updateAgent(agentId, {
      ...SPEC,
      knowledgeBase: { id: "b".repeat(24), name: "kb" },
    });
    const features = fake.agents.get(agentId)?.features as Array<{ config: { lyzr_rag: { base_url: string } } }>;
    assert.equal(features[0].config.lyzr_rag.base_url, "https://rag.example.com");
  });
});

Deno.test("lyzr streams the answer piece by piece, newlines restored", async () => {
  await withFake(async (fake, settings, agentId) => {
    const { pieces: got, error } = await drain(lyzrProvider(settings, FAST).stream(ask(agentId)));
    assert.equal(error, undefined);
    assert.deepEqual(got, pieces(LYZR_FAKE_TEXT));
    assert.equal(got.join(""), LYZR_FAKE_TEXT);
    assert.deepEqual(fake.requests.map((r) => r.path), ["/v3/inference/stream/"]);
  });
});

Deno.test("lyzr reads JSON stream payloads too", async () => {
  await withFake(async (_fake, settings, agentId) => {
    const { pieces: got, error } = await drain(lyzrProvider(settings, FAST).stream(ask(agentId)));
    assert.equal(error, undefined);
    assert.equal(got.join(""), LYZR_FAKE_TEXT);
  }, { streamFormat: "json" });
});

Deno.test("lyzr sends the key, the agent, the session and the context-prefixed question", async () => {
  await withFake(async (fake, settings, agentId) => {
    await drain(lyzrProvider(settings, FAST).stream(ask(agentId)));
    const [rec] = fake.requests;
    assert.equal(rec.headers["x-api-key"], KEY);
    const body = rec.body as Record<string, unknown>;
    assert.equal(body.agent_id, agentId);
    assert.equal(body.user_id, "visitor-1");
    assert.equal(body.session_id, "conv-1");
    assert.deepEqual([body.system_prompt_variables, body.filter_variables, body.features], [{}, {}, []]);
    // The agent prompt lives on Lyzr; the retrieved knowledge travels with the question.
    assert.equal(body.message, `${SAMPLE_CONTEXT}\n\nQuestion: How long do refunds take?`);
    assert.doesNotMatch(String(body.message), /friendly support agent/);
  });
});

Deno.test("lyzr sends just the question when nothing was retrieved", async () => {
  await withFake(async (fake, settings, agentId) => {
    await drain(lyzrProvider(settings, FAST).stream(ask(agentId, { system: SAMPLE_AGENT_PROMPT, passages: [] })));
    assert.equal((fake.requests[0].body as { message: string }).message, "How long do refunds take?");
  });
});

Deno.test("lyzr keeps one session_id per conversation", async () => {
  await withFake(async (fake, settings, agentId) => {
    const provider = lyzrProvider(settings, FAST);
    await drain(provider.stream(ask(agentId, { sessionId: "conv-a" })));
    await drain(provider.stream(ask(agentId, { sessionId: "conv-a", question: "And exchanges?" })));
    await drain(provider.stream(ask(agentId, { sessionId: "conv-b" })));
    assert.deepEqual(fake.sessionIds, ["conv-a", "conv-a", "conv-b"]);
  });
});

Deno.test("lyzr falls back to /chat/ when the stream endpoint is 404", async () => {
  await withFake(async (fake, settings, agentId) => {
    const { pieces: got, error } = await drain(lyzrProvider(settings, FAST).stream(ask(agentId)));
    assert.equal(error, undefined);
    assert.deepEqual(got, [LYZR_FAKE_TEXT]);
    assert.deepEqual(fake.requests.map((r) => r.path), ["/v3/inference/stream/", "/v3/inference/chat/"]);
    assert.deepEqual(fake.requests[1].body, fake.requests[0].body);
  }, { streamMissing: true });
});

Deno.test("lyzr chat fallback reads response as a JSON string, and agent_response", async () => {
  for (const chatShape of ["json_string", "agent_response"] as const) {
    await withFake(async (_fake, settings, agentId) => {
      const { pieces: got, error } = await drain(lyzrProvider(settings, FAST).stream(ask(agentId)));
      assert.equal(error, undefined, chatShape);
      assert.deepEqual(got, [LYZR_FAKE_TEXT], chatShape);
    }, { streamMissing: true, chatShape });
  }
});

Deno.test("lyzr: a wrong key is auth; 429 rate_limited with Retry-After; 500 server", async () => {
  await withFake(async (fake, settings, agentId) => {
    const bad = await drain(lyzrProvider({ ...settings, apiKey: "sk-wrong" }, FAST).stream(ask(agentId)));
    assert.equal(kindOf(bad.error), "auth");
    assert.equal((bad.error as { retryable: boolean }).retryable, false);
    fake.script([{ kind: "status", status: 429, retryAfter: 12 }, { kind: "status", status: 500 }]);
    const provider = lyzrProvider(settings, FAST);
    const limited = (await drain(provider.stream(ask(agentId)))).error;
    assert.equal(kindOf(limited), "rate_limited");
    assert.equal((limited as { retryAfterMs: number }).retryAfterMs, 12_000);
    assert.equal(kindOf((await drain(provider.stream(ask(agentId)))).error), "server");
  });
});

Deno.test("lyzr: silence mid-stream is timeout, and so is no answer at all", async () => {
  await withFake(async (fake, settings, agentId) => {
    fake.script([{ kind: "slow", ms: 2000 }, { kind: "hang" }]);
    const idle = await drain(lyzrProvider(settings, FAST).stream(ask(agentId)));
    assert.equal(kindOf(idle.error), "timeout");
    assert.ok(idle.ms < 1500, `took ${idle.ms} ms`);
    const hung = await drain(lyzrProvider(settings, { timeoutMs: 250 }).stream(ask(agentId)));
    assert.equal(kindOf(hung.error), "timeout");
    assert.ok(hung.ms < 1500, `took ${hung.ms} ms`);
  });
});

Deno.test("lyzr: a stream without [DONE] is stream_cut after the first pieces; an error event fails it", async () => {
  await withFake(async (fake, settings, agentId) => {
    fake.script([{ kind: "cut", after: 2 }, { kind: "stream_error", after: 1, message: "Credits exhausted" }]);
    const provider = lyzrProvider(settings, FAST);
    const cut = await drain(provider.stream(ask(agentId)));
    assert.equal(kindOf(cut.error), "stream_cut");
    assert.deepEqual(cut.pieces, pieces(LYZR_FAKE_TEXT).slice(0, 2));
    const failed = await drain(provider.stream(ask(agentId)));
    assert.equal(failed.pieces.length, 1);
    assert.equal(kindOf(failed.error), "server");
    assert.match(String((failed.error as Error).message), /Credits exhausted/);
  });
});

Deno.test("lyzr: aborting the signal stops the stream at once", async () => {
  await withFake(async (fake, settings, agentId) => {
    fake.script([{ kind: "ok", delayMs: 100 }]);
    const ctl = new AbortController();
    const { pieces: got, error, tailMs } = await drain(
      lyzrProvider(settings, FAST).stream(ask(agentId, { signal: ctl.signal })),
      () => ctl.abort(),
    );
    assert.equal(got.length, 1);
    assert.equal((error as Error).name, "AbortError");
    assert.ok(tailMs < 150, `stopped ${tailMs} ms after the abort`);
  });
});

Deno.test("lyzr refuses to answer for an agent that was never mirrored", async () => {
  const { error } = await drain(lyzrProvider({ provider: "lyzr", apiKey: KEY }, FAST).stream(sampleRequest()));
  assert.equal(kindOf(error), "bad_request");
});

Deno.test("lyzr: a refused connection is network; a bad base URL is bad_request", async () => {
  for (const [baseUrl, kind] of [["http://127.0.0.1:1", "network"], ["agent-prod.studio.lyzr.ai", "bad_request"]]) {
    const provider = lyzrProvider({ provider: "lyzr", apiKey: KEY, baseUrl }, FAST);
    assert.equal(kindOf((await drain(provider.stream(ask("x")))).error), kind);
    await assert.rejects(() => provider.createAgent(SPEC), (err) => kindOf(err) === kind);
  }
});

Deno.test("lyzr accepts a base URL pasted with /v3 (as the docs' OpenAPI servers list it)", async () => {
  await withFake(async (fake, settings, agentId) => {
    const { error } = await drain(
      lyzrProvider({ ...settings, baseUrl: `${settings.baseUrl}/v3` }, FAST).stream(ask(agentId)),
    );
    assert.equal(error, undefined);
    assert.equal(fake.requests[0].path, "/v3/inference/stream/");
  });
});

Deno.test("lyzr: a ProviderError thrown by the injected fetch (an SSRF guard, say) passes through", async () => {
  const refused = new ProviderError("bad_request", "Base URL resolves to a private address");
  const provider = lyzrProvider({ provider: "lyzr", apiKey: KEY, baseUrl: "http://10.0.0.1" }, {
    ...FAST,
    fetch: () => Promise.reject(refused),
  });
  assert.equal((await drain(provider.stream(ask("x")))).error, refused);
  await assert.rejects(() => provider.createAgent(SPEC), (err) => err === refused);
});

Deno.test("lyzr testConnection lists agents (bare or wrapped), and says auth for a wrong key", async () => {
  for (const listWrapped of [false, true]) {
    await withFake(async (fake, settings) => {
      const { detail } = await lyzrProvider(settings, FAST).testConnection();
      assert.match(detail, /1 agents/);
      assert.equal(fake.requests[0].path, "/v3/agents/");
      await assert.rejects(
        () => lyzrProvider({ ...settings, apiKey: "nope" }, FAST).testConnection(),
        (err) => kindOf(err) === "auth",
      );
    }, { listWrapped });
  }
});

Deno.test("lyzr sends every request through the injected fetch", async () => {
  await withFake(async (_fake, settings, agentId) => {
    const paths: string[] = [];
    const provider = lyzrProvider(settings, {
      ...FAST,
      fetch: (input, init) => {
        paths.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    });
    await drain(provider.stream(ask(agentId)));
    await provider.testConnection();
    await provider.updateAgent(agentId, SPEC);
    await provider.deleteAgent(agentId);
    assert.deepEqual(paths, ["/v3/inference/stream/", "/v3/agents/", `/v3/agents/${agentId}`, `/v3/agents/${agentId}`]);
  });
});

/** A provider whose stream endpoint answers `res` (everything else reaches the fake). */
function stubbedStream(settings: ProviderSettings, res: () => Response) {
  return lyzrProvider(settings, {
    ...FAST,
    fetch: (input, init) =>
      String(input).endsWith("/v3/inference/stream/") ? Promise.resolve(res()) : fetch(input, init),
  });
}

Deno.test("lyzr reads a stream endpoint that answers one JSON document, bare [DONE] lines, or JSON lines", async () => {
  await withFake(async (fake, settings, agentId) => {
    const cases: [string, string, string][] = [
      ["application/json", JSON.stringify({ response: "Whole answer." }), "Whole answer."],
      ["text/plain", "data: Hello\n\ndata:  world\n\n[DONE]\n", "Hello world"],
      ["application/json", 'data: {"delta":{"content":"Hi"}}\n\ndata: {"metadata":{}}\n\ndata: [DONE]\n\n', "Hi"],
      ["application/x-ndjson", '{"content":"A"}\n{"content":"B"}\n', "AB"],
    ];
    for (const [type, body, expected] of cases) {
      const provider = stubbedStream(settings, () => new Response(body, { headers: { "content-type": type } }));
      const { pieces: got, error } = await drain(provider.stream(ask(agentId)));
      assert.equal(error, undefined, body);
      assert.equal(got.join(""), expected, body);
    }
    assert.equal(fake.requests.length, 0);
  });
});

Deno.test("lyzr falls back to /chat/ when the stream endpoint answers 405 or an HTML page", async () => {
  await withFake(async (fake, settings, agentId) => {
    for (
      const res of [
        () => new Response("Method Not Allowed", { status: 405 }),
        () => new Response("<html>gateway</html>", { headers: { "content-type": "text/html" } }),
      ]
    ) {
      const { pieces: got, error } = await drain(stubbedStream(settings, res).stream(ask(agentId)));
      assert.equal(error, undefined);
      assert.deepEqual(got, [LYZR_FAKE_TEXT]);
    }
    assert.deepEqual(fake.requests.map((r) => r.path), ["/v3/inference/chat/", "/v3/inference/chat/"]);
  });
});

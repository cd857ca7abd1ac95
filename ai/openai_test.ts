import assert from "node:assert/strict";
import { ProviderError, type ProviderSettings } from "../models/ports/ai_provider.ts";
import type { FakeServer } from "../tests/fakes/fake_server.ts";
import { embedText, OPENAI_FAKE_TEXT, startOpenAiFake } from "../tests/fakes/openai_fake.ts";
import { drain, kindOf, SAMPLE_AGENT_PROMPT, sampleRequest } from "../tests/fakes/provider_kit.ts";
import { pieces } from "../tests/fakes/fake_server.ts";
import type { AdapterOptions } from "./options.ts";
import { openaiProvider } from "./openai.ts";

const KEY = "sk-test-openai";
const FAST: AdapterOptions = { timeoutMs: 1000, idleTimeoutMs: 200 };

async function withFake(
  fn: (fake: FakeServer, settings: ProviderSettings) => Promise<void>,
  fakeOpts: Parameters<typeof startOpenAiFake>[0] = {},
) {
  const fake = startOpenAiFake(fakeOpts);
  try {
    await fn(fake, { provider: "openai", apiKey: KEY, baseUrl: fake.url });
  } finally {
    await fake.close();
  }
}

Deno.test("openai streams the answer piece by piece, in order", async () => {
  await withFake(async (fake, settings) => {
    const { pieces: got, error } = await drain(openaiProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(error, undefined);
    assert.deepEqual(got, pieces(OPENAI_FAKE_TEXT));
    assert.ok(got.length > 3);
    assert.equal(fake.requests.length, 1);
  });
});

Deno.test("openai sends the key, model, system prompt, turns, temperature and max tokens", async () => {
  await withFake(async (fake, settings) => {
    await drain(openaiProvider(settings, FAST).stream(sampleRequest({ model: "gpt-4o" })));
    const [rec] = fake.requests;
    assert.equal(rec.path, "/v1/chat/completions");
    assert.equal(rec.headers.authorization, `Bearer ${KEY}`);
    const body = rec.body as Record<string, unknown>;
    assert.equal(body.model, "gpt-4o");
    assert.equal(body.stream, true);
    assert.equal(body.temperature, 0.3);
    assert.equal(body.max_tokens, 321);
    const messages = body.messages as { role: string; content: string }[];
    assert.equal(messages[0].role, "system");
    assert.ok(messages[0].content.startsWith(SAMPLE_AGENT_PROMPT));
    assert.deepEqual(messages.slice(1).map((m) => m.role), ["assistant", "user"]);
    assert.equal(messages.at(-1)?.content, "How long do refunds take?");
  });
});

Deno.test("openai picks the model: request, then workspace default, then gpt-4o-mini", async () => {
  await withFake(async (fake, settings) => {
    await drain(openaiProvider({ ...settings, defaultModel: "llama3.1" }, FAST).stream(sampleRequest()));
    await drain(openaiProvider(settings, FAST).stream(sampleRequest()));
    assert.deepEqual(fake.requests.map((r) => (r.body as { model: string }).model), ["llama3.1", "gpt-4o-mini"]);
  });
});

Deno.test("openai sends max_completion_tokens and no temperature to reasoning models", async () => {
  await withFake(async (fake, settings) => {
    await drain(openaiProvider(settings, FAST).stream(sampleRequest({ model: "o4-mini" })));
    const body = fake.requests[0].body as Record<string, unknown>;
    assert.equal(body.max_completion_tokens, 321);
    assert.equal("temperature" in body, false);
    assert.equal("max_tokens" in body, false);
  });
});

Deno.test("openai: a wrong key is auth, not retryable", async () => {
  await withFake(async (_fake, settings) => {
    const { error } = await drain(openaiProvider({ ...settings, apiKey: "sk-wrong" }, FAST).stream(sampleRequest()));
    assert.equal(kindOf(error), "auth");
    assert.equal((error as { retryable: boolean }).retryable, false);
    assert.equal((error as { status: number }).status, 401);
    assert.match(String((error as Error).message), /Incorrect API key/);
    assert.doesNotMatch(String((error as Error).message), /sk-wrong/);
  });
});

Deno.test("openai: 429 is rate_limited with Retry-After in ms, and is not retried by the adapter", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "status", status: 429, retryAfter: 7 }]);
    const { error } = await drain(openaiProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(kindOf(error), "rate_limited");
    assert.equal((error as { retryAfterMs: number }).retryAfterMs, 7000);
    assert.equal(fake.requests.length, 1);
  });
});

Deno.test("openai: 500 is server, 404 is bad_request", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "status", status: 500 }, { kind: "status", status: 404 }]);
    const provider = openaiProvider(settings, FAST);
    assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), "server");
    assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), "bad_request");
    assert.equal(fake.requests.length, 2);
  });
});

Deno.test("openai: silence mid-stream past idleTimeoutMs is timeout", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "slow", ms: 2000 }]);
    const { error, ms } = await drain(openaiProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(kindOf(error), "timeout");
    assert.ok(ms < 1500, `took ${ms} ms`);
  });
});

Deno.test("openai: no response within timeoutMs is timeout", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "hang" }]);
    const { error, ms } = await drain(openaiProvider(settings, { timeoutMs: 250 }).stream(sampleRequest()));
    assert.equal(kindOf(error), "timeout");
    assert.ok(ms < 1500, `took ${ms} ms`);
  });
});

Deno.test("openai: a stream that stops before [DONE] is stream_cut after the first pieces", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "cut", after: 3 }, { kind: "cut", after: 2, abrupt: true }]);
    const provider = openaiProvider(settings, FAST);
    const clean = await drain(provider.stream(sampleRequest()));
    assert.equal(kindOf(clean.error), "stream_cut");
    assert.deepEqual(clean.pieces, pieces(OPENAI_FAKE_TEXT).slice(0, 3));
    const abrupt = await drain(provider.stream(sampleRequest()));
    assert.equal(kindOf(abrupt.error), "stream_cut");
    assert.deepEqual(abrupt.pieces, pieces(OPENAI_FAKE_TEXT).slice(0, 2));
  });
});

Deno.test("openai: an error object inside the stream is classified", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "stream_error", after: 1, message: "The server had an error" }]);
    const { pieces: got, error } = await drain(openaiProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(got.length, 1);
    assert.equal(kindOf(error), "server");
  });
});

Deno.test("openai: aborting the signal stops the stream at once", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "ok", delayMs: 100 }]);
    const ctl = new AbortController();
    const { pieces: got, error, tailMs } = await drain(
      openaiProvider(settings, FAST).stream(sampleRequest({ signal: ctl.signal })),
      () => ctl.abort(),
    );
    assert.equal(got.length, 1);
    assert.equal((error as Error).name, "AbortError");
    assert.ok(tailMs < 150, `stopped ${tailMs} ms after the abort`);
  });
});

Deno.test("openai: an already aborted signal rejects with AbortError", async () => {
  await withFake(async (_fake, settings) => {
    const { error } = await drain(
      openaiProvider(settings, FAST).stream(sampleRequest({ signal: AbortSignal.abort() })),
    );
    assert.equal((error as Error).name, "AbortError");
  });
});

Deno.test("openai: a refused connection is network", async () => {
  const provider = openaiProvider({ provider: "openai", apiKey: KEY, baseUrl: "http://127.0.0.1:1/v1" }, FAST);
  assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), "network");
});

Deno.test("openai: a base URL that is not http(s) is bad_request, on the call", async () => {
  for (const baseUrl of ["not a url", "ftp://example.com/v1"]) {
    const provider = openaiProvider({ provider: "openai", apiKey: KEY, baseUrl }, FAST);
    assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), "bad_request");
    await assert.rejects(() => provider.testConnection(), (err) => kindOf(err) === "bad_request");
  }
});

Deno.test("openai adds /v1 to a bare origin, as compatible servers serve under it", async () => {
  await withFake(async (fake, settings) => {
    const origin = new URL(fake.url).origin + "/";
    const { error } = await drain(openaiProvider({ ...settings, baseUrl: origin }, FAST).stream(sampleRequest()));
    assert.equal(error, undefined);
    assert.equal(fake.requests[0].path, "/v1/chat/completions");
  });
});

Deno.test("openai: every request goes through the injected fetch", async () => {
  await withFake(async (_fake, settings) => {
    const seen: string[] = [];
    const provider = openaiProvider(settings, {
      ...FAST,
      fetch: (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    await drain(provider.stream(sampleRequest()));
    await provider.embed!(["a"]);
    await provider.testConnection();
    assert.deepEqual(seen.map((u) => new URL(u).pathname), ["/v1/chat/completions", "/v1/embeddings", "/v1/models"]);
  });
});

Deno.test("openai: a ProviderError thrown by the injected fetch (an SSRF guard, say) passes through", async () => {
  const refused = new ProviderError("bad_request", "Base URL resolves to a private address");
  const provider = openaiProvider({ provider: "openai", apiKey: KEY, baseUrl: "http://10.0.0.1/v1" }, {
    ...FAST,
    fetch: () => Promise.reject(refused),
  });
  assert.equal((await drain(provider.stream(sampleRequest()))).error, refused);
  await assert.rejects(() => provider.testConnection(), (err) => err === refused);
});

Deno.test("openai testConnection lists models, and says auth for a wrong key", async () => {
  await withFake(async (_fake, settings) => {
    const { detail } = await openaiProvider(settings, FAST).testConnection();
    assert.match(detail, /3 models/);
    await assert.rejects(
      () => openaiProvider({ ...settings, apiKey: "sk-nope" }, FAST).testConnection(),
      (err) => kindOf(err) === "auth",
    );
  });
});

Deno.test("openai testConnection falls back to a one-token completion when there is no model list", async () => {
  await withFake(async (fake, settings) => {
    const { detail } = await openaiProvider(settings, FAST).testConnection();
    assert.match(detail, /gpt-4o-mini answered/);
    assert.deepEqual(fake.requests.map((r) => r.path), ["/v1/models", "/v1/chat/completions"]);
    assert.equal((fake.requests[1].body as { max_tokens: number }).max_tokens, 1);
  }, { noModelList: true });
});

Deno.test("openai embed returns one vector per text, in order, batching large inputs", async () => {
  await withFake(async (fake, settings) => {
    const provider = openaiProvider({ ...settings, extra: { embeddingModel: "text-embedding-3-large" } }, FAST);
    const texts = ["refund policy", "opening hours", "refund policy"];
    const vectors = await provider.embed!(texts);
    assert.equal(vectors.length, 3);
    assert.equal(vectors[0].length, 64);
    assert.deepEqual(vectors[0], embedText("refund policy"));
    assert.deepEqual(vectors[0], vectors[2]);
    assert.notDeepEqual(vectors[0], vectors[1]);
    assert.equal((fake.requests[0].body as { model: string }).model, "text-embedding-3-large");
    const many = await provider.embed!(Array.from({ length: 130 }, (_, i) => `text ${i}`));
    assert.equal(many.length, 130);
    assert.deepEqual(many[129], embedText("text 129"));
    assert.equal(fake.requests.length, 3);
    assert.deepEqual(await provider.embed!([]), []);
  });
});

Deno.test("openai embed classifies failures like the stream", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "status", status: 429, retryAfter: 2 }]);
    await assert.rejects(() => openaiProvider(settings, FAST).embed!(["x"]), (err) => kindOf(err) === "rate_limited");
  });
});

Deno.test("openai talks to Azure OpenAI with the api-key header and the deployment path", async () => {
  await withFake(async (fake, settings) => {
    const provider = openaiProvider({ ...settings, extra: { apiVersion: "2024-10-21" } }, FAST);
    const { pieces: got, error } = await drain(provider.stream(sampleRequest({ model: "my-deployment" })));
    assert.equal(error, undefined);
    assert.equal(got.join(""), OPENAI_FAKE_TEXT);
    const [rec] = fake.requests;
    assert.equal(rec.path, "/v1/deployments/my-deployment/chat/completions");
    assert.equal(rec.query["api-version"], "2024-10-21");
    assert.equal(rec.headers["api-key"], KEY);
  });
});

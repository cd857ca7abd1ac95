import assert from "node:assert/strict";
import type { ProviderSettings } from "../models/ports/ai_provider.ts";
import { ANTHROPIC_FAKE_TEXT, startAnthropicFake } from "../tests/fakes/anthropic_fake.ts";
import { type FakeServer, pieces } from "../tests/fakes/fake_server.ts";
import { drain, kindOf, SAMPLE_AGENT_PROMPT, sampleRequest } from "../tests/fakes/provider_kit.ts";
import { anthropicProvider } from "./anthropic.ts";
import type { AdapterOptions } from "./options.ts";

const KEY = "sk-ant-test";
const FAST: AdapterOptions = { timeoutMs: 1000, idleTimeoutMs: 200 };

async function withFake(fn: (fake: FakeServer, settings: ProviderSettings) => Promise<void>) {
  const fake = startAnthropicFake();
  try {
    await fn(fake, { provider: "anthropic", apiKey: KEY, baseUrl: fake.url });
  } finally {
    await fake.close();
  }
}

Deno.test("anthropic streams the answer piece by piece, in order", async () => {
  await withFake(async (fake, settings) => {
    const { pieces: got, error } = await drain(anthropicProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(error, undefined);
    assert.deepEqual(got, pieces(ANTHROPIC_FAKE_TEXT));
    assert.ok(got.length > 3);
    assert.equal(fake.requests.length, 1);
  });
});

Deno.test("anthropic sends the key, version, model, system prompt, turns, temperature and max tokens", async () => {
  await withFake(async (fake, settings) => {
    await drain(anthropicProvider(settings, FAST).stream(sampleRequest({ model: "claude-haiku-4-5" })));
    const [rec] = fake.requests;
    assert.equal(rec.path, "/v1/messages");
    // SDK 1.x sends the key as a bearer token (API version 2026-10-21); older versions used x-api-key.
    assert.equal(rec.headers["x-api-key"] ?? rec.headers.authorization?.replace(/^Bearer /, ""), KEY);
    assert.match(rec.headers["anthropic-version"], /^\d{4}-\d{2}-\d{2}$/);
    const body = rec.body as Record<string, unknown>;
    assert.equal(body.model, "claude-haiku-4-5");
    assert.equal(body.stream, true);
    assert.equal(body.temperature, 0.3);
    assert.equal(body.max_tokens, 321);
    assert.ok(String(body.system).startsWith(SAMPLE_AGENT_PROMPT));
    // The agent's greeting came first: dropped, since Anthropic wants the user to open.
    assert.deepEqual(body.messages, [{ role: "user", content: "How long do refunds take?" }]);
  });
});

Deno.test("anthropic picks the model (request, workspace default, claude-sonnet-4-6) and caps temperature at 1", async () => {
  await withFake(async (fake, settings) => {
    await drain(anthropicProvider({ ...settings, defaultModel: "claude-opus-4-1" }, FAST).stream(sampleRequest()));
    await drain(anthropicProvider(settings, FAST).stream(sampleRequest({ temperature: 1.7 })));
    const bodies = fake.requests.map((r) => r.body as { model: string; temperature: number });
    assert.deepEqual(bodies.map((b) => b.model), ["claude-opus-4-1", "claude-sonnet-4-6"]);
    assert.equal(bodies[1].temperature, 1);
  });
});

Deno.test("anthropic joins consecutive turns of one role", async () => {
  await withFake(async (fake, settings) => {
    const req = sampleRequest({
      messages: [
        { role: "user", content: "Hello" },
        { role: "user", content: "Anyone there?" },
        { role: "assistant", content: "Yes!" },
        { role: "user", content: "" },
        { role: "user", content: "Refunds?" },
      ],
    });
    await drain(anthropicProvider(settings, FAST).stream(req));
    assert.deepEqual((fake.requests[0].body as { messages: unknown }).messages, [
      { role: "user", content: "Hello\n\nAnyone there?" },
      { role: "assistant", content: "Yes!" },
      { role: "user", content: "Refunds?" },
    ]);
  });
});

Deno.test("anthropic: a wrong key is auth, not retryable", async () => {
  await withFake(async (_fake, settings) => {
    const { error } = await drain(
      anthropicProvider({ ...settings, apiKey: "sk-ant-wrong" }, FAST).stream(sampleRequest()),
    );
    assert.equal(kindOf(error), "auth");
    assert.equal((error as { retryable: boolean }).retryable, false);
    assert.match(String((error as Error).message), /invalid x-api-key/);
  });
});

Deno.test("anthropic: 429 is rate_limited with Retry-After, 500 and 529 are server, no retries", async () => {
  await withFake(async (fake, settings) => {
    fake.script([
      { kind: "status", status: 429, retryAfter: 3 },
      { kind: "status", status: 500 },
      { kind: "status", status: 529 },
    ]);
    const provider = anthropicProvider(settings, FAST);
    const limited = (await drain(provider.stream(sampleRequest()))).error;
    assert.equal(kindOf(limited), "rate_limited");
    assert.equal((limited as { retryAfterMs: number }).retryAfterMs, 3000);
    assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), "server");
    assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), "server");
    assert.equal(fake.requests.length, 3);
  });
});

Deno.test("anthropic: silence mid-stream is timeout, and so is no answer at all", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "slow", ms: 2000 }, { kind: "hang" }]);
    const idle = await drain(anthropicProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(kindOf(idle.error), "timeout");
    assert.ok(idle.ms < 1500, `took ${idle.ms} ms`);
    const hung = await drain(anthropicProvider(settings, { timeoutMs: 250 }).stream(sampleRequest()));
    assert.equal(kindOf(hung.error), "timeout");
    assert.ok(hung.ms < 1500, `took ${hung.ms} ms`);
  });
});

Deno.test("anthropic: a stream that stops before message_stop is stream_cut after the first pieces", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "cut", after: 2 }]);
    const { pieces: got, error } = await drain(anthropicProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(kindOf(error), "stream_cut");
    assert.deepEqual(got, pieces(ANTHROPIC_FAKE_TEXT).slice(0, 2));
  });
});

Deno.test("anthropic: an error event in the stream (overloaded) is server", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "stream_error", after: 1 }]);
    const { pieces: got, error } = await drain(anthropicProvider(settings, FAST).stream(sampleRequest()));
    assert.equal(got.length, 1);
    assert.equal(kindOf(error), "server");
    assert.match(String((error as Error).message), /overloaded_error/);
  });
});

Deno.test("anthropic: aborting the signal stops the stream at once", async () => {
  await withFake(async (fake, settings) => {
    fake.script([{ kind: "ok", delayMs: 100 }]);
    const ctl = new AbortController();
    const { pieces: got, error, tailMs } = await drain(
      anthropicProvider(settings, FAST).stream(sampleRequest({ signal: ctl.signal })),
      () => ctl.abort(),
    );
    assert.equal(got.length, 1);
    assert.equal((error as Error).name, "AbortError");
    assert.ok(tailMs < 150, `stopped ${tailMs} ms after the abort`);
  });
});

Deno.test("anthropic: a refused connection is network; a bad base URL is bad_request", async () => {
  for (const [baseUrl, kind] of [["http://127.0.0.1:1", "network"], ["nope", "bad_request"]]) {
    const provider = anthropicProvider({ provider: "anthropic", apiKey: KEY, baseUrl }, FAST);
    assert.equal(kindOf((await drain(provider.stream(sampleRequest()))).error), kind);
  }
});

Deno.test("anthropic accepts a base URL pasted with /v1", async () => {
  await withFake(async (fake, settings) => {
    const { error } = await drain(
      anthropicProvider({ ...settings, baseUrl: `${settings.baseUrl}/v1/` }, FAST).stream(sampleRequest()),
    );
    assert.equal(error, undefined);
    assert.equal(fake.requests[0].path, "/v1/messages");
  });
});

Deno.test("anthropic testConnection lists models through the injected fetch, and says auth for a wrong key", async () => {
  await withFake(async (fake, settings) => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const { detail } = await anthropicProvider(settings, { ...FAST, fetch: counting }).testConnection();
    assert.match(detail, /2 models/);
    assert.equal(calls, 1);
    assert.equal(fake.requests[0].path, "/v1/models");
    await assert.rejects(
      () => anthropicProvider({ ...settings, apiKey: "nope" }, FAST).testConnection(),
      (err) => kindOf(err) === "auth",
    );
  });
});

Deno.test("anthropic has no embed", () => {
  assert.equal(anthropicProvider({ provider: "anthropic", apiKey: KEY }).embed, undefined);
});

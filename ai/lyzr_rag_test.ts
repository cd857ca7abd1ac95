import assert from "node:assert/strict";
import type { ProviderSettings } from "../models/ports/ai_provider.ts";
import { startLyzrFake } from "../tests/fakes/lyzr_fake.ts";
import { kindOf } from "../tests/fakes/provider_kit.ts";
import { lyzrRag, ragHits } from "./lyzr_rag.ts";

const KEY = "sk-default-test";
const FAST = { timeoutMs: 1000, idleTimeoutMs: 200, backoffMs: 5 };

async function withRag(fn: (fake: ReturnType<typeof startLyzrFake>, settings: ProviderSettings) => Promise<void>) {
  const fake = startLyzrFake();
  try {
    await fn(fake, { provider: "lyzr", apiKey: KEY, baseUrl: fake.url });
  } finally {
    await fake.close();
  }
}

Deno.test("lyzr rag: create a KB, train text with our ids as extra_info, retrieve them back", async () => {
  await withRag(async (fake, settings) => {
    const rag = lyzrRag(settings, FAST);
    const id = await rag.createKb("Frontdesk Agent 1", "Acme");
    assert.match(id, /^[0-9a-f]{24}$/);
    const create = fake.requests[0];
    assert.equal(create.headers["x-api-key"], KEY);
    assert.equal((create.body as { collection_name: string }).collection_name, "frontdesk_agent_1");
    await rag.trainText(id, [
      { text: "Refunds are paid within 5 days.", source: "Refunds", meta: { chunk_id: "c1", source_id: "s1" } },
      { text: "Orders ship from Lyon.", source: "Shipping", meta: { chunk_id: "c2", source_id: "s2" } },
    ]);
    const train = fake.requests[1];
    assert.equal(train.path, "/v3/train/text/");
    assert.equal(train.query.rag_id, id);
    assert.equal(fake.kbs.get(id)?.docs.length, 2);
    const hits = await rag.retrieve(id, "when are refunds paid?");
    assert.deepEqual(Object.keys(fake.requests[2].query).sort(), [
      "lambda_param",
      "query",
      "retrieval_type",
      "score_threshold",
      "time_decay_factor",
      "top_k",
    ]);
    assert.equal(hits[0].text, "Refunds are paid within 5 days.");
    assert.equal(hits[0].meta.chunk_id, "c1");
    await rag.reset(id);
    assert.equal(fake.kbs.get(id)?.docs.length, 0);
    await rag.deleteKb(id);
    await rag.deleteKb(id); // gone already: fine
    assert.equal(fake.kbs.size, 0);
  });
});

Deno.test("lyzr rag: website training sends urls and crawl limits", async () => {
  await withRag(async (fake, settings) => {
    fake.options.sites = { "https://acme.test/help": "Help centre: call us on weekdays." };
    const rag = lyzrRag(settings, FAST);
    const id = await rag.createKb("kb", "");
    await rag.trainWebsite(id, ["https://acme.test/help"], { maxPages: 3, maxDepth: 1 });
    const body = fake.requests.at(-1)!.body as Record<string, unknown>;
    assert.deepEqual([body.urls, body.max_crawl_pages, body.max_crawl_depth], [["https://acme.test/help"], 3, 1]);
    assert.equal((await rag.retrieve(id, "call weekdays"))[0].source, "https://acme.test/help");
  });
});

Deno.test("lyzr rag reads every retrieve shape the reference allows", async () => {
  for (const shape of ["results", "array", "documents"] as const) {
    await withRag(async (fake, settings) => {
      fake.options.retrieveShape = shape;
      const rag = lyzrRag(settings, FAST);
      const id = await rag.createKb("kb", "");
      await rag.trainText(id, [{ text: "Refunds take five days.", source: "R", meta: { chunk_id: "c9" } }]);
      const [hit] = await rag.retrieve(id, "refunds");
      assert.equal(hit.text, "Refunds take five days.", shape);
      assert.equal(hit.meta.chunk_id, "c9", shape);
      assert.ok(hit.score > 0, shape);
    });
  }
  assert.deepEqual(ragHits(["plain passage"]), [{ text: "plain passage", score: 0, meta: {} }]);
  assert.deepEqual(ragHits({ data: [{ page_content: "x", metadata: { score: 0.5, source: "s" } }] }), [
    { text: "x", score: 0.5, source: "s", meta: { score: 0.5, source: "s" } },
  ]);
  assert.throws(() => ragHits({ nothing: true }), (err) => kindOf(err) === "bad_response");
});

Deno.test("lyzr rag retries 429 and 5xx, not 401/404/422", async () => {
  await withRag(async (fake, settings) => {
    const rag = lyzrRag(settings, FAST);
    fake.script([{ kind: "status", status: 429, retryAfter: 0 }, { kind: "status", status: 503 }]);
    const id = await rag.createKb("kb", "");
    assert.equal(fake.requests.filter((r) => r.path === "/v3/rag/").length, 3);
    fake.script([{ kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "status", status: 500 }]);
    await assert.rejects(() => rag.reset(id), (err) => kindOf(err) === "server");
    const before = fake.requests.length;
    await assert.rejects(() => rag.retrieve("0".repeat(24), "x"), (err) => kindOf(err) === "bad_request");
    await assert.rejects(() => rag.trainText("nope", [{ text: "x", source: "s", meta: {} }]), (err) => {
      return kindOf(err) === "bad_request";
    });
    assert.equal(fake.requests.length, before + 2, "no retry of 404 or 422");
    const wrong = lyzrRag({ ...settings, apiKey: "sk-wrong" }, FAST);
    await assert.rejects(() => wrong.createKb("kb", ""), (err) => kindOf(err) === "auth");
    assert.equal(fake.requests.length, before + 3);
  });
});

import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const { agent } = await (await call(app, "POST", "/api/agents", { cookie: a.cookie, body: { name: "Bot" } })).json();
  const sources = async () =>
    (await (await call(app, "GET", `/api/agents/${agent.id}/sources`, { cookie: a.cookie })).json()).sources;
  return { ...ctx, app, a, agent, sources };
}

const FAQ = `# Billing FAQ

## Refunds
Refunds are issued within 5 business days of receiving the returned item.

## Invoices
Invoices are emailed on the first day of each month. You can download past invoices from Settings > Billing.`;

/** A small website on 127.0.0.1: two linked pages, robots.txt and a redirect to the metadata address. */
function startSite() {
  const pages: Record<string, string> = {
    "/": `<html><head><title>Acme Help</title></head><body><nav>Home | Pricing</nav><main><h1>Welcome</h1>
      <p>Acme ships parcels worldwide. Read about <a href="/shipping">shipping</a> and <a href="/secret">secrets</a>
      and <a href="/meta">meta</a>.</p></main><footer>© Acme</footer></body></html>`,
    "/shipping": `<html><head><title>Shipping</title></head><body><main><h1>Shipping times</h1>
      <p>Standard shipping takes 3 to 5 days within Europe. Express shipping arrives the next day.</p></main></body></html>`,
    "/secret": `<html><head><title>Secret</title></head><body><p>Internal only: canary-robots.</p></body></html>`,
  };
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/robots.txt") return new Response("User-agent: *\nDisallow: /secret\n");
    if (path === "/meta") return Response.redirect("http://169.254.169.254/latest/meta-data/", 302);
    const html = pages[path];
    return html
      ? new Response(html, { headers: { "content-type": "text/html" } })
      : new Response("no", { status: 404 });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

Deno.test("POST /api/agents/:id/train answers at once; the job chunks the text and makes version 1", async () => {
  const t = await setup();
  try {
    const res = await call(t.app, "POST", `/api/agents/${t.agent.id}/train`, {
      cookie: t.a.cookie,
      body: { type: "text", content: FAQ, metadata: { title: "Billing FAQ" } },
    });
    assert.equal(res.status, 202);
    const { source, job } = await res.json();
    assert.equal(source.type, "text");
    assert.equal(source.title, "Billing FAQ");
    assert.ok(["queued", "running"].includes(job.state));
    await t.runner.idle();
    const [ready] = await t.sources();
    assert.equal(ready.status, "ready");
    assert.equal(ready.active, true);
    assert.ok(ready.chunkCount >= 1);
    assert.equal(ready.job.state, "done");
    assert.equal(ready.job.progressDone, ready.job.progressTotal);
    const versions = (await (await call(t.app, "GET", `/api/agents/${t.agent.id}/versions`, { cookie: t.a.cookie }))
      .json()).versions;
    assert.equal(versions.length, 1);
    assert.equal(versions[0].number, 1);
    assert.equal(versions[0].active, true);
    const agent = (await (await call(t.app, "GET", `/api/agents/${t.agent.id}`, { cookie: t.a.cookie })).json()).agent;
    assert.equal(agent.knowledgeBase.length, 1);
    assert.equal(agent.knowledgeBase[0].type, "text");
    assert.equal(agent.knowledgeBase[0].metadata.title, "Billing FAQ");
  } finally {
    await t.cleanup();
  }
});

Deno.test("train validates its input: type, content, URL", async () => {
  const t = await setup();
  try {
    const path = `/api/agents/${t.agent.id}/train`;
    for (
      const body of [
        { type: "video", content: "x" },
        { type: "text", content: "   " },
        { type: "website", content: "not a url" },
        { type: "website", content: "ftp://example.com" },
        { type: "website", content: "https://example.com", metadata: { maxPages: 10_000 } },
      ]
    ) {
      const res = await call(t.app, "POST", path, { cookie: t.a.cookie, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((await res.json()).error.code, "validation_failed");
    }
    const res = await call(t.app, "POST", path, {
      cookie: t.a.cookie,
      body: "plain",
      headers: { "content-type": "text/plain" },
    });
    assert.equal(res.status, 415);
  } finally {
    await t.cleanup();
  }
});

Deno.test("website training refuses private and metadata addresses with 400 before fetching", async () => {
  const t = await setup();
  try {
    for (
      const url of [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[::ffff:169.254.169.254]/",
        "http://0xa9fea9fe/",
        "http://metadata.google.internal/",
      ]
    ) {
      const res = await call(t.app, "POST", `/api/agents/${t.agent.id}/train`, {
        cookie: t.a.cookie,
        body: { type: "website", content: url },
      });
      assert.equal(res.status, 400, url);
      assert.equal((await res.json()).error.code, "unsafe_url", url);
    }
    assert.deepEqual(await t.sources(), []);
  } finally {
    await t.cleanup();
  }
});

Deno.test("a website is crawled (robots.txt honoured, a redirect to metadata refused) and cited by page", async () => {
  const t = await setup();
  const site = startSite();
  try {
    const res = await call(t.app, "POST", `/api/agents/${t.agent.id}/train`, {
      cookie: t.a.cookie,
      body: { type: "website", content: site.url + "/", metadata: { maxPages: 10, maxDepth: 2 } },
    });
    assert.equal(res.status, 202);
    await t.runner.idle();
    const [src] = await t.sources();
    assert.equal(src.status, "ready", src.error);
    assert.ok(src.job.progressDone >= 2);
    const hits = await t.deps.store.knowledge.search(t.a.user.workspaceId, t.agent.id, "express shipping", 5);
    assert.equal(hits[0].url, `${site.url}/shipping`);
    assert.equal(hits[0].title, "Shipping");
    const secret = await t.deps.store.knowledge.search(t.a.user.workspaceId, t.agent.id, "canary robots", 5);
    assert.deepEqual(secret, [], "robots.txt disallowed page not ingested");
    const nav = await t.deps.store.knowledge.search(t.a.user.workspaceId, t.agent.id, "Pricing", 5);
    assert.ok(nav.every((h) => !/Home \| Pricing/.test(h.text)), "navigation dropped");
  } finally {
    await site.close();
    await t.cleanup();
  }
});

Deno.test("documents upload as multipart; the type comes from the bytes, not the name", async () => {
  const t = await setup();
  try {
    const upload = async (bytes: Uint8Array<ArrayBuffer> | string, name: string, type = "application/octet-stream") => {
      const form = new FormData();
      form.append("file", new File([bytes], name, { type }));
      return await call(t.app, "POST", `/api/agents/${t.agent.id}/train`, { cookie: t.a.cookie, form });
    };
    const html = await upload(
      "<html><head><title>Returns</title></head><body><h1>Returns</h1><p>Returns are free for 30 days.</p></body></html>",
      "returns.pdf",
    );
    assert.equal(html.status, 202);
    const md = await upload(FAQ, "faq.md", "text/markdown");
    assert.equal(md.status, 202);
    const garbage = await upload(new Uint8Array([0, 1, 2, 3, 0, 255, 0, 7]), "notes.txt");
    assert.equal(garbage.status, 400);
    assert.equal((await garbage.json()).error.code, "unsupported_type");
    const huge = await upload(new Uint8Array(11 * 1024 * 1024).fill(65), "big.txt");
    assert.equal(huge.status, 413);
    const noFile = await call(t.app, "POST", `/api/agents/${t.agent.id}/train`, {
      cookie: t.a.cookie,
      form: new FormData(),
    });
    assert.equal(noFile.status, 400);
    await t.runner.idle();
    const sources = await t.sources();
    assert.deepEqual(sources.map((s: { status: string }) => s.status), ["ready", "ready"], JSON.stringify(sources));
    const hits = await t.deps.store.knowledge.search(t.a.user.workspaceId, t.agent.id, "returns free", 3);
    assert.match(hits[0].text, /free for 30 days/);
  } finally {
    await t.cleanup();
  }
});

Deno.test("deleting a source makes a new version without it; rolling back brings it back", async () => {
  const t = await setup();
  try {
    const add = (content: string, title: string) =>
      call(t.app, "POST", `/api/agents/${t.agent.id}/train`, {
        cookie: t.a.cookie,
        body: { type: "text", content, metadata: { title } },
      });
    await add("Refunds take five days.", "Refunds");
    await t.runner.idle();
    await add("Parcels ship in two weeks.", "Shipping");
    await t.runner.idle();
    const sources = await t.sources();
    const refunds = sources.find((s: { title: string }) => s.title === "Refunds");
    const del = await call(t.app, "DELETE", `/api/agents/${t.agent.id}/sources/${refunds.id}`, { cookie: t.a.cookie });
    assert.equal(del.status, 200);
    assert.equal((await del.json()).version.number, 3);
    assert.deepEqual((await t.sources()).map((s: { title: string }) => s.title), ["Shipping"]);
    const versions =
      (await (await call(t.app, "GET", `/api/agents/${t.agent.id}/versions`, { cookie: t.a.cookie })).json()).versions;
    const v2 = versions.find((v: { number: number }) => v.number === 2);
    const back = await call(t.app, "POST", `/api/agents/${t.agent.id}/versions/${v2.id}/activate`, {
      cookie: t.a.cookie,
    });
    assert.equal(back.status, 200);
    assert.equal((await back.json()).version.reason, "Rolled back to v2");
    assert.deepEqual((await t.sources()).map((s: { title: string }) => s.title).sort(), ["Refunds", "Shipping"]);
    const hits = await t.deps.store.knowledge.search(t.a.user.workspaceId, t.agent.id, "refunds", 3);
    assert.equal(hits.length, 1);
    const resync = await call(t.app, "POST", `/api/agents/${t.agent.id}/sources/${refunds.id}/resync`, {
      cookie: t.a.cookie,
    });
    assert.equal(resync.status, 202);
    await t.runner.idle();
    const latest =
      (await (await call(t.app, "GET", `/api/agents/${t.agent.id}/versions`, { cookie: t.a.cookie })).json())
        .versions[0];
    assert.equal(latest.number, 5);
    assert.match(latest.reason, /Re-synced/);
  } finally {
    await t.cleanup();
  }
});

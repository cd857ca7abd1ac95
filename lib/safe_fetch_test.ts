import assert from "node:assert/strict";
import { ValidationError } from "./errors.ts";
import { assertPublicUrl, createSafeFetch, readLimited, type Resolver, safeFetch } from "./safe_fetch.ts";

/** A resolver that knows a fixed table and nothing else (no real DNS in tests). */
const fakeDns = (table: Record<string, string[]>): Resolver => (host) => Promise.resolve(table[host] ?? []);

async function refusedWith(p: Promise<unknown>, code = "unsafe_url"): Promise<ValidationError> {
  const e = await p.then(() => null, (e) => e);
  assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${e}`);
  assert.equal(e.code, code, e.message);
  return e;
}

/** A local server on port 0; `hits` records every path it was asked for. */
function startServer() {
  const hits: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    hits.push(url.pathname);
    const q = url.searchParams;
    if (url.pathname === "/to") {
      return new Response(null, { status: Number(q.get("s") ?? 302), headers: { location: q.get("u")! } });
    }
    if (url.pathname.startsWith("/hop/")) {
      const n = Number(url.pathname.slice(5));
      return n > 0 ? Response.redirect(new URL(`/hop/${n - 1}`, url), 302) : new Response("landed");
    }
    if (url.pathname === "/echo") {
      const body = {
        method: req.method,
        host: req.headers.get("host"),
        auth: req.headers.get("authorization"),
        body: await req.text(),
      };
      return Response.json(body);
    }
    if (url.pathname === "/big") {
      const n = Number(q.get("n"));
      const headers = q.has("cl") ? { "content-length": String(n) } : undefined;
      return new Response(q.has("cl") ? new Uint8Array(n) : ReadableStream.from([new Uint8Array(n)]), { headers });
    }
    if (url.pathname === "/slow") await new Promise((r) => setTimeout(r, 400));
    if (url.pathname === "/trickle") {
      // Headers at once, the body 200 ms later: what a streamed AI answer looks like.
      const later = new Promise<Uint8Array>((r) => setTimeout(() => r(new TextEncoder().encode("done")), 200));
      return new Response(ReadableStream.from((async function* () {
        yield await later;
      })()));
    }
    return new Response("hello");
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  return { base, hits, port: server.addr.port, [Symbol.asyncDispose]: () => server.shutdown() };
}

Deno.test("assertPublicUrl refuses loopback, private, link-local, metadata and reserved hosts in every spelling", async () => {
  // deno-fmt-ignore -- a grid keeps the list scannable
  const urls = [
    "http://127.0.0.1/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/",
    "http://0x7f000001/", "http://%31%32%37.0.0.1/", "http://127.0.0.1./", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://0/", "http://10.0.0.1/", "http://100.64.0.1/",
    "http://172.16.0.1/", "http://172.31.255.255/", "http://192.0.0.1/", "http://192.0.2.1/", "http://192.168.1.1/",
    "http://198.18.0.1/", "http://198.51.100.1/", "http://203.0.113.1/", "http://224.0.0.1/", "http://240.0.0.1/",
    "http://255.255.255.255/", "http://[::]/", "http://[fc00::1]/", "http://[fe80::1]/", "http://[ff02::1]/",
    "http://[2001:db8::1]/", "http://[100::1]/", "http://[2002:a9fe:a9fe::]/", "http://localhost/", "http://LOCALHOST./",
    "http://app.localhost/", "http://metadata.google.internal/computeMetadata/v1/", "http://metadata/", "ftp://example.com/",
    "file:///etc/passwd", "javascript:alert(1)", "http://user:pass@example.com/", "https://token@example.com/", "not a url",
  ];
  const resolve = fakeDns({ "example.com": ["93.184.215.14"] });
  for (const url of urls) await refusedWith(assertPublicUrl(url, { resolve }));
  // The numeric spellings are refused because they *are* loopback, not because they fail to parse.
  for (const url of urls.slice(0, 8)) assert.match((await refusedWith(assertPublicUrl(url))).message, /loopback/, url);
  assert.equal((await assertPublicUrl("https://example.com/a?b", { resolve })).href, "https://example.com/a?b");
  assert.equal((await assertPublicUrl("http://8.8.8.8/")).hostname, "8.8.8.8");
  assert.equal((await assertPublicUrl("http://[2606:4700::1111]/")).hostname, "[2606:4700::1111]");
});

Deno.test("assertPublicUrl checks what a public-looking name resolves to", async () => {
  const resolve = fakeDns({
    "loop.example.com": ["127.0.0.1"],
    "meta.example.com": ["169.254.169.254"],
    "mapped.example.com": ["::ffff:127.0.0.1"],
    "mixed.example.com": ["93.184.215.14", "10.0.0.7"],
    "v6.example.com": ["fd00::5"],
    "ok.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  });
  for (const host of ["loop", "meta", "mapped", "mixed", "v6", "nxdomain"]) {
    const e = await refusedWith(assertPublicUrl(`https://${host}.example.com/`, { resolve }));
    assert.match(e.message, /resolve/);
  }
  assert.ok(await assertPublicUrl("https://ok.example.com/", { resolve }));
});

Deno.test("allowLoopback allows 127.0.0.1 but still refuses private and metadata addresses", async () => {
  const resolve = fakeDns({ localhost: ["127.0.0.1"], "meta.example.com": ["169.254.169.254"] });
  const opts = { allowLoopback: true, resolve };
  for (const url of ["http://127.0.0.1:8000/", "http://[::1]/", "http://localhost:3000/"]) {
    await assertPublicUrl(url, opts);
  }
  for (const url of ["http://10.0.0.1/", "http://169.254.169.254/", "http://meta.example.com/", "http://0.0.0.0/"]) {
    await refusedWith(assertPublicUrl(url, opts));
  }
});

Deno.test("safeFetch refuses a redirect to the metadata address or a private address without contacting it", async () => {
  await using site = startServer();
  const asked: string[] = [];
  const spy: typeof fetch = (input, init) => {
    asked.push(String(input));
    return fetch(input, init);
  };
  for (const target of ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::ffff:a9fe:a9fe]/"]) {
    const url = `${site.base}/to?u=${encodeURIComponent(target)}`;
    const e = await refusedWith(safeFetch(url, {}, { allowLoopback: true, fetch: spy }));
    assert.match(e.message, /^Refused a redirect/);
  }
  assert.ok(asked.every((u) => u.startsWith(site.base)), `only our server was asked: ${asked}`);
  // With the real fetch underneath too (no spy): refused at the redirect.
  await refusedWith(safeFetch(`${site.base}/to?u=http://169.254.169.254/`, {}, { allowLoopback: true }));
});

Deno.test("safeFetch follows checked redirects up to the limit and reports the final URL", async () => {
  await using site = startServer();
  const { response, url } = await safeFetch(`${site.base}/hop/5`, {}, { allowLoopback: true });
  assert.equal(await response.text(), "landed");
  assert.equal(url.href, `${site.base}/hop/0`);
  await refusedWith(safeFetch(`${site.base}/hop/6`, {}, { allowLoopback: true }), "too_many_redirects");
  await refusedWith(
    safeFetch(`${site.base}/hop/2`, {}, { allowLoopback: true, maxRedirects: 1 }),
    "too_many_redirects",
  );
  const manual = await safeFetch(`${site.base}/hop/1`, { redirect: "manual" }, { allowLoopback: true });
  assert.equal(manual.response.status, 302);
  await manual.response.body?.cancel();
});

Deno.test("safeFetch turns POST into GET on 303 and drops credentials on a cross-origin redirect", async () => {
  await using site = startServer();
  // "pinned.test" exists only in the injected resolver: reaching the server proves the connection is
  // pinned to the checked address rather than resolved again by fetch.
  const resolve = fakeDns({ "pinned.test": ["127.0.0.1"] });
  const target = `http://pinned.test:${site.port}/echo`;
  const { response } = await safeFetch(`${site.base}/to?s=303&u=${encodeURIComponent(target)}`, {
    method: "POST",
    body: "secret=1",
    headers: { authorization: "Bearer t0ken" },
  }, { allowLoopback: true, resolve });
  const echoed = await response.json();
  assert.deepEqual(echoed, { method: "GET", host: `pinned.test:${site.port}`, auth: null, body: "" });
  const same = await safeFetch(`${site.base}/to?s=307&u=/echo`, {
    method: "POST",
    body: "keep",
    headers: { authorization: "Bearer t0ken" },
  }, { allowLoopback: true });
  assert.deepEqual(await same.response.json(), {
    method: "POST",
    host: `127.0.0.1:${site.port}`,
    auth: "Bearer t0ken",
    body: "keep",
  });
});

Deno.test("safeFetch enforces a body size limit while reading, with or without Content-Length", async () => {
  await using site = startServer();
  const opts = { allowLoopback: true, maxBytes: 1000 };
  await refusedWith(safeFetch(`${site.base}/big?n=5000&cl`, {}, opts), "too_large");
  const streamed = await safeFetch(`${site.base}/big?n=5000`, {}, opts);
  await refusedWith(streamed.response.arrayBuffer(), "too_large");
  const small = await safeFetch(`${site.base}/big?n=1000`, {}, opts);
  assert.equal((await small.response.bytes()).byteLength, 1000);
  const raw = await safeFetch(`${site.base}/big?n=5000`, {}, { allowLoopback: true });
  await refusedWith(readLimited(raw.response, 4999), "too_large");
  const exact = await safeFetch(`${site.base}/big?n=5000&cl`, {}, { allowLoopback: true });
  assert.equal((await readLimited(exact.response, 5000)).byteLength, 5000);
});

Deno.test("safeFetch gives up after timeoutMs", async () => {
  await using site = startServer();
  const e = await safeFetch(`${site.base}/slow`, {}, { allowLoopback: true, timeoutMs: 50 }).then(() => null, (e) => e);
  assert.equal(e?.name, "TimeoutError");
});

Deno.test("createSafeFetch is a fetch that refuses unsafe URLs, Request objects included", async () => {
  await using site = startServer();
  const guarded = createSafeFetch({ allowLoopback: true });
  assert.equal(await (await guarded(`${site.base}/ok`)).text(), "hello");
  const req = new Request(`${site.base}/echo`, { method: "PUT", body: "x" });
  assert.equal((await (await guarded(req)).json()).body, "x");
  await refusedWith(guarded(new Request("http://169.254.169.254/latest/meta-data/")));
  await refusedWith(createSafeFetch()(`${site.base}/ok`), "unsafe_url");
});

Deno.test("createSafeFetch bounds the wait for headers but lets a streamed body take longer", async () => {
  await using site = startServer();
  const guarded = createSafeFetch({ allowLoopback: true, headersTimeoutMs: 100 });
  assert.equal(await (await guarded(`${site.base}/trickle`)).text(), "done");
  const e = await guarded(`${site.base}/slow`).then(() => null, (e) => e);
  assert.equal(e?.name, "TimeoutError");
});

import assert from "node:assert/strict";
import { plainDeps, tinyApp } from "../tests/fakes/http_kit.ts";
import { clientAddress } from "./client_address.ts";

function app(trustProxy: string) {
  const app = tinyApp(plainDeps({ TRUST_PROXY: trustProxy }));
  app.get("/", (c) => c.text(clientAddress(c)));
  return app;
}

const forwarded = { "x-forwarded-for": "6.6.6.6, 1.2.3.4" };

Deno.test("X-Forwarded-For is ignored unless proxies are trusted", async () => {
  // No socket behind app.request(): the address is unknown rather than the header's claim.
  assert.equal(await (await app("0").request("/", { headers: forwarded })).text(), "unknown");
});

Deno.test("with one trusted proxy, only the entry it appended counts (a client cannot choose its own)", async () => {
  assert.equal(await (await app("1").request("/", { headers: forwarded })).text(), "1.2.3.4");
  assert.equal(await (await app("2").request("/", { headers: forwarded })).text(), "6.6.6.6");
});

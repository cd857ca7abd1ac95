import assert from "node:assert/strict";
import { makeTestDeps } from "../tests/helpers.ts";
import type { Transport } from "./socket.ts";
import { VisitorSession } from "./visitor_session.ts";

function fakeTransport() {
  const t = {
    open: true,
    closedWith: null as number | null,
    send(_data: string) {},
    close(code?: number) {
      t.open = false;
      t.closedWith = code ?? 1000;
    },
  };
  return t satisfies Transport;
}

Deno.test("heartbeats: a socket silent for 2.5 heartbeats is closed, one that keeps talking stays open", async () => {
  const ctx = await makeTestDeps();
  const silent = fakeTransport();
  const chatty = fakeTransport();
  const heartbeatMs = 40;
  const a = new VisitorSession(ctx.deps, silent, heartbeatMs);
  const b = new VisitorSession(ctx.deps, chatty, heartbeatMs);
  const talk = setInterval(() => b.receive(JSON.stringify({ type: "ping" })), heartbeatMs / 2);
  try {
    await new Promise((r) => setTimeout(r, heartbeatMs * 4));
    assert.equal(silent.closedWith, 4000, "the silent socket is dropped");
    assert.equal(a.closed, true);
    assert.equal(chatty.closedWith, null, "the talking one is kept");
    assert.equal(b.closed, false);
  } finally {
    clearInterval(talk);
    a.close();
    b.close();
    await ctx.cleanup();
  }
});

import assert from "node:assert/strict";
import { Outbox } from "./outbox.ts";

const msg = (clientId: string, conversationId?: string) => ({
  clientId,
  conversationId,
  text: `text ${clientId}`,
  attachments: [],
  pageUrl: "https://shop.example/cart",
});

Deno.test("Outbox sends only the first message until its ack names the new conversation", () => {
  const box = new Outbox();
  box.add(msg("c1"));
  box.add(msg("c2"));
  assert.deepEqual(box.drain(), [{
    type: "send",
    clientId: "c1",
    text: "text c1",
    pageUrl: "https://shop.example/cart",
  }]);
  assert.deepEqual(box.drain(), [], "c2 waits: it would start a second conversation");
  box.ack("c1", "conv1");
  assert.deepEqual(box.drain(), [{ type: "send", clientId: "c2", text: "text c2", conversationId: "conv1" }]);
  box.ack("c2", "conv1");
  assert.deepEqual(box.items, []);
});

Deno.test("Outbox re-sends everything unacknowledged after a reconnect, same clientIds, in order", () => {
  const box = new Outbox();
  box.add(msg("a", "conv"));
  box.add(msg("b", "conv"));
  assert.deepEqual(box.drain().map((f) => f.type === "send" && f.clientId), ["a", "b"]);
  box.ack("a", "conv");
  box.add(msg("c", "conv"));
  box.reset(); // new socket
  assert.deepEqual(box.drain().map((f) => f.type === "send" && f.clientId), ["b", "c"]);
  assert.deepEqual(box.drain(), [], "nothing twice on the same socket");
});

Deno.test("Outbox keeps a refused message aside until Retry, and sends attachment ids", () => {
  const box = new Outbox();
  const file = { id: "f".repeat(24), name: "a.png", contentType: "image/png", size: 3, url: "https://x/a.png" };
  box.add({ ...msg("a", "conv"), attachments: [file] });
  assert.deepEqual(box.drain(), [{
    type: "send",
    clientId: "a",
    text: "text a",
    conversationId: "conv",
    attachments: ["f".repeat(24)],
  }]);
  box.fail("a");
  box.reset();
  assert.deepEqual(box.drain(), []);
  assert.equal(box.items[0].state, "failed");
  box.requeue("a");
  assert.equal(box.drain().length, 1);
});

Deno.test("Outbox lets a later first message go when the earlier one failed", () => {
  const box = new Outbox();
  box.add(msg("a"));
  box.add(msg("b"));
  box.drain();
  box.fail("a");
  assert.deepEqual(box.drain().map((f) => f.type === "send" && f.clientId), ["b"]);
});

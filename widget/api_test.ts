import assert from "node:assert/strict";
import { createApi, replay } from "./api.ts";
import type { ChatController } from "./types.ts";

function fakeChat() {
  const calls: string[] = [];
  const chat: ChatController = {
    open: () => void calls.push("open"),
    close: () => void calls.push("close"),
    toggle: () => void calls.push("toggle"),
    identify: (i) => {
      calls.push(`identify ${i.email}`);
      return Promise.resolve({ id: "v1", email: i.email, verified: false });
    },
  };
  return { chat, calls };
}

Deno.test("calls made before the chat loads wait for it, in order", async () => {
  const { chat, calls } = fakeChat();
  let loaded!: (c: ChatController) => void;
  const ready = new Promise<ChatController>((r) => loaded = r);
  const { api } = createApi(async (fn) => fn(await ready));
  api.open();
  const who = api.identify({ email: "ada@example.com" });
  api.close();
  assert.deepEqual(calls, []);
  loaded(chat);
  assert.deepEqual(await who, { id: "v1", email: "ada@example.com", verified: false });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(calls, ["open", "identify ada@example.com", "close"]);
});

Deno.test("a hidden widget (inactive agent) answers API calls with undefined", async () => {
  const { api } = createApi(() => Promise.resolve(undefined));
  assert.equal(await api.identify({ email: "x@example.com" }), undefined);
  api.toggle(); // no throw
});

Deno.test("on/off deliver events; a late ready listener still hears ready; a throwing handler does not stop others", () => {
  const reported: unknown[] = [];
  const { api, emit } = createApi(() => Promise.resolve(undefined), (err) => reported.push(err));
  const seen: unknown[] = [];
  const onUnread = (n?: unknown) => seen.push(["unread", n]);
  api.on("unread", () => {
    throw new Error("host page bug");
  });
  api.on("unread", onUnread);
  emit("unread", 2);
  api.off("unread", onUnread);
  emit("unread", 3);
  emit("ready", { visitorId: "v1" });
  api.on("ready", (d) => seen.push(["ready", d]));
  assert.deepEqual(seen, [["unread", 2], ["ready", { visitorId: "v1" }]]);
  assert.match(String(reported), /host page bug/, "the host page's exception is reported, not swallowed");
});

Deno.test("replay runs what a stub queued, with arguments objects or arrays, ignoring unknown names", () => {
  const calls: unknown[] = [];
  const chat = { open: () => calls.push("open") } as unknown as ChatController;
  const { api, emit } = createApi((fn) => Promise.resolve(fn(chat)));
  const handler = (d?: unknown) => calls.push(["message", d]);
  (function (..._args: unknown[]) {
    // What a classic stub pushes: an `arguments` object.
    replay(api, [["open"], arguments, ["nope"], ["version"], "garbage", null]);
  })("on", "message", handler);
  emit("message", { text: "hi" });
  assert.deepEqual(calls, ["open", ["message", { text: "hi" }]]);
});

import assert from "node:assert/strict";
import { conv, msg } from "../test_data.ts";
import type { ServerFrame } from "../types.ts";
import { mergeMessages, seenMessageId } from "./merge.ts";
import { type ChatAction, chatReducer, type ChatState, gapBefore, initialState, TYPING_TTL_MS } from "./state.ts";

const run = (s: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, s);
const frame = (f: ServerFrame, now = 0): ChatAction => ({ type: "frame", frame: f, now });
const visitor = { id: "v0000000000000000000ab12", verified: false, createdAt: "2026-03-04T09:00:00.000Z" };

function loaded(messages = [msg()]) {
  return run(initialState([conv()]), { type: "thread.loaded", conversation: conv(), messages, visitor });
}

Deno.test("messages are unique by id and ordered by seq, however often and in whatever order they arrive", () => {
  const a = msg({ seq: 1 }), b = msg({ seq: 2, text: "two" }), c = msg({ seq: 3, text: "three" });
  let s = loaded([c]);
  s = run(s, frame({ type: "message", message: a }), frame({ type: "message", message: b }));
  s = run(s, frame({ type: "message", message: b }), frame({ type: "message", message: c }));
  assert.deepEqual(s.threads[conv().id].messages.map((m) => m.seq), [1, 2, 3]);
  assert.equal(s.conversations[conv().id].lastSeq, 3, "the list follows the newest message");
  assert.equal(s.conversations[conv().id].lastMessagePreview, "three");
});

Deno.test("messages of threads that are not loaded are left to the list", () => {
  const s = run(initialState([conv()]), frame({ type: "message", message: msg({ seq: 2 }) }));
  assert.deepEqual(s.threads, {});
});

Deno.test("an AI answer grows from tokens, a replay never shortens it, and message.updated has the last word", () => {
  const ai = msg({ id: "ai1", seq: 2, author: { kind: "ai" }, sender: "agent", text: "", status: "streaming" });
  let s = run(loaded(), frame({ type: "message", message: ai }));
  s = run(
    s,
    frame({ type: "ai.token", conversationId: ai.conversationId, messageId: "ai1", text: "Refunds take " }),
    frame({ type: "ai.token", conversationId: ai.conversationId, messageId: "ai1", text: "5 days." }),
    frame({ type: "ai.token", conversationId: ai.conversationId, messageId: "nope", text: "lost" }),
  );
  const text = () => s.threads[ai.conversationId].messages.find((m) => m.id === "ai1")!.text;
  assert.equal(text(), "Refunds take 5 days.");
  s = run(s, frame({ type: "message", message: { ...ai, text: "Refunds" } }));
  assert.equal(text(), "Refunds take 5 days.", "a resumed copy with less text is ignored");
  s = run(s, frame({ type: "message.updated", message: { ...ai, text: "" } }));
  assert.equal(text(), "", "a provider retry resets the answer");
  const done = { ...ai, text: "Refunds take **5** days.", html: "<p>Refunds take <strong>5</strong> days.</p>" };
  s = run(s, frame({ type: "message.updated", message: { ...done, status: "complete" } }));
  const m = s.threads[ai.conversationId].messages.find((x) => x.id === "ai1")!;
  assert.equal(m.status, "complete");
  assert.equal(m.html, done.html);
  s = run(s, frame({ type: "ai.token", conversationId: ai.conversationId, messageId: "ai1", text: "late" }));
  assert.equal(text(), done.text, "tokens after the end change nothing");
});

Deno.test("a reply is pending until its ack, which the broadcast of the same message does not double", () => {
  const reply = {
    clientId: "client-0001",
    conversationId: conv().id,
    text: "Hi, I'm Ada",
    createdAt: "2026-03-04T10:01:00.000Z",
    state: "sending" as const,
  };
  let s = run(loaded(), { type: "reply.sending", reply });
  assert.equal(s.threads[conv().id].pending.length, 1);
  const stored = msg({
    id: "s1",
    seq: 2,
    clientId: "client-0001",
    author: { kind: "staff", name: "Ada" },
    text: reply.text,
  });
  s = run(
    s,
    frame({ type: "ack", clientId: "client-0001", message: stored }),
    frame({ type: "message", message: stored }),
  );
  assert.equal(s.threads[conv().id].pending.length, 0);
  assert.deepEqual(s.threads[conv().id].messages.map((m) => m.id), ["m1", "s1"]);
});

Deno.test("an error frame naming a reply's clientId marks that reply failed; a retry sends it again", () => {
  const reply = {
    clientId: "client-0002",
    conversationId: conv().id,
    text: "x",
    createdAt: "",
    state: "sending" as const,
  };
  let s = run(loaded(), { type: "reply.sending", reply });
  s = run(s, frame({ type: "error", code: "rate_limited", message: "Slow down.", clientId: "client-0002" }));
  assert.deepEqual(s.threads[conv().id].pending.map((p) => [p.state, p.error]), [["failed", "Slow down."]]);
  s = run(s, { type: "reply.sending", reply });
  assert.deepEqual(s.threads[conv().id].pending.map((p) => p.state), ["sending"]);
});

Deno.test("typing shows until off, until the typist's message arrives, or until it expires", () => {
  const id = conv().id;
  let s = run(loaded(), frame({ type: "typing", conversationId: id, from: "visitor", on: true }, 1000));
  assert.equal(s.typing[id].from, "visitor");
  s = run(s, frame({ type: "message", message: msg({ seq: 2 }) }));
  assert.equal(s.typing[id], undefined, "the visitor's message ends their typing");
  s = run(s, frame({ type: "typing", conversationId: id, from: "visitor", on: true }, 1000));
  assert.equal(run(s, { type: "typing.expire", now: 1000 + TYPING_TTL_MS - 1 }).typing[id]?.from, "visitor");
  assert.equal(run(s, { type: "typing.expire", now: 1000 + TYPING_TTL_MS }).typing[id], undefined);
  assert.equal(run(s, frame({ type: "typing", conversationId: id, from: "visitor", on: false })).typing[id], undefined);
});

Deno.test("read frames and local reads only ever raise the markers", () => {
  const id = conv().id;
  let s = run(loaded(), frame({ type: "read", conversationId: id, by: "visitor", seq: 3 }));
  s = run(s, frame({ type: "read", conversationId: id, by: "visitor", seq: 2 }), {
    type: "read.local",
    conversationId: id,
    seq: 4,
  });
  s = run(s, { type: "read.local", conversationId: id, seq: 1 });
  assert.equal(s.conversations[id].visitorReadSeq, 3);
  assert.equal(s.conversations[id].staffReadSeq, 4);
});

Deno.test("a gap in seqs asks for a sync from the last seq held; a duplicate or the next seq does not", () => {
  const s = loaded([msg({ seq: 1 }), msg({ seq: 2 })]);
  const t = s.threads[conv().id];
  assert.equal(gapBefore(t, msg({ seq: 3 })), null);
  assert.equal(gapBefore(t, msg({ seq: 2 })), null);
  assert.equal(gapBefore(t, msg({ seq: 5 })), 2);
  assert.equal(gapBefore(undefined, msg({ seq: 5 })), null);
});

Deno.test("'Seen' goes on the last staff message once the visitor's read marker covers it", () => {
  const list = mergeMessages([], [
    msg({ seq: 1 }),
    msg({ seq: 2, author: { kind: "staff", name: "Ada" } }),
    msg({ seq: 3, author: { kind: "staff", name: "Ada" } }),
    msg({ seq: 4, author: { kind: "system" } }),
  ]);
  assert.equal(seenMessageId(list, 2), null, "the newest staff message is not read yet");
  assert.equal(seenMessageId(list, 3), "m3");
  assert.equal(seenMessageId([msg()], 9), null, "no staff message, no marker");
  const withNote = mergeMessages(list, [msg({ seq: 5, author: { kind: "staff", name: "Ada" }, internal: true })]);
  assert.equal(seenMessageId(withNote, 4), "m3", "the visitor never sees internal notes, so they never get 'Seen'");
});

Deno.test("a failed thread load says why; dropping a thread forgets it", () => {
  let s = run(initialState(), { type: "thread.loading", conversationId: "x" });
  s = run(s, { type: "thread.failed", conversationId: "x", error: "Not found" });
  assert.equal(s.threads.x.status, "error");
  assert.equal(run(s, { type: "thread.drop", conversationId: "x" }).threads.x, undefined);
});

Deno.test("the inbox resumes before an answer it still holds as streaming", async () => {
  const { resumeSeq } = await import("./merge.ts");
  const m = (seq: number, status = "complete") => ({ id: `m${seq}`, seq, status }) as never;
  assert.equal(resumeSeq([m(1), m(2, "streaming"), m(3)]), 1);
  assert.equal(resumeSeq([m(1), m(2)]), 2);
  assert.equal(resumeSeq([]), 0);
});

Deno.test("the list counts as unread what the visitor and the AI wrote, not what the team wrote once caught up", () => {
  const staff = { kind: "staff" as const, name: "Ada" };
  const row = (state: ChatState) => state.conversations[conv().id];
  let s = run(initialState([conv({ lastSeq: 1, staffReadSeq: 1 })]));
  s = run(s, frame({ type: "message", message: msg({ id: "m2", seq: 2, author: staff, sender: "agent" }) }));
  assert.deepEqual([row(s).lastSeq, row(s).staffReadSeq], [2, 2]);
  s = run(
    s,
    frame({ type: "message", message: msg({ id: "m3", seq: 3, internal: true, author: { kind: "system" } }) }),
  );
  assert.deepEqual([row(s).lastSeq, row(s).staffReadSeq], [3, 3]);
  s = run(s, frame({ type: "message", message: msg({ id: "m4", seq: 4 }) }));
  assert.deepEqual([row(s).lastSeq, row(s).staffReadSeq], [4, 3]);
  s = run(s, frame({ type: "message", message: msg({ id: "m5", seq: 5, author: staff, sender: "agent" }) }));
  assert.deepEqual([row(s).lastSeq, row(s).staffReadSeq], [5, 3], "still behind");
});

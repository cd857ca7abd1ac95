import assert from "node:assert/strict";
import { upsertConversation } from "../staff_chat/live/merge.ts";
import { type ChatAction, chatReducer, type ChatState, initialState } from "../staff_chat/live/state.ts";
import { conv } from "../staff_chat/test_data.ts";
import type { ServerFrame } from "../staff_chat/types.ts";
import { listFor } from "./list.ts";

const run = (s: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, s);
const frame = (f: ServerFrame, now = 0): ChatAction => ({ type: "frame", frame: f, now });

Deno.test("a conversation frame puts new conversations first and a stale snapshot never rolls one back", () => {
  let s = initialState([conv()]);
  s = run(
    s,
    frame({ type: "conversation", conversation: conv({ id: "c2", lastMessageAt: "2026-03-04T11:00:00.000Z" }) }),
  );
  assert.deepEqual(listFor(s.conversations, { handledBy: "all", agentId: "" }).map((c) => c.id), [
    "c2",
    "c00000000000000000000001",
  ]);
  const fresh = conv({ lastSeq: 5, lastMessagePreview: "Newest", staffReadSeq: 4, visitorName: "Ada" });
  const map = upsertConversation(upsertConversation({}, fresh), conv({ lastSeq: 3, handledBy: "human" }));
  const c = map[fresh.id];
  assert.equal(c.lastSeq, 5);
  assert.equal(c.lastMessagePreview, "Newest");
  assert.equal(c.staffReadSeq, 4, "read markers never go down");
  assert.equal(c.handledBy, "human", "other fields follow the latest word");
  assert.equal(c.visitorName, "Ada", "a take-over answer without the visitor keeps the name");
});

Deno.test("the list filters by who handles it and by agent", () => {
  const s = initialState([
    conv({ id: "c1", handledBy: "ai" }),
    conv({ id: "c2", handledBy: "human", agentId: "a2" }),
    conv({ id: "c3", handledBy: "human" }),
  ]);
  assert.deepEqual(listFor(s.conversations, { handledBy: "human", agentId: "" }).map((c) => c.id).sort(), ["c2", "c3"]);
  assert.deepEqual(listFor(s.conversations, { handledBy: "all", agentId: "a2" }).map((c) => c.id), ["c2"]);
  assert.deepEqual(listFor(s.conversations, { handledBy: "ai", agentId: "a2" }), []);
});

import assert from "node:assert/strict";
import type { WireMessage } from "../../realtime/protocol.ts";
import { appendToken, contiguousSeq, liveCards, unreadCount, upsert, viewItems } from "./transcript.ts";

const C = "c".repeat(24);

function m(seq: number, over: Partial<WireMessage> = {}): WireMessage {
  return {
    id: `m${seq}`,
    conversationId: C,
    seq,
    sender: "agent",
    author: { kind: "ai" },
    text: `message ${seq}`,
    attachments: [],
    citations: [],
    status: "complete",
    createdAt: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

const seqs = (list: WireMessage[]) => list.map((x) => x.seq);

Deno.test("upsert keeps messages sorted by seq and each id once, whatever order and repeats", () => {
  let list: WireMessage[] = [];
  for (const s of [3, 1, 2, 3, 1, 5, 4, 5]) list = upsert(list, m(s));
  assert.deepEqual(seqs(list), [1, 2, 3, 4, 5]);
});

Deno.test("upsert returns the same array when nothing changes a finished message (no re-render)", () => {
  const list = [m(1)];
  assert.equal(upsert(list, m(1, { status: "streaming", text: "" })), list);
});

Deno.test("a resumed streaming snapshot never shortens what the tokens already showed", () => {
  let list = upsert([], m(2, { status: "streaming", text: "" }));
  list = appendToken(list, C, "m2", "Refunds take ");
  list = appendToken(list, C, "m2", "5 days");
  list = upsert(list, m(2, { status: "streaming", text: "Refunds" })); // resume after reconnect
  assert.equal(list[0].text, "Refunds take 5 days");
  list = upsert(list, m(2, { status: "streaming", text: "Refunds take 5 days, then" }));
  assert.equal(list[0].text, "Refunds take 5 days, then", "a longer snapshot wins");
});

Deno.test("a streaming message.updated restarts the answer; the final update replaces the tokens", () => {
  let list = upsert([], m(2, { status: "streaming", text: "" }));
  list = appendToken(list, C, "m2", "Half an ans");
  list = upsert(list, m(2, { status: "streaming", text: "" }), true); // provider retry: reset
  list = appendToken(list, C, "m2", "Fresh");
  assert.equal(list[0].text, "Fresh");
  list = upsert(list, m(2, { text: "Fresh answer.", html: "<p>Fresh answer.</p>" }), true);
  assert.equal(list[0].status, "complete");
  assert.equal(list[0].html, "<p>Fresh answer.</p>");
  assert.equal(appendToken(list, C, "m2", "late token")[0].text, "Fresh answer.", "late tokens are ignored");
});

Deno.test("tokens for an answer not seen yet start a placeholder after the last message, replaced by the real one", () => {
  let list = [m(1, { sender: "user", author: { kind: "visitor" } })];
  list = appendToken(list, C, "m2", "Hel");
  list = appendToken(list, C, "m2", "lo");
  assert.deepEqual(list.map((x) => [x.id, x.text, x.status]), [["m1", "message 1", "complete"], [
    "m2",
    "Hello",
    "streaming",
  ]]);
  assert.equal(list[1].seq, 1.5);
  list = upsert(list, m(2, { text: "Hello there" }));
  assert.deepEqual(seqs(list), [1, 2]);
  assert.equal(list[1].text, "Hello there");
});

Deno.test("contiguousSeq is where to resume: the end of the gapless run from 1", () => {
  assert.equal(contiguousSeq([]), 0);
  assert.equal(contiguousSeq([m(1), m(2), m(3)]), 3);
  assert.equal(contiguousSeq([m(1), m(2), m(4), m(5)]), 2);
  assert.equal(contiguousSeq([m(2), m(3)]), 0);
  assert.equal(contiguousSeq(appendToken([m(1)], C, "x", "t")), 1, "placeholders don't count");
});

Deno.test("unreadCount counts support-side messages after the read mark", () => {
  const list = [m(1), m(2, { sender: "user" }), m(3), m(4, { sender: "system" }), m(5, { author: { kind: "staff" } })];
  assert.equal(unreadCount(list, 0), 3);
  assert.equal(unreadCount(list, 3), 1);
  assert.equal(unreadCount(list, 5), 0);
});

Deno.test("viewItems: pending messages follow, stored copies win, the last own message says Delivered or Read", () => {
  const own = (seq: number, clientId: string) =>
    m(seq, { sender: "user", author: { kind: "visitor" }, clientId, id: `own${seq}` });
  const list = [own(1, "k1"), m(2), own(3, "k3")];
  const pending = [
    { clientId: "k3", conversationId: C, text: "dup", attachments: [], state: "sent" as const },
    { clientId: "k4", conversationId: C, text: "new one", attachments: [], state: "queued" as const },
    { clientId: "k5", conversationId: C, text: "refused", attachments: [], state: "failed" as const },
  ];
  const items = viewItems(list, pending, 0);
  assert.deepEqual(
    items.map((i) => [i.message.text, i.receipt]),
    [["message 1", undefined], ["message 2", undefined], ["message 3", "delivered"], ["new one", "sending"], [
      "refused",
      "failed",
    ]],
  );
  assert.equal(viewItems(list, [], 3).at(-1)!.receipt, "read");
  assert.equal(viewItems(list, [], 2).at(-1)!.receipt, "delivered", "read up to 2 does not cover seq 3");
});

Deno.test("liveCards: the first email request and the last rating request of each ticket become cards", () => {
  const sys = (seq: number, event: string, ticketId?: string) => ({
    message: m(seq, { sender: "system", author: { kind: "system" }, event, ticketId }),
  });
  const items = [
    sys(1, "takeover"),
    sys(2, "email_request", "t1"),
    { message: m(3, { event: "email_request" }) }, // not a system message: never a card
    sys(4, "email_request", "t1"), // asked again (the AI's own handoff): the form on screen stays
    sys(5, "rating_request", "t1"),
    sys(6, "rating_request", "t1"), // resolved again: the newest asks
    sys(7, "rating_request", "t2"),
  ];
  assert.deepEqual([...liveCards(items)].sort(), ["m2", "m6", "m7"]);
  assert.equal(liveCards([]).size, 0);
});

Deno.test("resuming never skips past an answer still held as streaming", () => {
  const m = (seq: number, status: "complete" | "streaming" = "complete") =>
    ({ id: `m${seq}`, seq, status }) as unknown as Parameters<typeof contiguousSeq>[0][number];
  assert.equal(contiguousSeq([m(1), m(2), m(3, "streaming"), m(4)]), 2);
  assert.equal(contiguousSeq([m(1), m(2), m(3)]), 3);
});

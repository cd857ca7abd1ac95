import assert from "node:assert/strict";
import { wireFromTicketMessage } from "./rest.ts";

Deno.test("wireFromTicketMessage turns a stored ticket message into the wire message the socket sends", () => {
  const m = wireFromTicketMessage(
    {
      content: "Checking with the carrier",
      sender: "agent",
      timestamp: "2026-03-04T10:00:00.000Z",
      metadata: { id: "m1", seq: 7, author: "staff", authorName: "Grace", internal: true },
    },
    "c1",
    "client-0001",
  );
  assert.deepEqual(m, {
    id: "m1",
    conversationId: "c1",
    seq: 7,
    clientId: "client-0001",
    sender: "agent",
    author: { kind: "staff", name: "Grace" },
    text: "Checking with the carrier",
    attachments: [],
    citations: [],
    status: "complete",
    internal: true,
    createdAt: "2026-03-04T10:00:00.000Z",
  });
});

Deno.test("wireFromTicketMessage keeps the files a reply carried (a stored reply never loses them)", () => {
  const file = { id: "a1", name: "label.pdf", contentType: "application/pdf", size: 48, url: "/api/files/w/a1?sig=x" };
  const m = wireFromTicketMessage(
    {
      content: "",
      sender: "agent",
      timestamp: "2026-03-04T10:00:00.000Z",
      metadata: { id: "m2", seq: 8, author: "staff", attachments: [file] },
    },
    "c1",
  );
  assert.deepEqual(m.attachments, [file]);
});

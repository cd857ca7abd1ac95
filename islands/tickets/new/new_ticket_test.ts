import assert from "node:assert/strict";
import { ticketCreateSchema } from "../../../models/tickets/ticket_schemas.ts";
import { assigneeOptions, blankTicket, ticketInput } from "./new_ticket.ts";

const AGENT = "a".repeat(24);
const ME = { id: "b".repeat(24), name: "Ada", role: "user" as const };

Deno.test("a blank new ticket fails the API's schema on the customer's email and the title only", () => {
  const parsed = ticketCreateSchema.safeParse(ticketInput(blankTicket(AGENT)));
  assert.equal(parsed.success, false);
  assert.deepEqual([...new Set(parsed.error!.issues.map((i) => i.path[0]))].sort(), ["customerEmail", "title"]);
});

Deno.test("a filled new ticket parses with no name and nobody assigned when those are left empty", () => {
  const v = { ...blankTicket(AGENT), customerEmail: " grace@shop.example ", title: "Lost parcel", priority: "high" };
  const parsed = ticketCreateSchema.parse(ticketInput(v));
  assert.equal(parsed.customerEmail, "grace@shop.example");
  assert.equal(parsed.customerName, undefined);
  assert.equal(parsed.assignedTo, null);
  assert.equal(parsed.priority, "high");
  assert.deepEqual(parsed.tags, []);
});

Deno.test("a new ticket keeps the customer's name and the assignee chosen", () => {
  const v = {
    ...blankTicket(AGENT),
    customerEmail: "g@x.example",
    title: "T",
    customerName: "Grace",
    assignedTo: ME.id,
  };
  const parsed = ticketCreateSchema.parse(ticketInput(v));
  assert.equal(parsed.customerName, "Grace");
  assert.equal(parsed.assignedTo, ME.id);
});

Deno.test("the assignee choices are nobody, me, then teammates without me twice", () => {
  const people = [{ id: "c".repeat(24), name: "Dorothy" }, { id: ME.id, name: "Ada" }];
  assert.deepEqual(assigneeOptions(ME, people), [["", "Unassigned"], [ME.id, "Me (Ada)"], ["c".repeat(24), "Dorothy"]]);
});

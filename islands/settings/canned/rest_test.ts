import assert from "node:assert/strict";
import { cannedView, withCanned } from "./rest.ts";

const c = (id: string, shortcut: string) => ({ id, title: shortcut, shortcut, body: `${shortcut} body` });

Deno.test("a new canned response takes its place by shortcut", () => {
  assert.deepEqual(withCanned([c("1", "hello"), c("2", "refund")], c("3", "intro")).map((x) => x.id), ["1", "3", "2"]);
});

Deno.test("an edited canned response replaces the old one and moves with its new shortcut", () => {
  assert.deepEqual(
    withCanned([c("1", "hello"), c("2", "refund")], c("1", "thanks")).map((x) => x.shortcut),
    ["refund", "thanks"],
  );
});

Deno.test("the page keeps only id, title, shortcut and body from the API's answer", () => {
  const full = { ...c("1", "hi"), createdBy: "u", createdAt: "2026-01-01", updatedAt: "2026-01-01" };
  assert.deepEqual(Object.keys(cannedView(full)), ["id", "title", "shortcut", "body"]);
});

import assert from "node:assert/strict";
import { isTypingTarget, type KeyLike, shortcutOf } from "./keys.ts";

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, ...extra }) as unknown as EventTarget;
const key = (k: string, over: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: el("BODY"),
  ...over,
});

Deno.test("shortcutOf maps j/k/r/n/a/e/Escape/?", () => {
  assert.equal(shortcutOf(key("j")), "next");
  assert.equal(shortcutOf(key("k")), "previous");
  assert.equal(shortcutOf(key("r")), "reply");
  assert.equal(shortcutOf(key("n")), "note");
  assert.equal(shortcutOf(key("a")), "assign");
  assert.equal(shortcutOf(key("e")), "resolve");
  assert.equal(shortcutOf(key("Escape")), "back");
  assert.equal(shortcutOf(key("?")), "help");
  assert.equal(shortcutOf(key("x")), null);
  assert.equal(shortcutOf(key("J")), null);
});

Deno.test("shortcutOf never fires while typing, with a modifier, or when the key was handled", () => {
  assert.equal(shortcutOf(key("j", { target: el("TEXTAREA") })), null);
  assert.equal(shortcutOf(key("j", { target: el("INPUT", { type: "search" }) })), null);
  assert.equal(shortcutOf(key("e", { target: el("SELECT") })), null);
  assert.equal(shortcutOf(key("e", { target: el("DIV", { isContentEditable: true }) })), null);
  assert.equal(shortcutOf(key("a", { ctrlKey: true })), null);
  assert.equal(shortcutOf(key("a", { metaKey: true })), null);
  assert.equal(shortcutOf(key("a", { altKey: true })), null);
  assert.equal(shortcutOf(key("a", { defaultPrevented: true })), null);
  assert.equal(shortcutOf(key("a", { isComposing: true })), null);
  assert.equal(shortcutOf(key("j", { target: el("A") })), "next", "a focused row is not typing");
  assert.equal(shortcutOf(key("j", { target: el("INPUT", { type: "radio" }) })), "next");
});

Deno.test("isTypingTarget: text fields, text areas, selects and editable elements", () => {
  assert.ok(isTypingTarget(el("input")));
  assert.ok(isTypingTarget(el("INPUT", { type: "email" })));
  assert.ok(!isTypingTarget(el("INPUT", { type: "checkbox" })));
  assert.ok(!isTypingTarget(el("BUTTON")));
  assert.ok(!isTypingTarget(null));
});

import assert from "node:assert/strict";
import { randomToken, sha256Hex, timingSafeEqual } from "./crypto.ts";

Deno.test("random tokens carry 256 bits by default and never repeat", () => {
  const t = randomToken();
  assert.equal(t.length, 43);
  assert.match(t, /^[A-Za-z0-9_-]+$/);
  assert.equal(new Set(Array.from({ length: 1000 }, () => randomToken())).size, 1000);
});

Deno.test("sha256Hex and timingSafeEqual", async () => {
  assert.equal(await sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(timingSafeEqual("abc", "abc"), true);
  assert.equal(timingSafeEqual("abc", "abd"), false);
  assert.equal(timingSafeEqual("abc", "abcd"), false);
});

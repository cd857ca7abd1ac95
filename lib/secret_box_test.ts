import assert from "node:assert/strict";
import { createSecretBox, generateKey } from "./secret_box.ts";

Deno.test("secret box round-trips, uses a fresh nonce, and refuses a value moved to another owner", async () => {
  const box = await createSecretBox(generateKey());
  const a = await box.seal("sk-live-123", "ws1:openai");
  const b = await box.seal("sk-live-123", "ws1:openai");
  assert.notEqual(a, b);
  assert.doesNotMatch(a, /sk-live/);
  assert.equal(await box.open(a, "ws1:openai"), "sk-live-123");
  await assert.rejects(box.open(a, "ws2:openai"));
  const other = await createSecretBox(generateKey());
  await assert.rejects(other.open(a, "ws1:openai"));
  const tampered = a.slice(0, -2) + (a.endsWith("A") ? "BB" : "AA");
  await assert.rejects(box.open(tampered, "ws1:openai"));
});

import assert from "node:assert/strict";
import { idTime, isId, newId } from "./ids.ts";

Deno.test("ids are 24-hex, unique, and carry their creation second", () => {
  const at = new Date("2026-05-01T12:00:00Z");
  const ids = new Set(Array.from({ length: 10_000 }, () => newId(at)));
  assert.equal(ids.size, 10_000);
  for (const id of [...ids].slice(0, 50)) assert.ok(isId(id), id);
  assert.deepEqual(idTime([...ids][0]), at);
  assert.equal(isId("65F1C0FFEE0000000000ABCD"), false, "uppercase is not our form");
  assert.equal(isId("xyz"), false);
  assert.equal(isId(42), false);
});

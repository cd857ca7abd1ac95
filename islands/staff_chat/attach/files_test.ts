import assert from "node:assert/strict";
import { type DraftFile, MAX_FILES, pastedName, patch, refusal } from "./files.ts";

const MB = 1024 * 1024;

Deno.test("refusal turns away empty files, files over the limit and a sixth file", () => {
  assert.equal(refusal({ name: "a.pdf", size: 2 * MB }, 10 * MB, 0), null);
  assert.equal(refusal({ name: "a.pdf", size: 0 }, 10 * MB, 0), "a.pdf is empty.");
  assert.equal(refusal({ name: "big.zip", size: 11 * MB }, 10 * MB, 0), "big.zip is larger than the 10.0 MB limit.");
  assert.equal(refusal({ name: "a.pdf", size: 10 * MB }, 10 * MB, 0), null, "the limit itself is allowed");
  assert.match(refusal({ name: "a.pdf", size: 1 }, 10 * MB, MAX_FILES)!, /at most 5 files/);
});

Deno.test("pastedName names a pasted screenshot by the time, and keeps a real name", () => {
  const at = new Date("2026-12-04T19:10:05Z");
  assert.equal(pastedName({ name: "image.png", type: "image/png" }, at), "pasted-20261204-191005.png");
  assert.equal(pastedName({ name: "", type: "image/jpeg" }, at), "pasted-20261204-191005.jpg");
  assert.equal(pastedName({ name: "receipt.webp", type: "image/webp" }, at), "receipt.webp");
});

Deno.test("patch changes one file and ignores news of a removed one", () => {
  const files: DraftFile[] = [{ key: "a", name: "a", size: 1, progress: 0, state: "uploading" }];
  assert.equal(patch(files, "a", { progress: 0.5 })[0].progress, 0.5);
  assert.equal(patch(files, "gone", { state: "ready" }), files);
});

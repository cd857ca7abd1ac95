/**
 * The FileStore contract, run against every adapter (`files_test.ts`): local
 * disk and S3 (against a local S3-compatible server).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { FileStore } from "../../models/ports/file_store.ts";

const KEY = "documents/65f1c0ffee0000000000abcd";

/** Registers the contract's tests for the adapter `open` makes (and `close` undoes). */
export function fileStoreContract(name: string, open: () => Promise<{ files: FileStore; close(): Promise<void> }>) {
  const test = (what: string, fn: (files: FileStore) => Promise<void>) =>
    Deno.test(`${name}: ${what}`, async () => {
      const { files, close } = await open();
      try {
        await fn(files);
      } finally {
        await close();
      }
    });

  test("keeps bytes under a key and gives them back whole", async (files) => {
    const big = crypto.getRandomValues(new Uint8Array(65536)).map((b, i) => b ^ i);
    await files.put(KEY, big);
    assert.deepEqual(await files.get(KEY), big);
    await files.put("attachments/65f1c0ffee0000000000abcd/65f1c0ffee0000000000abce.png", new Uint8Array([7]));
    assert.deepEqual(
      await files.get("attachments/65f1c0ffee0000000000abcd/65f1c0ffee0000000000abce.png"),
      new Uint8Array([7]),
    );
  });

  test("a put replaces, a missing key is null, a delete is final and may be repeated", async (files) => {
    await files.put(KEY, new Uint8Array([1, 2, 3]));
    await files.put(KEY, new Uint8Array([4]));
    assert.deepEqual(await files.get(KEY), new Uint8Array([4]));
    assert.equal(await files.get("documents/65f1c0ffee0000000000abce"), null);
    await files.delete(KEY);
    assert.equal(await files.get(KEY), null);
    await files.delete(KEY);
  });

  test("only server-made keys", async (files) => {
    for (const bad of ["../etc/passwd", "documents/../../x", "documents/evil.html", "/abs/65f1c0ffee0000000000abcd"]) {
      await assert.rejects(files.put(bad, new Uint8Array([0])), /invalid file key/);
      await assert.rejects(files.get(bad), /invalid file key/);
    }
  });
}

import assert from "node:assert/strict";
import { diskFileStore } from "./disk.ts";

Deno.test("disk file store keeps bytes under server-made keys only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files = diskFileStore(dir);
    await files.put("documents/65f1c0ffee0000000000abcd", new Uint8Array([1, 2, 3]));
    assert.deepEqual(await files.get("documents/65f1c0ffee0000000000abcd"), new Uint8Array([1, 2, 3]));
    assert.equal(await files.get("documents/65f1c0ffee0000000000abce"), null);
    for (const bad of ["../etc/passwd", "documents/../../x", "documents/evil.html", "/abs/65f1c0ffee0000000000abcd"]) {
      await assert.rejects(files.put(bad, new Uint8Array([0])), /invalid file key/);
    }
    await files.delete("documents/65f1c0ffee0000000000abcd");
    assert.equal(await files.get("documents/65f1c0ffee0000000000abcd"), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

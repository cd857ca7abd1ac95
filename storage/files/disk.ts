/**
 * The default FileStore: files on local disk under `DATA_DIR/files/`, named
 * by server-made keys only (no client-supplied names reach the filesystem).
 * Writes go to a temporary file first and are renamed into place.
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { FileStore } from "../../models/ports/file_store.ts";

const KEY = /^[a-z]+(\/[0-9a-f]{24}(\.[a-z0-9]{1,8})?)+$/;

/** Throws unless `key` is one the app makes (a family, then ids): no client-made name reaches a disk or bucket. */
export function checkFileKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid file key: ${key}`);
  return key;
}

function pathOf(root: string, key: string): string {
  return join(root, checkFileKey(key));
}

/** A FileStore rooted at `root` (created on first write). */
export function diskFileStore(root: string): FileStore {
  return {
    async put(key, bytes) {
      const path = pathOf(root, key);
      await Deno.mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${crypto.randomUUID()}.tmp`;
      await Deno.writeFile(tmp, bytes, { mode: 0o600 });
      await Deno.rename(tmp, path);
    },
    async get(key) {
      try {
        return await Deno.readFile(pathOf(root, key));
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) return null;
        throw err;
      }
    },
    async delete(key) {
      await Deno.remove(pathOf(root, key)).catch((err) => {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      });
    },
  };
}

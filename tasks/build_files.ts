/**
 * Where the build writes, and how it names and compresses what it writes:
 * content hashes in esbuild's `[hash]` shape, brotli and gzip twins that
 * `http/static_files.ts` sends by `Accept-Encoding`. Shared by `build.ts`,
 * `build_islands.ts` and `build_widget.ts`.
 *
 * @module
 */
import { join } from "node:path";
import type { AssetManifest } from "../components/assets.ts";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** Where the island components live (`islands/*.tsx` are the entries). */
export const ISLANDS_DIR = join(ROOT, "islands");
/** Where the browser assets go; served under `/static/build/`. */
export const BUILD_DIR = join(ROOT, "static", "build");
/** The widget's sources. */
export const WIDGET_DIR = join(ROOT, "widget");
/** The loader a customer's page embeds (`/widget.js`). */
export const WIDGET_LOADER = join(BUILD_DIR, "widget.js");
/** The folder of the lazily loaded chat bundle (`/widget/`). */
export const WIDGET_CHAT_DIR = join(BUILD_DIR, "widget");
/** Where the asset manifest (`components/assets.ts`) is written. */
export const MANIFEST = join(BUILD_DIR, "manifest.json");

/** 8 base32 characters of the SHA-256 of `bytes`: esbuild's `[hash]` shape, which `static_files.ts` knows. */
export async function contentHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) out += alphabet[(value >>> (bits -= 5)) & 31];
    if (out.length === 8) break;
  }
  return out;
}

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every `.js`,
 * `.css` and `.svg` under `dir`, when they are smaller than the file.
 */
export async function compressTree(dir: string): Promise<void> {
  const jobs: Promise<void>[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) jobs.push(compressTree(path));
    else if (e.isFile && /\.(js|css|svg)$/.test(e.name)) jobs.push(compressFile(path));
  }
  await Promise.all(jobs);
}

/** Writes the brotli and gzip twins of one file, when they are smaller. */
export async function compressFile(path: string): Promise<void> {
  const bytes = await Deno.readFile(path);
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gz = gzipSync(bytes, { level: 9 });
  if (br.length < bytes.length) await Deno.writeFile(`${path}.br`, br);
  if (gz.length < bytes.length) await Deno.writeFile(`${path}.gz`, gz);
}

/** Writes {@linkcode MANIFEST} whole (by rename: a reader never sees half of it). */
export async function writeManifest(m: AssetManifest): Promise<void> {
  const tmp = `${MANIFEST}.${crypto.randomUUID()}`;
  await Deno.writeTextFile(tmp, JSON.stringify(m, null, 2) + "\n");
  await Deno.rename(tmp, MANIFEST);
}

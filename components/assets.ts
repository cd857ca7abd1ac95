/**
 * Where the build put the browser assets: reads `static/build/manifest.json`
 * (written by `tasks/build.ts`) so pages link the content-hashed files the
 * server may cache for a year. Read on first use and again whenever the file
 * changes (a rebuild while the server runs), never at import.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** What `static/build/manifest.json` holds: where each stable asset name went. */
export interface AssetManifest {
  /** The stylesheet, relative to `static/build/` (`app-<hash>.css`). */
  css: string;
  /** Per island: its bundle and every chunk it imports statically, relative to `static/build/`. */
  islands: Record<string, { file: string; imports: string[] }>;
  /** The widget's chat bundle, relative to `static/build/widget/` (`chat-<hash>.js`). */
  widgetChat: string;
  /** The API reference's script (`/api/docs`), relative to `static/build/`. */
  apiDocs?: string;
}

const MANIFEST_PATH = fileURLToPath(new URL("../static/build/manifest.json", import.meta.url));
const BASE = "/static/build/";

let cached: { mtime: number; manifest: AssetManifest | null } | undefined;

/** The build's manifest, or null before the first build (pages still render, unstyled). */
export function assetManifest(): AssetManifest | null {
  let mtime = -1;
  try {
    mtime = Deno.statSync(MANIFEST_PATH).mtime?.getTime() ?? 0;
  } catch { /* not built */ }
  if (cached?.mtime === mtime) return cached.manifest;
  let manifest: AssetManifest | null = null;
  try {
    if (mtime >= 0) manifest = JSON.parse(Deno.readTextFileSync(MANIFEST_PATH)) as AssetManifest;
  } catch { /* half-built: read again next time */ }
  cached = { mtime: manifest ? mtime : -2, manifest };
  return manifest;
}

/** URL of the stylesheet. */
export function stylesheetUrl(): string {
  return BASE + (assetManifest()?.css ?? "app.css");
}

/** URLs of an island's bundle and of the chunks it imports (to preload). */
export function islandAssets(name: string): { src: string; preload: string[] } {
  const entry = assetManifest()?.islands[name];
  if (!entry) return { src: `${BASE}islands/${name}.js`, preload: [] };
  return { src: BASE + entry.file, preload: entry.imports.map((f) => BASE + f) };
}

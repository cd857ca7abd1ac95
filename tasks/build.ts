/**
 * Builds the dashboard's browser assets into `static/build/`:
 *
 * - every `islands/*.tsx` becomes `static/build/islands/<Name>-<hash>.js`, an ES
 *   module that hydrates each `[data-island=<Name>]` element on the page. esbuild
 *   splits code shared by islands (Preact, zod, form helpers) into `chunks/`, loaded once.
 * - `static/styles.css` goes through the Tailwind v4 CLI into `static/build/app-<hash>.css`.
 * - the embeddable widget (`build_widget.ts`): `widget/loader.ts` becomes
 *   `static/build/widget.js` (served as `/widget.js`, a classic script: the one
 *   stable URL customers embed) and `widget/chat/mod.tsx` becomes
 *   `static/build/widget/chat-<hash>.js` (an ES module the loader imports lazily;
 *   the build writes its name into the loader).
 * - every `.js` and `.css` gets its brotli (`.br`) and gzip (`.gz`) twin beside it,
 *   which `http/static_files.ts` sends by `Accept-Encoding`.
 * - `static/build/manifest.json` (`AssetManifest`, read by `components/assets.ts`)
 *   maps the stable names the pages know to the hashed files.
 *
 * `<hash>` is 8 base32 characters of the content's hash (esbuild's `[hash]` for
 * islands and chunks), so the server marks those files immutable.
 *
 * Usage: `deno run -A tasks/build.ts [--if-missing]`. With `--if-missing` nothing
 * is rebuilt when every output already exists (what `deno task start` runs).
 *
 * @module
 */

import * as esbuild from "esbuild";
import { join } from "node:path";
import type { AssetManifest } from "../components/assets.ts";
import denoConfig from "../deno.json" with { type: "json" };
import {
  BUILD_DIR,
  compressFile,
  contentHash,
  MANIFEST,
  ROOT,
  WIDGET_CHAT_DIR,
  WIDGET_LOADER,
  writeManifest,
} from "./build_files.ts";
import { buildIslands, islandNames } from "./build_islands.ts";
import { bundleWidget } from "./build_widget.ts";

/** Options of {@linkcode build}. */
export interface BuildOptions {
  /** Skip the build when every expected output is already there. */
  ifMissing?: boolean;
  /** Skip the build when every output exists and is newer than every source (what tests use). */
  ifStale?: boolean;
  /** Print nothing on success. */
  quiet?: boolean;
}

/** What {@linkcode build} did. */
export interface BuildResult {
  /** False when `ifMissing` / `ifStale` found everything in place. */
  built: boolean;
  /** Island names, one bundle each. */
  islands: string[];
}

/** Newest modification time under `paths` (files or folders), in ms. */
async function newest(paths: string[]): Promise<number> {
  let max = 0;
  for (const path of paths) {
    const info = await Deno.stat(path).catch(() => null);
    if (info?.isFile) max = Math.max(max, info.mtime?.getTime() ?? 0);
    if (!info?.isDirectory) continue;
    for await (const e of Deno.readDir(path)) {
      if (!e.name.startsWith(".")) max = Math.max(max, await newest([join(path, e.name)]));
    }
  }
  return max;
}

/** What the outputs are made from: a change here makes them stale. */
const SOURCES = [
  "islands",
  "components",
  "routes",
  "models",
  "widget",
  "static/styles.css",
  "deno.json",
  "tasks/build.ts",
]
  .map((p) => join(ROOT, p));

/** Written after every successful build: its time is the build's (tools skip rewriting unchanged outputs). */
const STAMP = join(BUILD_DIR, ".built");

/** Every file a build's manifest names, or null when there is no readable manifest. */
async function manifestOutputs(islands: string[]): Promise<string[] | null> {
  try {
    const m = JSON.parse(await Deno.readTextFile(MANIFEST)) as AssetManifest;
    if (islands.some((n) => !m.islands[n])) return null;
    return [
      join(BUILD_DIR, m.css),
      join(WIDGET_CHAT_DIR, m.widgetChat),
      ...Object.values(m.islands).flatMap((i) => [i.file, ...i.imports]).map((f) => join(BUILD_DIR, f)),
    ];
  } catch {
    return null;
  }
}

async function upToDate(outputs: string[], checkAge: boolean): Promise<boolean> {
  const stats = await Promise.all([STAMP, ...outputs].map((o) => Deno.stat(o).catch(() => null)));
  if (stats.some((s) => !s)) return false;
  if (!checkAge) return true;
  return (stats[0]!.mtime?.getTime() ?? 0) >= await newest(SOURCES);
}

/** Builds `app-<hash>.css` and its twins; older stylesheets are removed once the manifest names the new one. */
async function buildCss(): Promise<string> {
  const cli = denoConfig.imports["@tailwindcss/cli"];
  const tmp = join(BUILD_DIR, `.app-${crypto.randomUUID()}.css`);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli, "-i", "static/styles.css", "-o", tmp, "--minify"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const td = new TextDecoder();
    await Deno.remove(tmp).catch(() => {});
    throw new Error(`Tailwind failed:\n${td.decode(out.stdout)}${td.decode(out.stderr)}`);
  }
  const name = `app-${await contentHash(await Deno.readFile(tmp))}.css`;
  await Deno.rename(tmp, join(BUILD_DIR, name));
  await compressFile(join(BUILD_DIR, name));
  return name;
}

/**
 * The API reference's script (`/api/docs`): Scalar's standalone bundle (npm `@scalar/api-reference`, pinned),
 * copied under a content-hashed name so the page is served from our origin, never a CDN.
 */
async function copyApiReference(): Promise<string> {
  const source = join(ROOT, "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");
  // Scalar's stylesheet declares its web fonts at fonts.scalar.com and the browser fetches them even with
  // `withDefaultFonts: false` (seen in tests/e2e/api_docs_test.ts): the font faces become `local()` ones, which
  // fetch nothing, and the page falls back to system fonts (`static/api_docs.js`).
  const text = (await Deno.readTextFile(source)).replaceAll("url(https://fonts.scalar.com/", "local(fd-no-font-");
  const bytes = new TextEncoder().encode(text);
  const name = `vendor/scalar-${await contentHash(bytes)}.js`;
  await Deno.mkdir(join(BUILD_DIR, "vendor"), { recursive: true });
  for await (const e of Deno.readDir(join(BUILD_DIR, "vendor"))) {
    if (!name.endsWith(e.name.replace(/\.(br|gz)$/, ""))) await Deno.remove(join(BUILD_DIR, "vendor", e.name));
  }
  await Deno.writeFile(join(BUILD_DIR, name), bytes);
  await compressFile(join(BUILD_DIR, name));
  return name;
}

/** Removes stylesheets (and their twins) the manifest no longer names. */
async function removeOldCss(keep: string): Promise<void> {
  for await (const e of Deno.readDir(BUILD_DIR)) {
    if (e.isFile && /^app(-[A-Z2-7]{8})?\.css(\.br|\.gz)?$/.test(e.name) && !e.name.startsWith(keep)) {
      await Deno.remove(join(BUILD_DIR, e.name)).catch(() => {});
    }
  }
}

/**
 * Builds the island bundles, the widget and the stylesheet (or nothing, see `ifMissing`
 * and `ifStale`). Builds are serialised with a file lock, so test files
 * running in parallel never see a half-written `static/build/`.
 */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const islands = await islandNames();
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  using lock = await Deno.open(join(BUILD_DIR, ".lock"), { create: true, write: true });
  await lock.lock(true);
  if (opts.ifMissing || opts.ifStale) {
    const outputs = await manifestOutputs(islands);
    if (outputs && await upToDate([WIDGET_LOADER, ...outputs], !!opts.ifStale)) return { built: false, islands };
  }
  const started = performance.now();
  try {
    const [built, widgetChat, css, apiDocs] = await Promise.all([
      buildIslands(islands),
      bundleWidget(),
      buildCss(),
      copyApiReference(),
    ]);
    await writeManifest({ css, islands: built, widgetChat, apiDocs });
    await removeOldCss(css);
  } finally {
    await esbuild.stop(); // once, after every esbuild build of this run
  }
  await Deno.writeTextFile(STAMP, new Date().toISOString());
  if (!opts.quiet) {
    const ms = Math.round(performance.now() - started);
    console.log(`built ${islands.length} islands, the widget and app.css into static/build/ in ${ms} ms`);
  }
  return { built: true, islands };
}

if (import.meta.main) {
  const result = await build({ ifMissing: Deno.args.includes("--if-missing") });
  if (!result.built) console.log("static/build/ is up to date (--if-missing)");
}

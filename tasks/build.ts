/**
 * Builds the dashboard's browser assets into `static/build/`:
 *
 * - every `islands/*.tsx` becomes `static/build/islands/<Name>-<hash>.js`, an ES
 *   module that hydrates each `[data-island=<Name>]` element on the page. esbuild
 *   splits code shared by islands (Preact, zod, form helpers) into `chunks/`, loaded once.
 * - `static/styles.css` goes through the Tailwind v4 CLI into `static/build/app-<hash>.css`.
 * - the embeddable widget ({@linkcode buildWidget}): `widget/loader.ts` becomes
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
import { basename, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { AssetManifest } from "../components/assets.ts";
import { BROWSER_ZOD_CONFIG } from "../islands/shared/zod_config.ts";
import denoConfig from "../deno.json" with { type: "json" };

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

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ISLANDS_DIR = join(ROOT, "islands");
/** Where the browser assets go; served under `/static/build/`. */
export const BUILD_DIR = join(ROOT, "static", "build");
const ENTRY = "island-entry:";

const WIDGET_DIR = join(ROOT, "widget");
/** The loader a customer's page embeds (`/widget.js`). */
export const WIDGET_LOADER = join(BUILD_DIR, "widget.js");
/** The folder of the lazily loaded chat bundle (`/widget/`). */
export const WIDGET_CHAT_DIR = join(BUILD_DIR, "widget");
/** Where {@linkcode AssetManifest} is written. */
export const MANIFEST = join(BUILD_DIR, "manifest.json");

/** Names of the islands: the PascalCase `.tsx` files directly in `islands/`. */
export async function islandNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(ISLANDS_DIR)) {
    if (e.isFile && /^[A-Z][A-Za-z0-9]*\.tsx$/.test(e.name)) names.push(basename(e.name, ".tsx"));
  }
  return names.sort();
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

/**
 * Each island's entry is virtual: set zod up for the browser (first: it must run
 * before any schema is built), import the component, hydrate its elements.
 */
const islandEntries: esbuild.Plugin = {
  name: "island-entries",
  setup(b) {
    b.onResolve({ filter: /^island-entry:/ }, (args) => ({ path: args.path.slice(ENTRY.length), namespace: "island" }));
    b.onLoad({ filter: /.*/, namespace: "island" }, (args) => ({
      contents: `import ${JSON.stringify(join(ISLANDS_DIR, "shared", "zod_config.ts"))};\n` +
        `import C from ${JSON.stringify(join(ISLANDS_DIR, `${args.path}.tsx`))};\n` +
        `import { hydrateIslands } from ${JSON.stringify(join(ISLANDS_DIR, "shared", "hydrate.ts"))};\n` +
        `hydrateIslands(${JSON.stringify(args.path)}, C);\n`,
      loader: "ts",
      resolveDir: ISLANDS_DIR,
    }));
  },
};

/**
 * zod for the browser. zod's namespace re-exports its whole toolbox and esbuild
 * cannot shake a re-exported namespace, so every form would download parts no
 * form calls. Stubbed in island bundles:
 * - every locale but English (~260 KB minified; zod imports English directly):
 *   `z.locales` and `z.core.locales` are empty;
 * - {@linkcode ZOD_BROWSER_STUBS}: ahead-of-time compilation (`z.compile`) and
 *   JSON Schema in both directions (`z.toJSONSchema`, `z.fromJSONSchema`,
 *   `schema["~standard"].jsonSchema`, and the `minLength` / `maxLength` /
 *   `format` getters built on it). Each keeps its export names; calling one
 *   throws. The islands only `safeParse`, interpreted (`jitless`, see
 *   `islands/shared/zod_config.ts`); the browser tests would see a throw.
 */
const zodForTheBrowser: esbuild.Plugin = {
  name: "zod-for-the-browser",
  setup(b) {
    b.onResolve(
      { filter: /^\.\.\/locales\/index\.js$/ },
      (args) =>
        /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer)
          ? { path: "zod-locales", namespace: "stub" }
          : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export {};", loader: "js" }));
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/].*\.js$/ }, async (args) => {
      const which = ZOD_BROWSER_STUBS.find((s) => args.path.replaceAll("\\", "/").endsWith(`/zod/v4/${s}`));
      if (!which) return undefined;
      return { contents: stubModule(which, await Deno.readTextFile(args.path)), loader: "js" };
    });
  },
};

/** zod modules (under `zod/v4/`) no island calls, stubbed in island bundles. */
export const ZOD_BROWSER_STUBS = [
  "core/compile.js",
  "core/json-schema-generator.js",
  "core/json-schema-processors.js",
  "core/to-json-schema.js",
  "classic/from-json-schema.js",
];

/** A module with the same export names as `source`, each a function that throws when called. */
export function stubModule(label: string, source: string): string {
  if (/^export\s+(\*|default)/m.test(source)) throw new Error(`cannot stub ${label}: it re-exports or has a default`);
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:const|let|var|class|function\*?)\s+([\w$]+)/gm)) {
    names.add(m[1]);
  }
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.add(name);
    }
  }
  const message = JSON.stringify(`zod's ${label} is not in the browser build (tasks/build.ts)`);
  return `const unavailable = () => function () { throw new Error(${message}); };\n` +
    [...names].map((n) => `export const ${n} = unavailable();`).join("\n") + "\n";
}

async function buildIslands(names: string[]): Promise<AssetManifest["islands"]> {
  // Built beside and swapped in by rename, so a page loading meanwhile never finds the folder half-empty.
  const final = join(BUILD_DIR, "islands");
  const outdir = join(BUILD_DIR, `.islands-${crypto.randomUUID()}`);
  try {
    const { metafile } = await esbuild.build({
      entryPoints: names.map((n) => ({ in: ENTRY + n, out: n })),
      entryNames: "[name]-[hash]",
      metafile: true,
      absWorkingDir: ROOT,
      plugins: [islandEntries, zodForTheBrowser],
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2020",
      minify: true,
      jsx: "automatic",
      jsxImportSource: "preact",
      chunkNames: "chunks/[name]-[hash]",
      define: { "process.env.NODE_ENV": '"production"' },
      // zod's settings at the top of every file: esbuild orders a chunk's imports as it likes, so importing
      // `zod_config.ts` first from each entry does not make it run before a chunk that builds schemas.
      banner: { js: `Object.assign(globalThis.__zod_globalConfig??={},${JSON.stringify(BROWSER_ZOD_CONFIG)});` },
      logLevel: "error",
    });
    await compressTree(outdir);
    const old = join(BUILD_DIR, `.old-${crypto.randomUUID()}`);
    await Deno.rename(final, old).catch(() => {});
    await Deno.rename(outdir, final);
    await Deno.remove(old, { recursive: true }).catch(() => {});
    return islandManifest(metafile!, outdir);
  } finally {
    await Deno.remove(outdir, { recursive: true }).catch(() => {});
  }
}

/**
 * Each island's bundle and the chunks it imports statically (transitively), as
 * paths under `static/build/`, from esbuild's metafile of a build into `outdir`.
 */
function islandManifest(meta: esbuild.Metafile, outdir: string): AssetManifest["islands"] {
  const rel = (out: string) => relative(BUILD_DIR, join(BUILD_DIR, "islands", relative(outdir, join(ROOT, out))));
  const byPath = new Map(Object.entries(meta.outputs).map(([out, o]) => [join(ROOT, out), o]));
  const islands: AssetManifest["islands"] = {};
  for (const [out, o] of Object.entries(meta.outputs)) {
    const name = o.entryPoint?.startsWith("island:") ? o.entryPoint.slice("island:".length) : null;
    if (!name) continue;
    const seen = new Set<string>();
    const walk = (path: string) => {
      for (const i of byPath.get(path)?.imports ?? []) {
        const dep = join(ROOT, i.path);
        if (i.kind !== "import-statement" || seen.has(dep)) continue;
        seen.add(dep);
        walk(dep);
      }
    };
    walk(join(ROOT, out));
    islands[name] = { file: rel(out), imports: [...seen].map((p) => rel(relative(ROOT, p))).sort() };
  }
  return islands;
}

/** 8 base32 characters of the SHA-256 of `bytes`: esbuild's `[hash]` shape, which `static_files.ts` knows. */
async function contentHash(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
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
async function compressTree(dir: string): Promise<void> {
  const jobs: Promise<void>[] = [];
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) jobs.push(compressTree(path));
    else if (e.isFile && /\.(js|css|svg)$/.test(e.name)) jobs.push(compressFile(path));
  }
  await Promise.all(jobs);
}

async function compressFile(path: string): Promise<void> {
  const bytes = await Deno.readFile(path);
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gz = gzipSync(bytes, { level: 9 });
  if (br.length < bytes.length) await Deno.writeFile(`${path}.br`, br);
  if (gz.length < bytes.length) await Deno.writeFile(`${path}.gz`, gz);
}

/**
 * The widget's two bundles, built beside and swapped in like the islands. The
 * chat is built first: its name carries its content hash and goes into the
 * loader, so a new loader never meets a cached old chat. Target es2022 keeps
 * private fields and `??=` native (esbuild's lowering costs bytes). Returns the
 * chat's file name.
 */
async function bundleWidget(): Promise<string> {
  const tmp = join(BUILD_DIR, `.widget-${crypto.randomUUID()}`);
  const common: esbuild.BuildOptions = {
    bundle: true,
    minify: true,
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "error",
  };
  try {
    await esbuild.build({
      ...common,
      entryPoints: [join(WIDGET_DIR, "chat", "mod.tsx")],
      outfile: join(tmp, "widget", "chat.js"),
      format: "esm",
      define: { "process.env.NODE_ENV": '"production"' },
    });
    const chat = `chat-${await contentHash(await Deno.readFile(join(tmp, "widget", "chat.js")))}.js`;
    await Deno.rename(join(tmp, "widget", "chat.js"), join(tmp, "widget", chat));
    await esbuild.build({
      ...common,
      entryPoints: [join(WIDGET_DIR, "loader.ts")],
      outfile: join(tmp, "widget.js"),
      format: "iife",
      define: { FRONTDESK_CHAT_FILE: JSON.stringify(chat) },
    });
    await compressTree(tmp);
    // A loader cached before this build (5 minutes) still asks for the chat it knew: keep that one.
    const live = await Deno.readTextFile(MANIFEST).then((t) => (JSON.parse(t) as AssetManifest).widgetChat, () => "");
    for (const ext of live && live !== chat ? ["", ".br", ".gz"] : []) {
      await Deno.copyFile(join(WIDGET_CHAT_DIR, live + ext), join(tmp, "widget", live + ext)).catch(() => {});
    }
    // The chat first: a fresh loader must find its chat in place.
    const old = join(BUILD_DIR, `.old-${crypto.randomUUID()}`);
    await Deno.rename(WIDGET_CHAT_DIR, old).catch(() => {});
    await Deno.rename(join(tmp, "widget"), WIDGET_CHAT_DIR);
    for (const ext of ["", ".br", ".gz"]) {
      await Deno.rename(join(tmp, `widget.js${ext}`), WIDGET_LOADER + ext).catch((err) => {
        if (ext === "") throw err;
      });
    }
    await Deno.remove(old, { recursive: true }).catch(() => {});
    return chat;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/**
 * Every widget file a visitor's browser may download: the loader and all of
 * `static/build/widget/` (not the compressed twins: they are other encodings of these).
 */
export async function widgetFiles(): Promise<string[]> {
  const files = [WIDGET_LOADER];
  for await (const e of Deno.readDir(WIDGET_CHAT_DIR)) {
    if (e.isFile && !/\.(br|gz)$/.test(e.name)) files.push(join(WIDGET_CHAT_DIR, e.name));
  }
  return files.sort();
}

/**
 * Builds only the widget, under the same lock as {@linkcode build}; returns
 * {@linkcode widgetFiles}.
 */
export async function buildWidget(): Promise<string[]> {
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  using lock = await Deno.open(join(BUILD_DIR, ".lock"), { create: true, write: true });
  await lock.lock(true);
  try {
    const chat = await bundleWidget();
    // The manifest follows the chat's new name when there is one (a full build writes it otherwise).
    const m = await Deno.readTextFile(MANIFEST).then((t) => JSON.parse(t) as AssetManifest, () => null);
    if (m) await writeManifest({ ...m, widgetChat: chat });
  } finally {
    await esbuild.stop();
  }
  return await widgetFiles();
}

/** Writes {@linkcode MANIFEST} whole (by rename: a reader never sees half of it). */
async function writeManifest(m: AssetManifest): Promise<void> {
  const tmp = `${MANIFEST}.${crypto.randomUUID()}`;
  await Deno.writeTextFile(tmp, JSON.stringify(m, null, 2) + "\n");
  await Deno.rename(tmp, MANIFEST);
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
    const [built, widgetChat, css] = await Promise.all([buildIslands(islands), bundleWidget(), buildCss()]);
    await writeManifest({ css, islands: built, widgetChat });
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

/**
 * Builds the dashboard's browser assets into `static/build/`:
 *
 * - every `islands/*.tsx` becomes `static/build/islands/<Name>.js`, an ES module
 *   that hydrates each `[data-island=<Name>]` element on the page. esbuild splits
 *   code shared by islands (Preact, zod, form helpers) into `chunks/`, loaded once.
 * - `static/styles.css` goes through the Tailwind v4 CLI into `static/build/app.css`.
 * - the embeddable widget ({@linkcode buildWidget}): `widget/loader.ts` becomes
 *   `static/build/widget.js` (served as `/widget.js`, a classic script) and
 *   `widget/chat/mod.tsx` becomes `static/build/widget/chat.js` (served as
 *   `/widget/chat.js`, an ES module the loader imports lazily).
 *
 * Usage: `deno run -A tasks/build.ts [--if-missing]`. With `--if-missing` nothing
 * is rebuilt when every output already exists (what `deno task start` runs).
 *
 * @module
 */
import * as esbuild from "esbuild";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
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

async function upToDate(outputs: string[], checkAge: boolean): Promise<boolean> {
  const stats = await Promise.all([STAMP, ...outputs].map((o) => Deno.stat(o).catch(() => null)));
  if (stats.some((s) => !s)) return false;
  if (!checkAge) return true;
  return (stats[0]!.mtime?.getTime() ?? 0) >= await newest(SOURCES);
}

/** Each island's entry is virtual: import the component, hydrate its elements. */
const islandEntries: esbuild.Plugin = {
  name: "island-entries",
  setup(b) {
    b.onResolve({ filter: /^island-entry:/ }, (args) => ({ path: args.path.slice(ENTRY.length), namespace: "island" }));
    b.onLoad({ filter: /.*/, namespace: "island" }, (args) => ({
      contents: `import C from ${JSON.stringify(join(ISLANDS_DIR, `${args.path}.tsx`))};\n` +
        `import { hydrateIslands } from ${JSON.stringify(join(ISLANDS_DIR, "shared", "hydrate.ts"))};\n` +
        `hydrateIslands(${JSON.stringify(args.path)}, C);\n`,
      loader: "ts",
      resolveDir: ISLANDS_DIR,
    }));
  },
};

/**
 * zod's namespace re-exports every locale (~260 KB minified) and esbuild cannot
 * shake a re-exported namespace. The browser needs only English, which zod
 * imports directly, so `z.locales` and `z.core.locales` are empty in island bundles.
 */
const zodWithoutLocales: esbuild.Plugin = {
  name: "zod-without-locales",
  setup(b) {
    b.onResolve(
      { filter: /^\.\.\/locales\/index\.js$/ },
      (args) =>
        /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer)
          ? { path: "zod-locales", namespace: "stub" }
          : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

async function buildIslands(names: string[]): Promise<void> {
  // Built beside and swapped in by rename, so a page loading meanwhile never finds the folder half-empty.
  const final = join(BUILD_DIR, "islands");
  const outdir = join(BUILD_DIR, `.islands-${crypto.randomUUID()}`);
  try {
    await esbuild.build({
      entryPoints: names.map((n) => ({ in: ENTRY + n, out: n })),
      plugins: [islandEntries, zodWithoutLocales],
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
      logLevel: "error",
    });
    const old = join(BUILD_DIR, `.old-${crypto.randomUUID()}`);
    await Deno.rename(final, old).catch(() => {});
    await Deno.rename(outdir, final);
    await Deno.remove(old, { recursive: true }).catch(() => {});
  } finally {
    await Deno.remove(outdir, { recursive: true }).catch(() => {});
  }
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The widget's two bundles, built beside and swapped in like the islands. The
 * chat is built first: its content hash goes into the loader as the `?v=` of
 * the chat URL, so a new loader never meets a cached old chat. Target es2022
 * keeps private fields and `??=` native (esbuild's lowering costs bytes).
 */
async function bundleWidget(): Promise<void> {
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
    const version = (await sha256Hex(await Deno.readFile(join(tmp, "widget", "chat.js")))).slice(0, 12);
    await esbuild.build({
      ...common,
      entryPoints: [join(WIDGET_DIR, "loader.ts")],
      outfile: join(tmp, "widget.js"),
      format: "iife",
      define: { FRONTDESK_CHAT_VERSION: JSON.stringify(version) },
    });
    // The chat first: a fresh loader must find its chat in place.
    const old = join(BUILD_DIR, `.old-${crypto.randomUUID()}`);
    await Deno.rename(WIDGET_CHAT_DIR, old).catch(() => {});
    await Deno.rename(join(tmp, "widget"), WIDGET_CHAT_DIR);
    await Deno.rename(join(tmp, "widget.js"), WIDGET_LOADER);
    await Deno.remove(old, { recursive: true }).catch(() => {});
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/** Every widget file a visitor's browser may download: the loader and all of `static/build/widget/`. */
export async function widgetFiles(): Promise<string[]> {
  const files = [WIDGET_LOADER];
  for await (const e of Deno.readDir(WIDGET_CHAT_DIR)) if (e.isFile) files.push(join(WIDGET_CHAT_DIR, e.name));
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
    await bundleWidget();
  } finally {
    await esbuild.stop();
  }
  return await widgetFiles();
}

async function buildCss(): Promise<void> {
  const cli = denoConfig.imports["@tailwindcss/cli"];
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli, "-i", "static/styles.css", "-o", "static/build/app.css", "--minify"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const td = new TextDecoder();
    throw new Error(`Tailwind failed:\n${td.decode(out.stdout)}${td.decode(out.stderr)}`);
  }
}

/**
 * Builds the island bundles, the widget and the stylesheet (or nothing, see `ifMissing`
 * and `ifStale`). Builds are serialised with a file lock, so test files
 * running in parallel never see a half-written `static/build/`.
 */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const islands = await islandNames();
  const outputs = [
    join(BUILD_DIR, "app.css"),
    WIDGET_LOADER,
    join(WIDGET_CHAT_DIR, "chat.js"),
    ...islands.map((n) => join(BUILD_DIR, "islands", `${n}.js`)),
  ];
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  using lock = await Deno.open(join(BUILD_DIR, ".lock"), { create: true, write: true });
  await lock.lock(true);
  if ((opts.ifMissing || opts.ifStale) && await upToDate(outputs, !!opts.ifStale)) return { built: false, islands };
  const started = performance.now();
  try {
    await Promise.all([buildIslands(islands), bundleWidget(), buildCss()]);
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

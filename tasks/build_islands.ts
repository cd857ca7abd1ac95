/**
 * The islands' bundles: one ES module per `islands/*.tsx` (a virtual entry that
 * hydrates its elements), code they share split into `chunks/`, zod trimmed and
 * set up for the browser. Part of `build.ts`.
 *
 * @module
 */
import * as esbuild from "esbuild";
import { basename, join, relative } from "node:path";
import type { AssetManifest } from "../components/assets.ts";
import { BROWSER_ZOD_CONFIG } from "../islands/shared/zod_config.ts";
import { BUILD_DIR, compressTree, ISLANDS_DIR, ROOT } from "./build_files.ts";

const ENTRY = "island-entry:";

/** Names of the islands: the PascalCase `.tsx` files directly in `islands/`. */
export async function islandNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(ISLANDS_DIR)) {
    if (e.isFile && /^[A-Z][A-Za-z0-9]*\.tsx$/.test(e.name)) names.push(basename(e.name, ".tsx"));
  }
  return names.sort();
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

/** Builds every island; returns what the manifest records of them. */
export async function buildIslands(names: string[]): Promise<AssetManifest["islands"]> {
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

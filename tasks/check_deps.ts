/**
 * `deno task check:deps`: fails when an import breaks the layer arrows of
 * DESIGN.md:  lib <- models <- {storage, ai, ingest, mail, realtime, listeners} <- {http, api, routes}
 * <- app.ts <- main.ts. Inside models, `models/ports/` (the interfaces adapters implement) takes
 * values only from lib and other ports, and types from the domain. Islands and the widget are
 * browser leaves: they take only types from the server side (islands may also bundle the pure
 * `models/**\/*_schemas.ts`). SQL (`node:sqlite`) stays inside `storage/`. Sockets and handlers
 * (`realtime/`, `api/`, `routes/`) read and write through use cases, never `deps.store`.
 *
 * @module
 */
import { dirname, join, relative, resolve } from "node:path";

/** Which top-level folders each layer may import values from. */
export const RULES: Record<string, string[]> = {
  lib: ["lib"],
  "models/ports": ["models/ports", "lib"],
  models: ["models", "models/ports", "lib"],
  storage: ["storage", "models", "lib"],
  ai: ["ai", "models", "lib"],
  realtime: ["realtime", "models", "lib"],
  listeners: ["listeners", "models", "lib"],
  cluster: ["cluster", "realtime", "models", "lib"],
  mail: ["mail", "models", "lib"],
  ingest: ["ingest", "models", "lib"],
  http: ["http", "models", "lib"],
  api: ["api", "http", "models", "realtime", "lib"],
  routes: ["routes", "http", "components", "islands", "models", "realtime", "lib"],
  components: ["components", "islands", "lib"],
  islands: ["islands", "components"],
  widget: ["widget"],
  "app.ts": ["http", "api", "routes", "realtime", "models", "lib"],
};

/** Layers that reach the Store only through use cases (a `.store` read there is refused). */
const STORE_FREE = new Set(["realtime", "api", "routes"]);
const STORE_RE = /\b(?:deps|this\.deps|c\.var\.deps)\.store\b/;

/** Layers that may import anything: the composition roots (main.ts, worker threads' entries), tasks and tests. */
const FREE = new Set(["main.ts", "workers", "tasks", "tests"]);
const SCANNED = /\.(ts|tsx)$/;
const SKIP_DIRS = new Set(["node_modules", "static", "data", ".git", ".ci"]);

/** One broken arrow. */
export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

const IMPORT_RE =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function layerOf(rel: string): string {
  const [first, second] = rel.split("/");
  return first === "models" && second === "ports" ? "models/ports" : first;
}

/** Checks one file's source; `rel` is its path from the project root. */
export function checkSource(rel: string, source: string): Violation[] {
  const layer = layerOf(rel);
  if (FREE.has(layer) || /_test\.tsx?$/.test(rel)) return [];
  const allowed = RULES[layer];
  if (!allowed) return [];
  const out: Violation[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  if (STORE_FREE.has(layer) && STORE_RE.test(code)) {
    out.push({ file: rel, specifier: "deps.store", reason: `${layer} reaches the Store only through use cases` });
  }
  for (const m of code.matchAll(IMPORT_RE)) {
    const typeOnly = Boolean(m[2]);
    const spec = m[3] ?? m[4];
    if (spec === "node:sqlite" && layer !== "storage") {
      out.push({ file: rel, specifier: spec, reason: "SQL stays inside storage/" });
      continue;
    }
    if (!spec.startsWith(".")) continue;
    const target = relative(".", join(dirname(rel), spec));
    if (target.startsWith("..")) {
      out.push({ file: rel, specifier: spec, reason: "imports from outside the project" });
      continue;
    }
    const targetLayer = layerOf(target);
    if (targetLayer === layer && !target.endsWith(".ts") && !target.endsWith(".tsx")) continue;
    if (allowed.includes(targetLayer) || (targetLayer === "models/ports" && allowed.includes("models"))) continue;
    const browserLeaf = layer === "islands" || layer === "widget" || layer === "components";
    if (typeOnly && (browserLeaf || targetLayer === "models" || targetLayer === "models/ports")) continue;
    if (layer === "islands" && targetLayer === "models" && /_schemas\.ts$/.test(target)) continue;
    out.push({
      file: rel,
      specifier: spec,
      reason: `${layer} may import ${allowed.join(", ")}${browserLeaf ? " (and types only from elsewhere)" : ""}`,
    });
  }
  return out;
}

async function* walk(root: string, dir = root): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* walk(root, path);
    else if (entry.isFile && SCANNED.test(entry.name)) yield relative(root, path);
  }
}

/** Checks every source file under `root`. */
export async function checkDeps(root: string): Promise<Violation[]> {
  const out: Violation[] = [];
  for await (const rel of walk(resolve(root))) {
    out.push(...checkSource(rel, await Deno.readTextFile(join(root, rel))));
  }
  return out;
}

if (import.meta.main) {
  const violations = await checkDeps(Deno.args[0] ?? ".");
  for (const v of violations) console.error(`${v.file}: imports "${v.specifier}" — ${v.reason}`);
  if (violations.length) {
    console.error(`check:deps: ${violations.length} import(s) break the layer rules (see DESIGN.md)`);
    Deno.exit(1);
  }
  console.log("check:deps: every import follows the layer rules");
}

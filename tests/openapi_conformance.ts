/**
 * Response conformance: every answer an API test receives through `call()` is checked against the
 * app's own OpenAPI document. The status must be listed for that operation, the content type must be
 * one it documents, and a JSON body must match its schema (JSON Schema 2020-12, checked by ajv),
 * with objects read as closed: a field the document does not name is a mismatch too, so the
 * document cannot fall behind what the server sends.
 *
 * A request that matches no documented operation must be the API's JSON 404. OPTIONS (CORS
 * preflights) and paths outside the API are not operations and are not checked.
 *
 * @module
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// deno-lint-ignore no-explicit-any
type Json = any;

/** A compiled path template of the document. */
interface PathTemplate {
  template: string;
  regex: RegExp;
  params: number;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** JSON Schema keywords of OpenAPI that do not validate (ajv's strict mode refuses unknown keywords). */
const ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

/**
 * A copy of `schema` where objects with named properties allow no others, and component references
 * point into `$defs` (so each response schema compiles on its own).
 */
function closed(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "$ref" && typeof v === "string") out[k] = v.replace("#/components/schemas/", "#/$defs/");
    else if (k === "properties" && v && typeof v === "object") {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, closed(s)]));
    } else out[k] = closed(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** Checks responses against one OpenAPI 3.1 document. */
export class Conformance {
  readonly #doc: Json;
  readonly #prefix: string;
  readonly #paths: PathTemplate[];
  readonly #ajv: Ajv2020;
  readonly #defs: Json;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(doc: Json) {
    this.#doc = doc;
    this.#prefix = new URL(doc.servers?.[0]?.url ?? "http://localhost/").pathname.replace(/\/$/, "");
    this.#paths = Object.keys(doc.paths ?? {}).map((template) => {
      const params = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+");
      return { template, regex: new RegExp(`^${source}/?$`), params };
    }).sort((a, b) => a.params - b.params);
    this.#ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(this.#ajv);
    this.#ajv.addFormat("binary", true);
    this.#ajv.addVocabulary(ANNOTATIONS);
    this.#defs = closed(doc.components?.schemas ?? {});
  }

  /** The operation `method path` (a request path, query allowed) maps to, if any. */
  operation(method: string, path: string): { template: string; operation: Json } | undefined {
    const bare = path.split(/[?#]/)[0];
    if (!bare.startsWith(this.#prefix + "/")) return undefined;
    const local = bare.slice(this.#prefix.length);
    for (const { template, regex } of this.#paths) {
      const operation = this.#doc.paths[template]?.[method.toLowerCase()];
      if (regex.test(local) && operation) return { template, operation };
    }
    return undefined;
  }

  /** True when the document speaks for `path` (it is under the API's server URL). */
  covers(method: string, path: string): boolean {
    return METHODS.includes(method.toLowerCase()) && method.toUpperCase() !== "OPTIONS" &&
      path.split(/[?#]/)[0].startsWith(this.#prefix + "/") && !path.startsWith(`${this.#prefix}/openapi.json`);
  }

  /** What is wrong with this answer, per the document (empty: it conforms). */
  check(method: string, path: string, status: number, contentType: string | null, body: string): string[] {
    if (!this.covers(method, path)) return [];
    const found = this.operation(method, path);
    const where = found ? `${method.toUpperCase()} ${found.template} (${found.operation.operationId})` : "";
    const documented = found
      ? found.operation.responses?.[String(status)] ?? found.operation.responses?.[`${String(status)[0]}XX`] ??
        found.operation.responses?.default
      : status === 404
      ? { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }
      : undefined;
    if (!documented) {
      return [
        found
          ? `${where}: status ${status} is not documented (documented: ${
            Object.keys(found.operation.responses ?? {}).join(", ")
          })`
          : `${method.toUpperCase()} ${path}: no documented operation, and the answer is ${status}, not the API's 404`,
      ];
    }
    const label = where || `${method.toUpperCase()} ${path} (no operation)`;
    const content = documented.content as Record<string, { schema?: Json }> | undefined;
    if (!content) return body.length ? [`${label} ${status}: documents no body, got ${body.length} bytes`] : [];
    const essence = (contentType ?? "").split(";")[0].trim().toLowerCase();
    const media = content[essence];
    if (!media) {
      return [`${label} ${status}: content type ${essence || "(none)"} is not one of ${Object.keys(content)}`];
    }
    if (essence !== "application/json" || !media.schema) return [];
    let parsed: Json;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`${label} ${status}: the body is not JSON`];
    }
    const validate = this.#validator(media.schema);
    if (validate(parsed)) return [];
    return (validate.errors ?? []).map((e) =>
      `${label} ${status}: body${e.instancePath} ${e.message}${
        e.keyword === "additionalProperties" ? ` (${e.params.additionalProperty})` : ""
      }`
    );
  }

  #validator(schema: Json): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile({ ...closed(schema), $defs: this.#defs });
      this.#validators.set(key, validate);
    }
    return validate;
  }
}

type RequestingApp = { request: (path: string, init: RequestInit) => Response | Promise<Response> };
const byApp = new WeakMap<object, Promise<Conformance>>();

/** The conformance checker of `app`, built from its `/api/openapi.json` once. */
export function conformanceOf(app: RequestingApp): Promise<Conformance> {
  let found = byApp.get(app);
  if (!found) {
    found = Promise.resolve(app.request("/api/openapi.json", {})).then(async (res) =>
      new Conformance(await res.json())
    );
    byApp.set(app, found);
  }
  return found;
}

const LOG = Deno.env.get("OPENAPI_CONFORMANCE_LOG");

/**
 * Throws, naming every mismatch, unless `res` (the answer to `method path` from `app`) conforms to
 * the app's OpenAPI document. Reads a clone, so the caller still has the body. Streams
 * (`text/event-stream`) are checked for status and type only.
 */
export async function assertConforms(app: RequestingApp, method: string, path: string, res: Response): Promise<void> {
  const conformance = await conformanceOf(app);
  if (!conformance.covers(method, path)) return;
  const type = res.headers.get("content-type");
  const streaming = type?.startsWith("text/event-stream") ?? false;
  const body = streaming ? "" : await res.clone().text();
  const problems = conformance.check(method, path, res.status, streaming ? "text/event-stream" : type, body);
  if (LOG) {
    const op = conformance.operation(method, path)?.operation.operationId ?? "(none)";
    Deno.writeTextFileSync(LOG, JSON.stringify({ op, method, status: res.status, ok: !problems.length }) + "\n", {
      append: true,
    });
  }
  if (problems.length) {
    throw new Error(`the answer does not conform to /api/openapi.json:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * The wire contract of API keys: a key as lists show it (never its hash), and the one answer that carries
 * the key itself (creation). Islands import the inferred types only.
 *
 * @module
 */
import { z } from "zod";
import { type ApiKey, publicApiKey } from "./api_key.ts";

/** A key as clients see it. */
export const apiKeyWire = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(["read", "write"]),
  internal: z.boolean().describe("May read and write internal notes (threads, search, the event feed and stream)"),
  prefix: z.string().describe("The key's first characters, to recognise it; not usable alone"),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe("Updated at most once a minute"),
}).meta({ id: "ApiKey" });

/** A key as the API sends it. */
export type ApiKeyJson = z.infer<typeof apiKeyWire>;

/** The answer to creating a key: the only time `key` is ever shown. */
export const apiKeyCreatedWire = z.object({
  apiKey: apiKeyWire,
  key: z.string().describe("The key itself, shown this once: store it now").meta({ example: "fd_live_…" }),
}).meta({ id: "ApiKeyCreated" });

/** Shapes a key for the API. */
export function apiKeyJson(k: ApiKey): ApiKeyJson {
  const p = publicApiKey(k);
  return {
    id: p.id,
    name: p.name,
    scope: p.scope,
    internal: p.internal,
    prefix: p.prefix,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  };
}

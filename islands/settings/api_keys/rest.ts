/**
 * The API keys page's calls to `/api/api-keys`.
 *
 * @module
 */
import type { ApiKeyCreate } from "../../../models/api_keys/api_key_schemas.ts";
import type { ApiKeyJson } from "../../../models/api_keys/wire.ts";
import { api, type ApiResult } from "../../shared/api.ts";

export type { ApiKeyCreate, ApiKeyJson };

/** The answer to creating a key: the only time the key itself is shown. */
export interface CreatedKey {
  apiKey: ApiKeyJson;
  key: string;
}

const base = "/api/api-keys";

/** The calls. */
export const apiKeysRest = {
  create: (body: ApiKeyCreate): Promise<ApiResult<CreatedKey>> => api("POST", base, body),
  revoke: (id: string): Promise<ApiResult<unknown>> => api("DELETE", `${base}/${id}`),
};

/** "Read only" / "Read and write" for a scope. */
export function scopeLabel(scope: ApiKeyJson["scope"]): string {
  return scope === "write" ? "Read and write" : "Read only";
}

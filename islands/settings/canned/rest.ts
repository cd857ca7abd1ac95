/**
 * Settings → Canned responses: the calls to `/api/canned-responses` and how
 * the list stays in the server's order (by shortcut) after a change. A taken
 * shortcut (409 `shortcut_taken`) is put on the shortcut field.
 *
 * @module
 */
import type { z } from "zod";
import type { cannedSchema } from "../../../models/tickets/ticket_schemas.ts";
import { api, type ApiResult } from "../../shared/api.ts";
import type { CannedResponse } from "../../tickets/types.ts";

export type { CannedResponse } from "../../tickets/types.ts";

/** What a canned response is made of (the API's `cannedSchema`, parsed). */
export type CannedInput = z.infer<typeof cannedSchema>;
type One = { cannedResponse: CannedResponse };

async function onShortcut(res: Promise<ApiResult<One>>): Promise<ApiResult<One>> {
  const r = await res;
  if (!r.ok && r.error.code === "shortcut_taken") r.error.fields.shortcut = r.error.message;
  return r;
}

/** Saves a new canned response. */
export function createCanned(input: CannedInput): Promise<ApiResult<One>> {
  return onShortcut(api<One>("POST", "/api/canned-responses", input));
}

/** Replaces canned response `id`. */
export function updateCanned(id: string, input: CannedInput): Promise<ApiResult<One>> {
  return onShortcut(api<One>("PUT", `/api/canned-responses/${encodeURIComponent(id)}`, input));
}

/** Deletes canned response `id`. */
export function deleteCanned(id: string): Promise<ApiResult<null>> {
  return api<null>("DELETE", `/api/canned-responses/${encodeURIComponent(id)}`);
}

/** `list` with `c` added or replaced, ordered by shortcut like the server's list. */
export function withCanned(list: CannedResponse[], c: CannedResponse): CannedResponse[] {
  return [...list.filter((x) => x.id !== c.id), c].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
}

/** Keeps only the fields the page uses from the API's answer. */
export function cannedView(c: CannedResponse): CannedResponse {
  return { id: c.id, title: c.title, shortcut: c.shortcut, body: c.body };
}

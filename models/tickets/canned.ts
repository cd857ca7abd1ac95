/**
 * Canned responses: saved replies per workspace, inserted in the reply box by
 * their `/shortcut`. Every member can use them; admins and members may manage
 * them (a shared team resource).
 *
 * @module
 */
import type { z } from "zod";
import { NotFoundError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import type { Deps } from "../ports/deps.ts";
import type { CannedResponse } from "../ports/store.ts";
import type { cannedSchema } from "./ticket_schemas.ts";
import type { User } from "../accounts/user.ts";

/** The workspace's canned responses, by shortcut. */
export function listCanned(deps: Deps, user: User): Promise<CannedResponse[]> {
  return deps.store.canned.list(user.workspaceId);
}

/** Saves a new canned response. */
export async function createCanned(
  deps: Deps,
  user: User,
  input: z.infer<typeof cannedSchema>,
): Promise<CannedResponse> {
  const now = deps.clock.now();
  const c: CannedResponse = {
    ...input,
    id: newId(now),
    workspaceId: user.workspaceId,
    createdBy: user.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.canned.insert(c);
  return c;
}

/** Replaces a canned response. */
export async function updateCanned(
  deps: Deps,
  user: User,
  id: string,
  input: z.infer<typeof cannedSchema>,
): Promise<CannedResponse> {
  const c = await deps.store.canned.update(user.workspaceId, id, { ...input, updatedAt: deps.clock.now() });
  if (!c) throw new NotFoundError("Canned response");
  return c;
}

/** Deletes a canned response. */
export async function deleteCanned(deps: Deps, user: User, id: string): Promise<void> {
  if (!(await deps.store.canned.remove(user.workspaceId, id))) throw new NotFoundError("Canned response");
}

/** One canned response (404 for other workspaces'). */
export async function getCanned(deps: Deps, user: User, id: string): Promise<CannedResponse> {
  const c = await deps.store.canned.get(user.workspaceId, id);
  if (!c) throw new NotFoundError("Canned response");
  return c;
}

/**
 * What clients send to create an API key (shared by the API and the Settings form).
 *
 * @module
 */
import { z } from "zod";

/** The body of `POST /api/api-keys`. */
export const apiKeyCreateSchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80),
  scope: z.enum(["read", "write"]).default("read"),
  internal: z.boolean().default(false).describe(
    "Whether the key may read and write staff-only data (internal notes): in ticket and conversation threads, " +
      "ticket search, `/api/events` and its stream",
  ),
}).meta({ id: "ApiKeyCreate" });

/** A parsed create request. */
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

/**
 * zod schemas for workspace settings (AI provider credentials). Pure: shared
 * by the API and the Settings forms.
 *
 * @module
 */
import { z } from "zod";
import { PROVIDERS } from "../agents/agent_schemas.ts";

/** Providers that take credentials (all but the built-in one). */
export const REMOTE_PROVIDERS = PROVIDERS.filter((p) => p !== "local") as ["lyzr", "openai", "anthropic"];

/** Path parameter naming a remote provider. */
export const providerParamSchema = z.object({ provider: z.enum(REMOTE_PROVIDERS) });

/** Body of `PUT /api/settings/providers/:provider`: the key is required the first time only. */
export const credentialSchema = z.object({
  apiKey: z.string().trim().min(8, { message: "That key looks too short." }).max(500).optional(),
  baseUrl: z.union([z.url({ protocol: /^https?$/, message: "Enter a full http(s) URL." }).max(500), z.literal("")])
    .optional(),
  defaultModel: z.string().trim().max(100).optional(),
  extra: z.record(z.string().regex(/^[A-Za-z][\w-]{0,39}$/), z.string().max(200)).optional()
    .refine((e) => !e || Object.keys(e).length <= 10, { message: "At most 10 extra settings." }),
});

/** Body of `POST /api/settings/providers/:provider/test`: test what is stored, or these values before saving. */
export const credentialTestSchema = credentialSchema.partial();

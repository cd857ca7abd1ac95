/**
 * The wire contract of provider settings: what admins see of a provider's
 * credentials (a key hint, never the key), as a zod schema with its shaper.
 *
 * @module
 */
import { z } from "zod";
import type { PublicCredential } from "./providers.ts";
import { REMOTE_PROVIDERS } from "./settings_schemas.ts";

/** A remote provider's settings. */
export const providerWire = z.object({
  provider: z.enum(REMOTE_PROVIDERS),
  configured: z.boolean(),
  keyHint: z.string().optional(),
  baseUrl: z.string().optional(),
  defaultModel: z.string().optional(),
  extra: z.record(z.string(), z.string()),
  updatedAt: z.string().optional(),
}).meta({ id: "ProviderSettings" });

/** A provider's settings as admins see them (never the key). */
export type ProviderJson = z.infer<typeof providerWire>;

/** Shapes a configured provider. */
export function providerJson(p: PublicCredential): ProviderJson {
  return {
    provider: p.provider,
    configured: true,
    keyHint: p.keyHint,
    ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}),
    ...(p.defaultModel ? { defaultModel: p.defaultModel } : {}),
    extra: p.extra,
    updatedAt: p.updatedAt.toISOString(),
  };
}

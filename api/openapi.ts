/**
 * Helpers for declaring `@hono/zod-openapi` routes: the error schema, the
 * validation hook that turns zod issues into our 400 error, and shorthands for
 * JSON bodies and answers.
 *
 * @module
 */
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Hook } from "@hono/zod-openapi";
import { ValidationError } from "../lib/errors.ts";
import { isId } from "../lib/ids.ts";
import type { AppEnv } from "../http/app_env.ts";

/** The body of every error answer. */
const ErrorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: "validation_failed" }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
}).openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** Documented error answers, keyed by status. */
export const errors = {
  400: { description: "Malformed or invalid input; `details.fields` names the fields", content: errorContent },
  401: { description: "Not signed in, or the session ended", content: errorContent },
  403: { description: "Role or origin not allowed", content: errorContent },
  404: { description: "Not found in your workspace", content: errorContent },
  409: { description: "Conflicts with the current state", content: errorContent },
  429: { description: "Rate limited; see `Retry-After`", content: errorContent },
} as const;

/** Picks documented error answers. */
export function errorResponses<K extends keyof typeof errors>(...codes: K[]): Pick<typeof errors, K> {
  return Object.fromEntries(codes.map((k) => [k, errors[k]])) as Pick<typeof errors, K>;
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } } as const;
}

/** A JSON answer. */
export function jsonAnswer<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** `{ ok: true }` answers. */
export const OkSchema = z.object({ ok: z.literal(true) });

/** A path parameter that must be a 24-hex id. */
export const IdParam = z.object({
  id: z.string().refine(isId, { message: "Must be a 24-character hex id." }).openapi({
    param: { name: "id", in: "path" },
    example: "65f1c0ffee0000000000abcd",
  }),
});

/** Turns zod issues into `{ path: message }` (first message per path). */
export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The validation hook: invalid input becomes a 400 `validation_failed` naming the fields. */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    const fields = fieldErrors(result.error.issues);
    throw new ValidationError(`Invalid ${result.target}: ${Object.keys(fields).join(", ")}.`, { fields });
  }
};

/** A sub-app for one resource, sharing the validation hook. */
export function resource(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** Dates to ISO strings, deeply, so domain objects can be answered as JSON. */
export type Jsonified<T> = T extends Date ? string
  : T extends Array<infer U> ? Jsonified<U>[]
  : T extends object ? { [K in keyof T]: Jsonified<T[K]> }
  : T;

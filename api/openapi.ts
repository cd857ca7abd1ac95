/**
 * Helpers for declaring `@hono/zod-openapi` routes: {@linkcode route} (every
 * operation names its `operationId` and `security`, and gets the answers the
 * cross-cutting middleware can give), the security schemes, the error schema,
 * the validation hook that turns zod issues into our 400 error, and shorthands
 * for JSON bodies and answers.
 *
 * @module
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Hook, RouteConfig } from "@hono/zod-openapi";
import { ValidationError } from "../lib/errors.ts";
import { isId } from "../lib/ids.ts";
import type { AppEnv } from "../http/app_env.ts";
import { apiKeyAccess } from "../http/api_key.ts";

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
  401: {
    description: "No valid credentials: not signed in, the session ended, or no valid visitor token",
    content: errorContent,
  },
  403: { description: "Role or origin not allowed", content: errorContent },
  404: { description: "Not found in your workspace", content: errorContent },
  409: { description: "Conflicts with the current state", content: errorContent },
  413: { description: "The body is too large (1 MiB for JSON, `MAX_UPLOAD_MB` for uploads)", content: errorContent },
  415: { description: "The body's `Content-Type` is not one this operation takes", content: errorContent },
  429: { description: "Rate limited; see `Retry-After`", content: errorContent },
  503: { description: "An outside service this needs (an AI provider) failed; try again later", content: errorContent },
  500: {
    description: "Failed on our side; `message` gives a reference to quote (internals are logged only)",
    content: errorContent,
  },
} as const;

/** Picks documented error answers. */
export function errorResponses<K extends keyof typeof errors>(...codes: K[]): Pick<typeof errors, K> {
  return Object.fromEntries(codes.map((k) => [k, errors[k]])) as Pick<typeof errors, K>;
}

/** How callers prove who they are, as OpenAPI security schemes. */
export function securitySchemes(sessionCookie: string) {
  return {
    session: {
      type: "apiKey",
      in: "cookie",
      name: sessionCookie,
      description: "The staff session, set by `POST /auth/login`, `/auth/register` and `/auth/invite/accept`. " +
        "Writes carrying it must come from the app's own `Origin` (else 403 `bad_origin`).",
    },
    apiKey: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "fd_live_…",
      description: "An API key (Settings → API keys), as `Authorization: Bearer fd_live_…`. It acts for the admin " +
        "who created it: `read` keys may call `GET`/`HEAD` operations, `write` keys every operation listing this " +
        "scheme; never the operations for sessions only (API keys, team, invites, profile, sign-out: 403 " +
        "`api_key_not_allowed`). A revoked or unknown key answers 401 `invalid_api_key`. Each key may make " +
        "`API_KEY_RATE_LIMIT` requests a minute (600 unless configured): every answer carries `RateLimit-Limit`, " +
        "`RateLimit-Remaining`, `RateLimit-Reset` (seconds) and `RateLimit-Policy`, and over the limit 429 with " +
        "`Retry-After`.",
    },
    visitorToken: {
      type: "http",
      scheme: "bearer",
      description: "The widget's visitor token, from `POST /widget/session` (`token`).",
    },
    slackSignature: {
      type: "apiKey",
      in: "header",
      name: "X-Slack-Signature",
      description:
        "Slack's request signature (v0): `v0=` + hex HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<body>` " +
        "under the Slack app's signing secret; requests older than 5 minutes are refused.",
    },
    zendeskSignature: {
      type: "apiKey",
      in: "header",
      name: "X-Zendesk-Webhook-Signature",
      description:
        "Zendesk's webhook signature: base64 HMAC-SHA256 of `<X-Zendesk-Webhook-Signature-Timestamp><body>` " +
        "under the webhook's signing secret.",
    },
  } as const;
}

type SchemeName = keyof ReturnType<typeof securitySchemes>;
/** An operation's security: alternatives, any one of which suffices (`[]`: public). */
export type Security = Array<Partial<Record<SchemeName, string[]>>>;

/** Who may call an operation. */
export const access: Readonly<
  Record<"public" | "staff" | "session" | "visitor" | "apiKey" | "slack" | "zendesk", Security>
> = {
  /** Anyone; the operation checks what it needs itself (a signed URL, a token in a frame). */
  public: [],
  /** Signed-in staff of the workspace, or an API key of it (within its scope). */
  staff: [{ session: [] }, { apiKey: [] }],
  /** Signed-in staff only: what an API key must never do (manage keys, the team, a session). */
  session: [{ session: [] }],
  /** A widget visitor. */
  visitor: [{ visitorToken: [] }],
  /** An API key only (the event stream). */
  apiKey: [{ apiKey: [] }],
  /** Slack calling us, proven by its request signature. */
  slack: [{ slackSignature: [] }],
  /** Zendesk calling us, proven by its webhook signature. */
  zendesk: [{ zendeskSignature: [] }],
};

const WRITES = new Set(["post", "put", "patch", "delete"]);

/** A route's declaration, with what every operation must say. */
type Declared<P extends string> = Omit<RouteConfig, "path"> & { path: P; operationId: string; security: Security };

/**
 * The answers middleware gives, so no operation can forget them: 401 when it needs credentials,
 * 403 for a staff write from another origin (CSRF) and for an API key it does not take or whose scope
 * is too narrow, 429 for a key over its rate limit, when the route's input is validated by
 * `@hono/zod-openapi` 400 for invalid input and 413 and 415 for a body, and the error mapper's 500.
 */
function middlewareAnswers(config: Omit<Declared<string>, "path">, validated: boolean) {
  const { request, security, method } = config;
  const takesInput = Boolean(request?.params || request?.query || request?.body);
  return {
    ...(validated && takesInput ? errorResponses(400) : {}),
    ...(security.length ? errorResponses(401) : {}),
    ...(security.some((s) => s.session) && (WRITES.has(method) || !takesKeys(security)) ? errorResponses(403) : {}),
    ...(takesKeys(security) ? errorResponses(429) : {}),
    ...(validated && request?.body ? errorResponses(413, 415) : {}),
    ...errorResponses(500),
  };
}

const takesKeys = (security: Security) => security.some((s) => s.apiKey);

function declare<P extends string, R extends Declared<P>>(config: R, validated: boolean) {
  const responses = { ...middlewareAnswers(config, validated), ...config.responses };
  const declared = { ...config, security: config.security.map((s) => ({ ...s })), responses };
  if (!validated) return createRoute<P, R>(declared);
  // The operation's declared security is also what lets an API key in (`http/api_key.ts`): one source.
  // Hand-mounted operations (`described`) get no guard, so they never see a key's user.
  const own = config.middleware ? [config.middleware].flat() : [];
  const middleware = [apiKeyAccess(takesKeys(config.security)), ...own] as R["middleware"];
  return createRoute<P, R>({ ...declared, middleware });
}

/**
 * `createRoute` for `app.openapi(...)`, requiring a stable camelCase `operationId` and the
 * operation's `security` ({@linkcode access}), and documenting the answers the middleware and
 * the validators give.
 */
export function route<P extends string, R extends Declared<P>>(config: R): ReturnType<typeof createRoute<P, R>> {
  return declare<P, R>(config, true);
}

/**
 * Documents, in `app`'s part of the OpenAPI document, an operation whose handler is a plain Hono
 * handler reading its own input (signed file URLs, WebSocket upgrades), and returns the route so
 * the handler is mounted on the same path (`getRoutingPath()`). Only the answers the middleware
 * gives are added: the handler's own must be listed.
 */
export function described<P extends string, R extends Declared<P>>(
  app: OpenAPIHono<AppEnv>,
  config: R,
): ReturnType<typeof createRoute<P, R>> {
  const declared = declare<P, R>(config, false);
  app.openAPIRegistry.registerPath(declared);
  return declared;
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

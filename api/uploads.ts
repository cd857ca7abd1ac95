/**
 * The one upload handler behind `POST /api/widget/uploads` (visitors) and
 * `POST /api/conversations/uploads` (staff), and its OpenAPI route: the multipart `file`
 * (validated by the route; the body limit is enforced while it streams, by `http/body_limit.ts`) is
 * stored and answered with the attachment and its signed URL.
 *
 * @module
 */
import { type RouteConfig, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../http/app_env.ts";
import { saveAttachment, signedUrl } from "../models/chat/attachments.ts";
import { attachmentWire } from "../models/chat/wire.ts";
import { errorResponses, jsonAnswer, route, type Security } from "./openapi.ts";

const UploadForm = z.object({
  file: z.custom<File>((v) => v instanceof File, { message: "Attach a file." }).openapi({
    type: "string",
    format: "binary",
    description: "The file; its type is sniffed from its bytes, not its name",
  }),
});

/** The upload operation at `POST {prefix}/uploads`, for the visitor's or the staff's side. */
export function uploadRoute(
  opts: {
    operationId: string;
    security: Security;
    tags: string[];
    summary: string;
    rateLimited: boolean;
    middleware?: RouteConfig["middleware"];
  },
) {
  const { rateLimited, ...declared } = opts;
  return route({
    method: "post",
    path: "/uploads",
    ...declared,
    request: { body: { required: true, content: { "multipart/form-data": { schema: UploadForm } } } },
    responses: {
      201: jsonAnswer(z.object({ attachment: attachmentWire }), "Stored: the attachment, with its signed URL"),
      ...(rateLimited ? errorResponses(429) : {}),
    },
  });
}

/** Stores the uploaded `file` (the validated form's) for `owner` and answers 201 `{ attachment }`. */
export async function receiveUpload(c: Context<AppEnv>, owner: { workspaceId: string; id: string }, file: File) {
  const a = await saveAttachment(c.var.deps, owner, {
    name: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  return c.json({
    attachment: {
      id: a.id,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      url: await signedUrl(c.var.deps, a),
    },
  }, 201);
}

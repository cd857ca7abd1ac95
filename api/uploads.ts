/**
 * The one upload handler behind `POST /api/widget/uploads` (visitors) and
 * `POST /api/conversations/uploads` (staff): reads the multipart `file`
 * (the body limit is enforced while it streams, by `http/body_limit.ts`), stores it and
 * answers with the attachment and its signed URL.
 *
 * @module
 */
import type { Context } from "hono";
import { ValidationError } from "../lib/errors.ts";
import type { AppEnv } from "../http/app_env.ts";
import { saveAttachment, signedUrl } from "../models/chat/attachments.ts";

/** Stores the request's `file` for `owner` and answers 201 `{ attachment }`. */
export async function receiveUpload(c: Context<AppEnv>, owner: { workspaceId: string; id: string }) {
  const form = await c.req.formData().catch(() => {
    throw new ValidationError("Send the file as multipart/form-data in the `file` field.");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new ValidationError("Attach a file.", { fields: { file: "Attach a file." } });
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

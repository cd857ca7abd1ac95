/**
 * `GET /api/files/:workspaceId/:id?exp&sig`: serves an attachment through
 * its signed URL. Only raster images are shown inline; everything else
 * downloads. Never served as HTML, SVG or script: `nosniff`, a sandboxing CSP
 * and a server-sniffed content type.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { NotFoundError } from "../lib/errors.ts";
import { INLINE_TYPES, openSigned } from "../models/chat/attachments.ts";
import { access, described, errorResponses, resource } from "./openapi.ts";

const filesApi = resource();
const hex = /^[0-9a-f]{24}$/;
const query = z.object({ exp: z.coerce.number().int().positive(), sig: z.string().regex(/^[0-9a-f]{64}$/) });

const pathParam = (name: string) =>
  z.string().openapi({ param: { name, in: "path" }, example: "65f1c0ffee0000000000abcd" });
const file = { schema: z.string().openapi({ format: "binary" }) };

// Read by the handler itself, so a malformed URL is as unknown as a forged one (404, not 400).
const download = described(filesApi, {
  method: "get",
  path: "/{workspaceId}/{id}",
  operationId: "downloadFile",
  security: access.public,
  tags: ["Files"],
  summary: "An attachment, through the signed URL an upload answered with (the signature is the credential)",
  request: {
    params: z.object({ workspaceId: pathParam("workspaceId"), id: pathParam("id") }),
    query: z.object({
      exp: z.string().openapi({ description: "Expiry, Unix seconds", example: "1767225600" }),
      sig: z.string().openapi({ description: "HMAC-SHA256 of the file and the expiry, hex" }),
    }),
  },
  responses: {
    200: {
      description: "The bytes: raster images inline with their type, everything else as a download " +
        "(`text/plain` or `application/octet-stream`), never as active content",
      content: Object.fromEntries([...INLINE_TYPES, "text/plain", "application/octet-stream"].map((t) => [t, file])),
    },
    ...errorResponses(404),
  },
});

filesApi.get(download.getRoutingPath(), async (c) => {
  const { workspaceId, id } = c.req.param();
  const q = query.safeParse(c.req.query());
  if (!hex.test(workspaceId) || !hex.test(id) || !q.success) throw new NotFoundError("File");
  const { attachment, bytes } = await openSigned(c.var.deps, workspaceId, id, q.data.exp, q.data.sig);
  const inline = INLINE_TYPES.has(attachment.contentType);
  const type = inline
    ? attachment.contentType
    : attachment.contentType === "text/plain"
    ? "text/plain; charset=utf-8"
    : "application/octet-stream";
  const filename = attachment.name.replace(/[^\w.\- ]/g, "_");
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": type,
      "content-length": String(bytes.length),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="${filename}"; filename*=UTF-8''${
        encodeURIComponent(attachment.name)
      }`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "cross-origin",
      "cache-control": "private, max-age=3600",
    },
  });
});

/** The `/api/files` sub-app. */
export default filesApi;

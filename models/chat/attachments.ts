/**
 * Chat attachments: uploaded by visitors (token) or staff (session), size
 * limited while streaming (by the API), type sniffed from the bytes, stored
 * under server-chosen keys, and served through short-lived signed URLs, never
 * as active content (HTML, SVG, scripts download as files).
 *
 * @module
 */
import { hmacSha256Hex, timingSafeEqual } from "../../lib/crypto.ts";
import { NotFoundError, ValidationError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import type { Attachment } from "./conversation.ts";
import type { Deps } from "../ports/deps.ts";

/** Where an attachment's bytes are kept. */
const attachmentKey = (id: string) => `attachments/${id}`;

/** Image types shown inline; everything else is a download. */
export const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The media type of `bytes`, from their content only. Unknown binary is `application/octet-stream`. */
function sniffType(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return "image/webp";
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return "application/pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "application/zip";
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return "application/octet-stream";
  // Text: served as plain text, whatever markup it holds (HTML, SVG and scripts never render).
  return "text/plain";
}

/** Stores an upload and its metadata. */
export async function saveAttachment(
  deps: Deps,
  owner: { workspaceId: string; id: string },
  file: { name: string; bytes: Uint8Array },
): Promise<Attachment> {
  if (!file.bytes.length) throw new ValidationError("The file is empty.", { fields: { file: "empty" } });
  const now = deps.clock.now();
  const attachment: Attachment = {
    id: newId(now),
    workspaceId: owner.workspaceId,
    ownerId: owner.id,
    name: file.name.replace(/[\\/\0\r\n"]/g, "_").slice(0, 200) || "file",
    contentType: sniffType(file.bytes),
    size: file.bytes.length,
    createdAt: now,
  };
  await deps.files.put(attachmentKey(attachment.id), file.bytes);
  await deps.store.attachments.insert(attachment);
  return attachment;
}

const TTL_S = 24 * 3600;

async function signature(deps: Deps, workspaceId: string, id: string, exp: number) {
  return await hmacSha256Hex(`${deps.config.jwtSecret}:files`, `${workspaceId}.${id}.${exp}`);
}

/** A URL that serves the attachment for a day (links in a chat need no headers). */
export async function signedUrl(deps: Deps, a: Attachment): Promise<string> {
  // Rounded so the same attachment keeps the same URL for a while (browser caching).
  const exp = Math.ceil(deps.clock.now().getTime() / 1000 / 3600) * 3600 + TTL_S;
  const sig = await signature(deps, a.workspaceId, a.id, exp);
  return `${deps.config.appUrl}/api/files/${a.workspaceId}/${a.id}?exp=${exp}&sig=${sig}`;
}

/** Checks a signed URL's parts and returns the attachment with its bytes. */
export async function openSigned(
  deps: Deps,
  workspaceId: string,
  id: string,
  exp: number,
  sig: string,
): Promise<{ attachment: Attachment; bytes: Uint8Array }> {
  const valid = exp * 1000 > deps.clock.now().getTime() &&
    timingSafeEqual(await signature(deps, workspaceId, id, exp), sig);
  const attachment = valid ? await deps.store.attachments.get(workspaceId, id) : null;
  const bytes = attachment && await deps.files.get(attachmentKey(attachment.id));
  if (!attachment || !bytes) throw new NotFoundError("File");
  return { attachment, bytes };
}

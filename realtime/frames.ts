/**
 * Validation of client frames: size first (bytes), then shape (zod). A bad
 * frame gets an `error` frame back, never a crash.
 *
 * @module
 */
import { z } from "zod";
import { LIMITS } from "./protocol.ts";
import type { ClientFrame } from "./protocol.ts";

const utf8 = new TextEncoder();
const id = z.string().regex(/^[0-9a-f]{24}$/);
const clientId = z.string().regex(/^[\w-]{8,64}$/);

const frameSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    token: z.string().max(2000).optional(),
    resume: z.array(z.object({ conversationId: id, afterSeq: z.number().int().min(0) })).max(50).optional(),
  }),
  z.object({
    type: z.literal("send"),
    clientId,
    conversationId: id.optional(),
    text: z.string().max(LIMITS.maxTextChars),
    attachments: z.array(id).max(5).optional(),
    pageUrl: z.string().max(2000).optional(),
  }),
  z.object({ type: z.literal("typing"), conversationId: id, on: z.boolean() }),
  z.object({ type: z.literal("read"), conversationId: id, seq: z.number().int().min(0) }),
  z.object({ type: z.literal("handoff"), conversationId: id }),
  z.object({ type: z.literal("sync"), conversationId: id, afterSeq: z.number().int().min(0) }),
  z.object({ type: z.literal("subscribe"), conversationId: id }),
  z.object({ type: z.literal("unsubscribe"), conversationId: id }),
  z.object({ type: z.literal("ping") }),
]);

/** The outcome of reading one frame. */
export type Parsed =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: "too_large" | "invalid_frame"; message: string; clientId?: string };

/** Parses raw socket data into a client frame. */
export function parseFrame(data: unknown): Parsed {
  if (typeof data !== "string") return { ok: false, code: "invalid_frame", message: "Frames are JSON text." };
  // A UTF-16 unit is at most 3 UTF-8 bytes: most frames are clearly small enough without encoding them.
  if (data.length * 3 > LIMITS.maxFrameBytes && utf8.encode(data).length > LIMITS.maxFrameBytes) {
    return { ok: false, code: "too_large", message: `Frames are at most ${LIMITS.maxFrameBytes} bytes.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, code: "invalid_frame", message: "The frame is not valid JSON." };
  }
  const parsed = frameSchema.safeParse(json);
  if (!parsed.success) {
    const cid = (json as { clientId?: unknown })?.clientId;
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      code: issue?.code === "too_big" ? "too_large" : "invalid_frame",
      message: `Invalid frame: ${issue?.path.join(".") || "type"} ${issue?.message ?? ""}`.trim(),
      ...(typeof cid === "string" && cid.length <= 64 ? { clientId: cid } : {}),
    };
  }
  return { ok: true, frame: parsed.data as ClientFrame };
}

/**
 * The files a staff reply carries, before it is sent: what is refused before
 * any byte goes up (more than 5 files, an empty file, one over the server's
 * upload limit: the same limit the widget's uploads meet, since both go
 * through the one upload handler, which also sniffs the type from the
 * bytes), which files a drop or a paste brings, and how a file being
 * uploaded changes as it goes.
 *
 * @module
 */
import { fileSize } from "../format.ts";
import type { WireAttachment } from "../types.ts";

/** Files per message (the server refuses more). */
export const MAX_FILES = 5;

/** A file picked for the next reply. */
export interface DraftFile {
  /** Local key (the upload's, until it has an attachment id). */
  key: string;
  name: string;
  size: number;
  /** A `data:` URL of a raster image, drawn as its thumbnail. */
  thumb?: string;
  /** 0-1 while uploading. */
  progress: number;
  state: "uploading" | "ready" | "failed";
  error?: string;
  /** The stored file, once uploaded. */
  attachment?: WireAttachment;
}

/** Why `file` can't be added to a reply that already has `count` files, or null. */
export function refusal(file: { name: string; size: number }, maxBytes: number, count: number): string | null {
  if (count >= MAX_FILES) return `A reply carries at most ${MAX_FILES} files.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > maxBytes) return `${file.name} is larger than the ${fileSize(maxBytes)} limit.`;
  return null;
}

/** Types drawn as thumbnails (what the thread draws inline). */
const THUMB_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** True when the browser says `file` is an image the thread would draw inline. */
export function isThumbable(file: { type: string }): boolean {
  return THUMB_TYPES.has(file.type);
}

/** True while a drag carries files (not text or a link). */
export function carriesFiles(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes("Files");
}

/** The files of a paste: images only (a copied screenshot); a pasted text stays text. */
export function pastedImages(dt: DataTransfer | null): File[] {
  if (!dt) return [];
  return Array.from(dt.files).filter((f) => f.type.startsWith("image/"));
}

/** A name for a pasted image, which browsers call "image.png" whatever it is. */
export function pastedName(file: { name: string; type: string }, at: Date): string {
  if (file.name && file.name !== "image.png") return file.name;
  const ext = file.type.split("/")[1]?.replace("jpeg", "jpg") ?? "png";
  const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `pasted-${stamp}.${ext}`;
}

/** `files` with the one of `key` changed (an update for a removed file changes nothing). */
export function patch(files: DraftFile[], key: string, change: Partial<DraftFile>): DraftFile[] {
  return files.some((f) => f.key === key) ? files.map((f) => (f.key === key ? { ...f, ...change } : f)) : files;
}

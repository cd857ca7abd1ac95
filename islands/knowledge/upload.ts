/**
 * Uploading a document to train on: checks the type and size first, then
 * sends `multipart/form-data` (`file`, optional `title`) with upload
 * progress (XMLHttpRequest, because fetch reports none).
 *
 * @module
 */
import type { SourceJson } from "../shared/agent_types.ts";
import type { ApiResult } from "../shared/api.ts";
import { postForm } from "../shared/upload.ts";

/** The API's limit. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What the file input accepts. */
export const ACCEPT = ".pdf,.docx,.md,.markdown,.txt,.html,.htm";

const EXTENSIONS = new Set(ACCEPT.split(","));

/** "2.4 MB", "830 KB", "120 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** Why a file can't be uploaded, or null. */
export function checkFile(file: { name: string; size: number }): string | null {
  const ext = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0] ?? "";
  if (!EXTENSIONS.has(ext)) return "Choose a PDF, Word (.docx), Markdown, text or HTML file.";
  if (file.size === 0) return "That file is empty.";
  if (file.size > MAX_UPLOAD_BYTES) return `That file is ${formatBytes(file.size)}; the limit is 10 MB.`;
  return null;
}

/** Posts `file` to `url`; `onProgress` gets 0-1 while the bytes go up. */
export function uploadDocument(
  url: string,
  file: File,
  title: string,
  onProgress: (fraction: number) => void,
): Promise<ApiResult<{ source: SourceJson }>> {
  const form = new FormData();
  form.append("file", file);
  if (title.trim()) form.append("title", title.trim());
  return postForm(url, form, onProgress);
}

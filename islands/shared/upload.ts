/**
 * `postForm`: a multipart POST with upload progress (XMLHttpRequest, because
 * fetch reports none), answering like {@linkcode api} (errors as data, never
 * thrown). Used by every island that uploads a file.
 *
 * @module
 */
import { type ApiResult, toApiError } from "./api.ts";

const NETWORK_ERROR = "The upload didn't reach Frontdesk. Check your connection and try again.";

/** Posts `form` to `url`; `onProgress` gets 0-1 while the bytes go up. Aborting answers status 0, code `aborted`. */
export function postForm<T>(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve(
        xhr.status >= 200 && xhr.status < 300
          ? { ok: true, status: xhr.status, data: body as T }
          : { ok: false, status: xhr.status, error: toApiError(xhr.status, body) },
      );
    };
    const fail = (code: string, message: string) =>
      resolve({ ok: false, status: 0, error: { status: 0, code, message, fields: {} } });
    xhr.onerror = () => fail("network", NETWORK_ERROR);
    xhr.onabort = () => fail("aborted", "The upload was cancelled.");
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * `useAttachments`: the files of the next staff reply. Each file is checked
 * (count, emptiness, size), then uploaded at once to
 * `POST /api/conversations/uploads` with its progress shown, and can be
 * removed before sending (an upload still on its way is cancelled). Files
 * come from the "Attach file" button, a drop on the reply box, or a paste
 * of images. Sending takes the uploaded files' attachments.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { postForm } from "../../shared/upload.ts";
import type { WireAttachment } from "../types.ts";
import { carriesFiles, type DraftFile, isThumbable, pastedImages, pastedName, patch, refusal } from "./files.ts";

/** Where staff upload a reply's files. */
export const UPLOAD_URL = "/api/conversations/uploads";

/** Reads a small image as a `data:` URL (the page's CSP allows `data:` images, not `blob:`). */
function readThumb(file: File): Promise<string | undefined> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : undefined);
    reader.onerror = () => resolve(undefined);
    reader.readAsDataURL(file);
  });
}

/** Thumbnails only for images up to this size (larger ones show their name). */
const THUMB_MAX_BYTES = 5 * 1024 * 1024;

/** The reply's files and the handlers that add them. */
export function useAttachments(maxBytes: number) {
  const [files, setFiles] = useState<DraftFile[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  /** The files as of now (between renders), for the count check. */
  const current = useRef<DraftFile[]>([]);
  const aborts = useRef(new Map<string, AbortController>());
  const depth = useRef(0);

  function update(next: (files: DraftFile[]) => DraftFile[]) {
    current.current = next(current.current);
    setFiles(current.current);
  }

  async function upload(file: File, key: string) {
    const abort = new AbortController();
    aborts.current.set(key, abort);
    if (isThumbable(file) && file.size <= THUMB_MAX_BYTES) {
      readThumb(file).then((thumb) => thumb && update((fs) => patch(fs, key, { thumb })));
    }
    const form = new FormData();
    form.append("file", file, file.name);
    const res = await postForm<{ attachment: WireAttachment }>(
      UPLOAD_URL,
      form,
      (progress) => update((fs) => patch(fs, key, { progress })),
      abort.signal,
    );
    aborts.current.delete(key);
    if (res.ok) update((fs) => patch(fs, key, { state: "ready", progress: 1, attachment: res.data.attachment }));
    else if (res.error.code !== "aborted") {
      const error = res.status === 413 ? `${file.name} is over the upload limit.` : res.error.message;
      update((fs) => patch(fs, key, { state: "failed", error }));
    }
  }

  /** Checks and uploads `list`; refused files are named in `notice`. */
  function add(list: File[]) {
    const refused: string[] = [];
    for (const file of list) {
      const why = refusal(file, maxBytes, current.current.length);
      if (why) {
        refused.push(why);
        continue;
      }
      const key = crypto.randomUUID();
      update((fs) => [...fs, { key, name: file.name, size: file.size, progress: 0, state: "uploading" }]);
      upload(file, key);
    }
    setNotice(refused.length ? refused.join(" ") : null);
  }

  /** Takes a file off the reply (cancelling its upload). */
  function remove(key: string) {
    aborts.current.get(key)?.abort();
    update((fs) => fs.filter((f) => f.key !== key));
    setNotice(null);
  }

  /** Empties the list once the reply is sent. */
  function clear() {
    update(() => []);
    setNotice(null);
  }

  /** Handlers for the element files may be dropped on. */
  const dropZone = {
    onDragEnter(e: DragEvent) {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    },
    onDragOver(e: DragEvent) {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave(e: DragEvent) {
      if (!carriesFiles(e.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (!depth.current) setDragging(false);
    },
    onDrop(e: DragEvent) {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      add(Array.from(e.dataTransfer!.files));
    },
  };

  /** For the text box: a pasted image is attached (text pastes as usual). */
  function onPaste(e: ClipboardEvent) {
    const images = pastedImages(e.clipboardData);
    if (!images.length) return;
    if (!e.clipboardData?.getData("text/plain")) e.preventDefault();
    const at = new Date();
    add(images.map((f) => new File([f], pastedName(f, at), { type: f.type })));
  }

  const ready = files.filter((f) => f.state === "ready" && f.attachment).map((f) => f.attachment!);
  return {
    files,
    ready,
    uploading: files.some((f) => f.state === "uploading"),
    failed: files.some((f) => f.state === "failed"),
    notice,
    dragging,
    add,
    remove,
    clear,
    dropZone,
    onPaste,
  };
}

/** What {@linkcode useAttachments} gives a reply box. */
export type Attachments = ReturnType<typeof useAttachments>;

/**
 * The message box: a textarea named "Message" (Enter sends, Shift+Enter is a
 * new line), an attach button (the file uploads at once and rides along with
 * the next message) and the "Send" button.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { WireAttachment } from "../../realtime/protocol.ts";
import { fill, type Strings } from "../i18n.ts";
import type { ChatClient } from "./client.ts";
import { HttpError } from "./http.ts";
import { Icon } from "./icons.tsx";

/** Props of {@linkcode Composer}. */
export interface ComposerProps {
  client: ChatClient;
  t: Strings;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** Longest message the server takes (`LIMITS.maxTextChars`). */
const MAX_CHARS = 4000;

/** Text box, attach and send. */
export function Composer({ client, t, inputRef }: ComposerProps) {
  const [text, setText] = useState("");
  const [files, setFiles] = useState<WireAttachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  // The box grows with its text (up to its max-height) and shrinks back once sent.
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = "auto";
    if (text) el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  function submit() {
    if (uploading || (!text.trim() && !files.length)) return;
    client.send(text, files);
    setText("");
    setFiles([]);
  }

  async function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    setUploading(true);
    try {
      const attachment = await client.upload(file);
      setFiles((f) => [...f, attachment]);
    } catch (err) {
      const large = err instanceof HttpError && (err.status === 413 || /too_large/.test(err.code));
      client.notify(large ? "too_large" : "upload_failed");
    } finally {
      setUploading(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  function onInput(e: Event) {
    const el = e.currentTarget as HTMLTextAreaElement;
    setText(el.value);
    if (el.value) client.typed();
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {(files.length > 0 || uploading) && (
        <div class="chips">
          {files.map((f) => (
            <span key={f.id} class="chip">
              <span>{f.name}</span>
              <button
                type="button"
                class="ib"
                aria-label={fill(t.removeFile, { name: f.name })}
                onClick={() => setFiles((all) => all.filter((x) => x !== f))}
              >
                <Icon name="close" />
              </button>
            </span>
          ))}
          {uploading && <span class="chip" role="status">{t.uploading}</span>}
        </div>
      )}
      <div class="compose">
        <button type="button" class="ib" aria-label={t.attach} onClick={() => picker.current?.click()}>
          <Icon name="clip" />
        </button>
        <input ref={picker} type="file" class="sr" tabIndex={-1} aria-hidden="true" onChange={onFile} />
        <textarea
          ref={inputRef}
          rows={1}
          aria-label={t.message}
          placeholder={t.placeholder}
          maxLength={MAX_CHARS}
          value={text}
          onInput={onInput}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="ib send" aria-label={t.send}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}

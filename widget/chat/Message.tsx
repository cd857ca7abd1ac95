/**
 * One message in the transcript. Text (the visitor's, staff's, the AI's while
 * it streams, system notes) is rendered as text; only a finished AI answer's
 * server-sanitised `html` becomes markup, and that through `sanitize` again.
 * Citations and attachments link only to http(s) URLs.
 *
 * @module
 */
import { useLayoutEffect, useRef } from "preact/hooks";
import type { WireAttachment, WireCitation } from "../../realtime/protocol.ts";
import type { Strings } from "../i18n.ts";
import { Icon } from "./icons.tsx";
import { safeUrl, sanitize } from "./sanitize.ts";
import type { ViewItem } from "./transcript.ts";

/** Props of {@linkcode Message}. */
export interface MessageProps {
  item: ViewItem;
  /** The item before, to name a staff member once per run of messages. */
  prev?: ViewItem;
  t: Strings;
  origin: string;
  onRetry(clientId: string): void;
}

function Html({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => ref.current?.replaceChildren(sanitize(html)), [html]);
  return <div class="html" ref={ref} />;
}

function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  return size < 1048576 ? `${Math.round(size / 1024)} KB` : `${(size / 1048576).toFixed(1)} MB`;
}

function Attachment({ a, origin }: { a: WireAttachment; origin: string }) {
  const url = safeUrl(a.url, origin);
  const image = /^image\//i.test(a.contentType) && !/svg/i.test(a.contentType);
  if (url && image) {
    return (
      <a class="att" href={url} target="_blank" rel="noopener noreferrer">
        <img src={url} alt={a.name} loading="lazy" referrerpolicy="no-referrer" />
      </a>
    );
  }
  const label = (
    <span class="file">
      <Icon name="file" />
      {a.name} · {bytes(a.size)}
    </span>
  );
  return url
    ? <a class="att" href={url} target="_blank" rel="noopener noreferrer" download={a.name}>{label}</a>
    : <span class="att">{label}</span>;
}

function Citations({ list, t }: { list: WireCitation[]; t: Strings }) {
  return (
    <div class="cites">
      <span>{t.sources}:</span>
      {list.map((c, i) => {
        const url = safeUrl(c.url);
        return url
          ? <a key={i} class="cite" href={url} target="_blank" rel="noopener noreferrer" title={c.title}>{c.title}</a>
          : <span key={i} class="cite" title={c.title}>{c.title}</span>;
      })}
    </div>
  );
}

/** A message bubble with its author, citations and delivery state. */
export function Message({ item, prev, t, origin, onRetry }: MessageProps) {
  const m = item.message;
  if (m.sender === "system") return <p class="sys">{m.text}</p>;
  const mine = m.sender === "user";
  const staff = m.author.kind === "staff";
  const named = staff && (prev?.message.author.kind !== "staff" || prev.message.author.name !== m.author.name);
  const streaming = m.status === "streaming";
  return (
    <div class={`row ${mine ? "me" : "them"}`} data-seq={Number.isFinite(m.seq) ? m.seq : undefined}>
      {named && <span class="who">{m.author.name || t.someone}</span>}
      <div class={`bubble${m.status === "interrupted" ? " cut" : ""}`} aria-busy={streaming ? "true" : undefined}>
        {!mine && m.html && !streaming
          ? <Html html={m.html} />
          : m.text
          ? m.text
          : streaming && (
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
          )}
        {m.attachments.map((a) => <Attachment key={a.id} a={a} origin={origin} />)}
        {m.status === "interrupted" && <span class="note">{t.interrupted}</span>}
      </div>
      {!streaming && m.citations.length > 0 && <Citations list={m.citations} t={t} />}
      {item.receipt && (
        <p class={`meta${item.receipt === "failed" ? " bad" : ""}`}>
          {t[item.receipt === "failed" ? "failed" : item.receipt]}
          {item.receipt === "failed" && (
            <button type="button" onClick={() => onRetry(m.clientId!)}>
              {t.retry}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/**
 * One message of the thread. The visitor's on the left, the support side
 * (AI and staff) on the right, system lines centred and quiet; internal
 * notes (staff only, never sent to the visitor) stand out in amber. Text is
 * always plain text, except a finished AI answer, drawn from the HTML the
 * server sanitised. A streaming answer grows as plain text; an interrupted
 * one says so.
 *
 * @module
 */
import { SentimentBadge } from "../../components/SentimentBadge.tsx";
import { Icon } from "../../components/Icons.tsx";
import { Attachments } from "./Attachments.tsx";
import { fullTime, messageTime, safeHref } from "./format.ts";
import type { WireMessage } from "./types.ts";
import type { Now } from "./use_now.ts";

/** Tailwind for the sanitised answer HTML (links, lists, code, images). */
const ANSWER_HTML =
  "space-y-2 break-words [&_a]:font-medium [&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-white/70 [&_code]:px-1 [&_img]:max-h-48 [&_img]:rounded-lg [&_li]:ml-5 [&_ol]:list-decimal [&_strong]:font-semibold [&_ul]:list-disc";

/** Props of {@linkcode Message}. */
export interface MessageProps {
  message: WireMessage;
  /** The conversation's agent, naming AI answers without an author name. */
  agentName: string;
  /** The visitor's name for their messages. */
  visitorName: string;
  /** Show "Seen" under it (the last staff message, read by the visitor). */
  seen: boolean;
  /** It follows a message of the same author: no name and time again, closer to the one before. */
  continued?: boolean;
  now: Now;
}

function Meta(
  { who, iso, now, right, quiet }: { who: string; iso: string; now: Now; right?: boolean; quiet?: boolean },
) {
  // A continued message keeps its author for screen readers only.
  return (
    <p
      class={`mb-1 flex items-baseline gap-2 text-xs text-slate-500 ${right ? "justify-end" : ""} ${
        quiet ? "sr-only" : ""
      }`}
    >
      <span class="font-medium text-slate-700">{who}</span>
      <time dateTime={iso} title={fullTime(iso, now.tz)}>{messageTime(iso, now.at, now.tz)}</time>
    </p>
  );
}

function Citations({ m }: { m: WireMessage }) {
  if (!m.citations.length) return null;
  return (
    <div class="mt-1.5 flex flex-wrap items-center justify-end gap-1.5 text-xs">
      <span class="font-medium text-slate-500">Sources:</span>
      <ul class="contents">
        {m.citations.map((c, i) => {
          const href = safeHref(c.url);
          const chip = "inline-flex items-center rounded-full bg-white px-2.5 py-1 font-medium ring-1 ring-inset";
          return (
            <li key={`${i}-${c.title}`}>
              {href
                ? (
                  <a
                    href={href}
                    target="_blank"
                    rel="noopener noreferrer"
                    class={`${chip} text-indigo-700 ring-indigo-200 hover:bg-indigo-50`}
                  >
                    {c.title}
                  </a>
                )
                : <span class={`${chip} text-slate-700 ring-slate-200`}>{c.title}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function AiBody({ m }: { m: WireMessage }) {
  if (m.status === "complete" && m.html !== undefined) {
    // The only raw HTML in the staff chat: the server's sanitised rendering of an AI answer.
    return <div class={ANSWER_HTML} dangerouslySetInnerHTML={{ __html: m.html }} />;
  }
  if (m.status === "streaming" && !m.text) {
    return (
      <p class="flex items-center gap-1.5 py-1 text-slate-500">
        <span class="sr-only">Writing an answer…</span>
        <span class="size-1.5 animate-bounce rounded-full bg-violet-400" aria-hidden="true" />
        <span class="size-1.5 animate-bounce rounded-full bg-violet-400 [animation-delay:150ms]" aria-hidden="true" />
        <span class="size-1.5 animate-bounce rounded-full bg-violet-400 [animation-delay:300ms]" aria-hidden="true" />
      </p>
    );
  }
  return (
    <p class="whitespace-pre-wrap">
      {m.text}
      {m.status === "streaming" && (
        <span class="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 animate-pulse bg-violet-400" aria-hidden="true" />
      )}
    </p>
  );
}

/** A stored message. */
export function Message({ message: m, agentName, visitorName, seen, now, continued }: MessageProps) {
  const kind = m.author.kind;
  const tight = continued ? "-mt-2.5" : "";
  if (kind === "system") {
    return (
      <div class="flex items-center gap-3 py-1 text-xs text-slate-500" data-kind="system">
        <span class="h-px flex-1 bg-slate-200" aria-hidden="true" />
        <p class="max-w-[80%] text-center">
          {m.text}
          {m.internal && <span class="ml-1.5 font-medium text-amber-700">(only your team sees this)</span>}
        </p>
        <span class="h-px flex-1 bg-slate-200" aria-hidden="true" />
      </div>
    );
  }
  if (kind === "visitor") {
    return (
      <div class={`flex flex-col items-start ${tight}`} data-kind="visitor">
        <Meta who={m.author.name || visitorName} iso={m.createdAt} now={now} quiet={continued} />
        <div class="max-w-[85%] rounded-2xl rounded-tl-sm bg-white px-4 py-2.5 text-sm leading-6 break-words whitespace-pre-wrap text-slate-800 shadow-xs ring-1 ring-slate-200">
          {m.text}
          <Attachments items={m.attachments} />
        </div>
        {m.sentiment && m.sentiment.label !== "neutral" && (
          <div class="mt-1">
            <SentimentBadge sentiment={m.sentiment} hideNeutral />
          </div>
        )}
      </div>
    );
  }
  if (kind === "ai") {
    return (
      <div
        class={`flex flex-col items-end ${tight}`}
        data-kind="ai"
        aria-busy={m.status === "streaming" ? "true" : undefined}
      >
        <p class={`mb-1 flex items-center gap-1.5 text-xs text-slate-500 ${continued ? "sr-only" : ""}`}>
          <Icon name="sparkles" class="size-3.5 text-violet-500" />
          <span class="font-medium text-slate-700">{m.author.name || agentName}</span>
          <span class="rounded bg-violet-100 px-1 text-[10px] font-semibold text-violet-700">AI</span>
          <time dateTime={m.createdAt} title={fullTime(m.createdAt, now.tz)}>
            {messageTime(m.createdAt, now.at, now.tz)}
          </time>
        </p>
        <div class="max-w-[85%] rounded-2xl rounded-tr-sm bg-violet-50 px-4 py-2.5 text-sm leading-6 text-slate-800 ring-1 ring-violet-100">
          <AiBody m={m} />
          <Attachments items={m.attachments} />
          {m.status === "interrupted" && (
            <p class="mt-2 flex items-center gap-1.5 text-xs font-medium text-amber-800">
              <Icon name="alert" class="size-4 shrink-0" />
              Interrupted: this answer was cut off before it finished.
            </p>
          )}
        </div>
        <Citations m={m} />
      </div>
    );
  }
  return (
    <div class={`flex flex-col items-end ${tight}`} data-kind={m.internal ? "note" : "staff"}>
      <Meta
        who={m.internal ? `${m.author.name || "Team"} · Internal note` : m.author.name || "Team"}
        iso={m.createdAt}
        now={now}
        right
        quiet={continued}
      />
      <div
        class={`max-w-[85%] rounded-2xl rounded-tr-sm px-4 py-2.5 text-sm leading-6 break-words whitespace-pre-wrap ${
          m.internal ? "bg-amber-50 text-amber-950 ring-1 ring-amber-200" : "bg-indigo-600 text-white"
        }`}
      >
        {m.text}
        <Attachments items={m.attachments} dark={!m.internal} />
      </div>
      {seen && (
        <p class="mt-1 flex items-center gap-1 text-xs text-slate-500">
          <Icon name="seen" class="size-3.5 text-indigo-500" />
          Seen
        </p>
      )}
    </div>
  );
}

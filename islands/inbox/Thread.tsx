/**
 * The centre pane: the selected conversation's header (who, who answers,
 * Take over / Hand back to AI, details), its messages as a polite live log
 * that follows new messages unless the reader scrolled up, who is typing,
 * and the reply box.
 *
 * @module
 */
import { Badge } from "../../components/Badge.tsx";
import { Icon } from "../../components/Icons.tsx";
import { Composer } from "./Composer.tsx";
import { visitorLabel } from "./format.ts";
import { HandlerBadge } from "./HandlerBadge.tsx";
import { Message, PendingMessage } from "../staff_chat/Message.tsx";
import { seenMessageId } from "../staff_chat/merge.ts";
import type { PendingReply, Thread as ThreadState, Typing } from "../staff_chat/state.ts";
import type { WireConversation, WireMessage } from "../staff_chat/types.ts";
import { useFollow } from "../staff_chat/use_follow.ts";
import type { Now } from "../staff_chat/use_now.ts";

/** Props of {@linkcode Thread}. */
export interface ThreadProps {
  conversation: WireConversation;
  thread: ThreadState | undefined;
  typing: Typing | undefined;
  agentName: string;
  now: Now;
  busy: boolean;
  detailsOpen: boolean;
  draft: string;
  onDraft: (text: string) => void;
  onBack: () => void;
  onToggleDetails: () => void;
  onTakeOver: () => void;
  onHandBack: () => void;
  onReply: (text: string) => void;
  onRetry: (r: PendingReply) => void;
  onInput: () => void;
}

function typingText(t: Typing, visitor: string): string {
  if (t.from === "visitor") return `${visitor} is typing…`;
  if (t.from === "ai") return "The AI is writing…";
  return `${t.name || "A teammate"} is typing…`;
}

const GROUP_MS = 5 * 60_000;

/** True when `m` follows `prev` from the same author within a few minutes (its name and time are not repeated). */
export function continues(prev: WireMessage | undefined, m: WireMessage): boolean {
  if (!prev || m.author.kind === "system" || prev.author.kind !== m.author.kind) return false;
  if (!!prev.internal !== !!m.internal) return false;
  if ((prev.author.name ?? "") !== (m.author.name ?? "")) return false;
  return Date.parse(m.createdAt) - Date.parse(prev.createdAt) < GROUP_MS;
}

/** Header, log, typing line and composer. */
export function Thread(p: ThreadProps) {
  const c = p.conversation;
  const name = visitorLabel(c);
  const messages = p.thread?.messages ?? [];
  const pending = p.thread?.pending ?? [];
  const streaming = messages.some((m) => m.status === "streaming");
  const seen = seenMessageId(messages, c.visitorReadSeq);
  const log = useFollow(c.id, [messages, pending.length]);

  return (
    <section aria-labelledby="inbox-thread-heading" class="flex min-h-0 min-w-0 flex-1 flex-col">
      <div class="flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2.5 sm:gap-3 sm:px-4">
        <button type="button" class="btn-ghost -ml-1 px-1.5 md:hidden" onClick={p.onBack}>
          <Icon name="chevronLeft" class="size-5" />
          <span class="sr-only">Back to conversations</span>
        </button>
        <div class="min-w-0 flex-1">
          <h2 id="inbox-thread-heading" class="truncate text-base font-semibold text-slate-900">{name}</h2>
          <div class="mt-0.5 flex min-w-0 items-center gap-2">
            <HandlerBadge by={c.handledBy} long />
            {c.visitorEmail && <span class="hidden truncate text-xs text-slate-500 sm:inline">{c.visitorEmail}</span>}
          </div>
        </div>
        {c.handledBy === "ai"
          ? (
            <button type="button" class="btn-primary shrink-0" onClick={p.onTakeOver} disabled={p.busy}>
              <Icon name="headset" class="size-4" />
              Take over
            </button>
          )
          : (
            <button
              type="button"
              class="btn-secondary shrink-0"
              onClick={p.onHandBack}
              disabled={p.busy}
              aria-label="Hand back to AI"
            >
              <Icon name="sparkles" class="size-4 text-violet-600" />
              <span class="hidden sm:inline">Hand back to AI</span>
              <span class="sm:hidden">Hand back</span>
            </button>
          )}
        <button
          type="button"
          class={`btn-ghost shrink-0 px-2 ${p.detailsOpen ? "bg-slate-100 text-slate-900" : ""}`}
          aria-expanded={p.detailsOpen ? "true" : "false"}
          aria-controls="inbox-details"
          onClick={p.onToggleDetails}
        >
          <Icon name="panel" class="size-5" />
          <span class="sr-only">Visitor details</span>
        </button>
      </div>
      <div
        ref={log.scroller}
        role="log"
        aria-live="polite"
        aria-label={`Conversation with ${name}`}
        aria-busy={streaming ? "true" : "false"}
        tabIndex={0}
        onScroll={log.onScroll}
        class="min-h-0 flex-1 overflow-y-auto bg-slate-50 px-3 py-5 outline-offset-[-2px] sm:px-5"
      >
        <div ref={log.content} class="space-y-4">
          {p.thread?.status === "error"
            ? <p class="pt-16 text-center text-sm text-red-700">{p.thread.error}</p>
            : !p.thread || (p.thread.status === "loading" && messages.length === 0)
            ? <p class="pt-16 text-center text-sm text-slate-500">Loading the conversation…</p>
            : messages.length === 0 && pending.length === 0
            ? <p class="pt-16 text-center text-sm text-slate-500">No messages yet.</p>
            : null}
          {messages.map((m, i) => (
            <Message
              key={m.id}
              message={m}
              continued={continues(messages[i - 1], m)}
              agentName={p.agentName}
              visitorName={name}
              seen={m.id === seen}
              now={p.now}
            />
          ))}
          {pending.map((r) => <PendingMessage key={r.clientId} reply={r} onRetry={p.onRetry} />)}
        </div>
      </div>
      <p class="h-6 shrink-0 bg-slate-50 px-4 text-xs leading-6 text-slate-500 italic" aria-live="polite">
        {p.typing && typingText(p.typing, name)}
      </p>
      {p.thread?.status !== "error" && (
        <>
          {c.status === "closed" && (
            <p class="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
              <Badge tone="slate">Closed</Badge> The visitor will see your reply if they come back.
            </p>
          )}
          <Composer
            key={c.id}
            visitorName={name}
            aiAnswering={c.handledBy === "ai"}
            draft={p.draft}
            onDraft={p.onDraft}
            onSend={p.onReply}
            onInput={p.onInput}
          />
        </>
      )}
    </section>
  );
}

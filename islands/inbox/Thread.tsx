/**
 * The centre pane: the selected conversation's header (who, who answers,
 * Take over / Hand back to AI, details), its messages and who is typing
 * (the shared `ThreadLog`), and the reply box.
 *
 * @module
 */
import { SentimentBadge } from "../../components/SentimentBadge.tsx";
import { LanguageBadge } from "../../components/LanguageBadge.tsx";
import { STAFF_LANGUAGE, TranslatePanel } from "./TranslatePanel.tsx";
import { Badge } from "../../components/Badge.tsx";
import { Icon } from "../../components/Icons.tsx";
import type { PendingReply, Thread as ThreadState, Typing } from "../staff_chat/live/state.ts";
import { ThreadLog } from "../staff_chat/ThreadLog.tsx";
import type { WireAttachment, WireConversation } from "../staff_chat/types.ts";
import type { Now } from "../staff_chat/use_now.ts";
import { Composer } from "./Composer.tsx";
import { visitorLabel } from "./format.ts";
import { HandlerBadge } from "./HandlerBadge.tsx";

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
  onReply: (text: string, attachments: WireAttachment[]) => void;
  onRetry: (r: PendingReply) => void;
  onInput: () => void;
  /** The server's upload limit, in bytes. */
  maxUploadBytes: number;
  /** The conversation's agent has an AI provider that can translate. */
  canTranslate?: boolean;
}

/** Header, log, typing line and composer. */
export function Thread(p: ThreadProps) {
  const c = p.conversation;
  const name = visitorLabel(c);
  // Translation is offered when the customer writes in another language than the team and a provider can.
  const foreign = p.canTranslate && c.language && c.language !== STAFF_LANGUAGE ? c.language : undefined;

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
            <LanguageBadge language={c.language} />
            <SentimentBadge sentiment={c.sentiment} />
            {c.categories?.map((name) => (
              <Badge key={name} tone="sky">
                <span class="sr-only">Category:</span>
                {name}
              </Badge>
            ))}
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
      <ThreadLog
        viewKey={c.id}
        thread={p.thread}
        typing={p.typing}
        visitorReadSeq={c.visitorReadSeq}
        agentName={p.agentName}
        visitorName={name}
        emptyText="No messages yet."
        onRetry={p.onRetry}
        now={p.now}
      />
      {p.thread?.status !== "error" && (
        <>
          {c.status === "closed" && (
            <p class="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
              <Badge tone="slate">Closed</Badge> The visitor will see your reply if they come back.
            </p>
          )}
          {foreign && p.thread?.status === "ready" && (
            <TranslatePanel key={c.id} conversationId={c.id} language={foreign} messages={p.thread.messages} />
          )}
          <Composer
            key={c.id}
            translateTo={foreign ? { conversationId: c.id, language: foreign } : undefined}
            visitorName={name}
            aiAnswering={c.handledBy === "ai"}
            draft={p.draft}
            onDraft={p.onDraft}
            onSend={p.onReply}
            onInput={p.onInput}
            maxUploadBytes={p.maxUploadBytes}
          />
        </>
      )}
    </section>
  );
}

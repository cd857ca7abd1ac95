/**
 * The Inbox: every conversation of the workspace, live. The list (left),
 * the selected thread (centre) and the visitor's details (right, or a panel
 * on narrow screens); on a phone the list and the thread are separate
 * views. Selecting a conversation changes the URL to `/inbox/:id`, which
 * the server also renders, so links and reloads land on the same thread.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { EmptyState } from "../components/EmptyState.tsx";
import { Icon } from "../components/Icons.tsx";
import { Toast } from "../components/Toast.tsx";
import { ConversationList } from "./inbox/ConversationList.tsx";
import { Thread } from "./inbox/Thread.tsx";
import { useInbox } from "./inbox/use_inbox.ts";
import { VisitorPanel } from "./inbox/VisitorPanel.tsx";
import { ConnectionStatus, SessionEnded } from "./staff_chat/ConnectionStatus.tsx";
import { agentName } from "./staff_chat/format.ts";
import type { AgentOption, WireConversation } from "./staff_chat/types.ts";
import { useNow } from "./staff_chat/use_now.ts";

/** Props of {@linkcode Inbox}. */
export interface InboxProps {
  /** The most recent conversations (null: the island fetches them). */
  conversations: WireConversation[] | null;
  /** Cursor of the next page of `conversations`. */
  nextCursor: string | null;
  /** The conversation of `/inbox/:id`. */
  selectedId: string | null;
  /** The workspace's agents (filter, names). */
  agents: AgentOption[];
  /** When the server rendered the page (ISO), so relative times hydrate unchanged. */
  now: string;
  /** The server's upload limit for reply files, in bytes. */
  maxUploadBytes: number;
}

/** "auto" until the browser knows the width: a column on wide screens, closed on narrow ones. */
type Details = "auto" | "open" | "closed";
const WIDE = "(min-width: 96rem)";

/** Header, then list + thread + details, or the empty state. */
export default function Inbox(props: InboxProps) {
  const inbox = useInbox(props);
  const now = useNow(props.now);
  const [details, setDetails] = useState<Details>("auto");
  /** What was typed per conversation, kept while switching between them. */
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  useEffect(() => setDetails(matchMedia(WIDE).matches ? "open" : "closed"), []);

  const c = inbox.conversation;
  const selected = !!inbox.selectedId;
  const nothingYet = inbox.listReady && Object.keys(inbox.state.conversations).length === 0 && !selected;
  const detailsClass = details === "auto" ? "hidden 2xl:flex" : details === "open" ? "flex" : "hidden";

  return (
    <div class="flex flex-col gap-4">
      <div class="flex items-center justify-between gap-3">
        <div class="min-w-0">
          <h1 class="text-2xl font-bold tracking-tight text-slate-900">Inbox</h1>
          <p class="mt-0.5 hidden text-sm text-slate-600 sm:block">
            Every chat with your visitors, live. The AI answers first; take over any time.
          </p>
        </div>
        <ConnectionStatus state={inbox.conn} signedOut={inbox.signedOut} />
      </div>

      {inbox.signedOut && <SessionEnded back="/inbox" />}
      {inbox.notice && <Toast tone="error" onDismiss={inbox.dismissNotice}>{inbox.notice}</Toast>}

      {nothingYet
        ? (
          <EmptyState
            icon="inbox"
            title="No conversations yet"
            actions={
              <a href="/agents" class="btn-primary">
                Embed the widget
                <Icon name="arrowRight" class="size-4" />
              </a>
            }
          >
            <p>
              Embed the widget on your site: each agent's Embed tab has the snippet to paste. When visitors start
              chatting, their conversations appear here as they happen; no need to reload.
            </p>
          </EmptyState>
        )
        : (
          <div class="card relative flex h-[calc(100dvh-11rem)] min-h-[28rem] overflow-hidden lg:h-[calc(100dvh-10rem)]">
            <ConversationList
              class={`w-full md:flex md:w-72 md:shrink-0 md:border-r md:border-slate-200 lg:w-80 ${
                selected ? "hidden" : "flex"
              }`}
              conversations={inbox.list}
              agents={props.agents}
              filter={inbox.filter}
              onFilter={inbox.setFilter}
              page={inbox.page}
              onMore={inbox.loadMore}
              selectedId={inbox.selectedId}
              onSelect={inbox.select}
              now={now}
            />
            {c
              ? (
                <>
                  <Thread
                    conversation={c}
                    thread={inbox.thread}
                    typing={inbox.typing}
                    agentName={agentName(props.agents, c.agentId)}
                    now={now}
                    busy={inbox.busy}
                    detailsOpen={details === "open"}
                    draft={drafts[c.id] ?? ""}
                    onDraft={(text) => setDrafts((d) => ({ ...d, [c.id]: text }))}
                    onBack={() => inbox.select(null)}
                    onToggleDetails={() => setDetails(details === "open" ? "closed" : "open")}
                    onTakeOver={inbox.takeOver}
                    onHandBack={inbox.handBack}
                    onReply={inbox.reply}
                    maxUploadBytes={props.maxUploadBytes}
                    canTranslate={props.agents.find((a) => a.id === c.agentId)?.canTranslate ?? false}
                    onRetry={inbox.retry}
                    onInput={inbox.onComposerInput}
                  />
                  <VisitorPanel
                    class={`absolute inset-y-0 right-0 z-10 w-full max-w-xs border-l border-slate-200 shadow-xl 2xl:static 2xl:w-72 2xl:shadow-none ${detailsClass}`}
                    conversation={c}
                    visitor={inbox.thread?.visitor ?? null}
                    agentName={agentName(props.agents, c.agentId)}
                    now={now}
                    open={details === "open"}
                    onClose={() => setDetails("closed")}
                  />
                </>
              )
              : (
                <div
                  class={`flex-1 flex-col items-center justify-center gap-2 bg-slate-50 p-8 text-center ${
                    selected ? "flex" : "hidden md:flex"
                  }`}
                >
                  <Icon name="chat" class="size-10 text-slate-300" />
                  <p class="text-sm font-semibold text-slate-900">
                    {inbox.thread?.error ?? (selected ? "Loading the conversation…" : "Select a conversation")}
                  </p>
                  {selected
                    ? (
                      <button
                        type="button"
                        class="btn-secondary mt-2 md:hidden"
                        onClick={() => inbox.select(null)}
                      >
                        Back to conversations
                      </button>
                    )
                    : (
                      <p class="max-w-xs text-sm text-slate-500">
                        Pick one on the left to read the whole chat, see who the visitor is and reply.
                      </p>
                    )}
                </div>
              )}
          </div>
        )}
    </div>
  );
}

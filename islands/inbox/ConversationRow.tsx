/**
 * One conversation in the list: a real link to `/inbox/:id` (so it opens in
 * a new tab too) that the island turns into an in-page selection. It shows
 * who, which agent, the last message, how long ago, unread messages and
 * whether the AI or a person answers.
 *
 * @module
 */
import { SentimentBadge } from "../../components/SentimentBadge.tsx";
import { LanguageBadge } from "../../components/LanguageBadge.tsx";
import { inPage } from "../shared/links.ts";
import { Avatar } from "../staff_chat/Avatar.tsx";
import { fullTime, relativeTime } from "../staff_chat/format.ts";
import type { WireConversation } from "../staff_chat/types.ts";
import type { Now } from "../staff_chat/use_now.ts";
import { countLabel, unreadCount, visitorLabel } from "./format.ts";
import { HandlerBadge } from "./HandlerBadge.tsx";

/** Props of {@linkcode ConversationRow}. */
export interface ConversationRowProps {
  conversation: WireConversation;
  agentName: string;
  selected: boolean;
  now: Now;
  onSelect: (id: string) => void;
}

/** A list item with its link. */
export function ConversationRow({ conversation: c, agentName, selected, now, onSelect }: ConversationRowProps) {
  const unread = selected ? 0 : unreadCount(c);
  const name = visitorLabel(c);
  return (
    <li>
      <a
        href={`/inbox/${c.id}`}
        aria-current={selected ? "true" : undefined}
        onClick={inPage(() => onSelect(c.id))}
        class={`relative flex gap-3 px-4 py-3 outline-offset-[-2px] transition-colors ${
          selected ? "bg-indigo-50" : "hover:bg-slate-50"
        }`}
      >
        {selected && <span class="absolute inset-y-0 left-0 w-1 bg-indigo-600" aria-hidden="true" />}
        <Avatar id={c.visitorId} name={c.visitorName} />
        <span class="min-w-0 flex-1">
          <span class="flex items-baseline justify-between gap-2">
            <span class={`truncate text-sm ${unread ? "font-bold text-slate-950" : "font-semibold text-slate-900"}`}>
              {name}
            </span>
            <time
              dateTime={c.lastMessageAt}
              title={fullTime(c.lastMessageAt, now.tz)}
              class={`shrink-0 text-xs ${
                unread ? "font-semibold text-indigo-700" : selected ? "text-slate-600" : "text-slate-500"
              }`}
            >
              {relativeTime(c.lastMessageAt, now.at, now.tz)}
            </time>
          </span>
          <span class={`mt-0.5 block truncate text-sm ${unread ? "font-medium text-slate-900" : "text-slate-600"}`}>
            {c.lastMessagePreview || "No messages yet"}
          </span>
          <span class="mt-1.5 flex items-center gap-2">
            <HandlerBadge by={c.handledBy} />
            <LanguageBadge language={c.language} hideEnglish />
            <SentimentBadge sentiment={c.sentiment} hideNeutral />
            <span class={`min-w-0 truncate text-xs ${selected ? "text-slate-600" : "text-slate-500"}`}>
              {agentName}
            </span>
            {unread > 0 && (
              <span class="ml-auto inline-flex min-w-5 shrink-0 justify-center rounded-full bg-indigo-600 px-1.5 py-0.5 text-[11px] leading-4 font-semibold text-white">
                {countLabel(unread)}
                <span class="sr-only">{unread === 1 ? " unread message" : " unread messages"}</span>
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}

/**
 * The right pane: who the visitor is (name, email and whether the host page
 * proved it, the page they wrote from) and the conversation's facts. A
 * column on wide screens, a panel over the thread on narrow ones.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { Badge } from "../../components/Badge.tsx";
import { Icon } from "../../components/Icons.tsx";
import { Avatar } from "../staff_chat/Avatar.tsx";
import { fullTime, safeHref } from "../staff_chat/format.ts";
import type { VisitorJson, WireConversation } from "../staff_chat/types.ts";
import type { Now } from "../staff_chat/use_now.ts";
import { visitorLabel } from "./format.ts";
import { HandlerBadge } from "./HandlerBadge.tsx";

/** Props of {@linkcode VisitorPanel}. */
export interface VisitorPanelProps {
  conversation: WireConversation;
  visitor: VisitorJson | null;
  agentName: string;
  now: Now;
  /** Shown (as a panel over the thread, on narrow screens). */
  open: boolean;
  onClose: () => void;
  class?: string;
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt class="text-xs font-medium text-slate-500">{label}</dt>
      <dd class="mt-0.5 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** Visitor and conversation details. */
export function VisitorPanel(
  { conversation: c, visitor: v, agentName, now, open, onClose, class: cls }: VisitorPanelProps,
) {
  const close = useRef<HTMLButtonElement>(null);
  // Over the thread, the panel takes focus when it opens and gives it back when Escape closes it.
  useEffect(() => {
    if (open && close.current?.offsetParent) close.current.focus();
  }, [open]);
  const name = v?.name || c.visitorName;
  const email = v?.email || c.visitorEmail;
  const page = safeHref(c.pageUrl);
  return (
    <aside
      id="inbox-details"
      aria-labelledby="inbox-details-heading"
      class={`flex-col bg-white ${cls ?? ""}`}
      onKeyDown={(e) => {
        if (e.key !== "Escape" || !close.current?.offsetParent) return;
        onClose();
        document.querySelector<HTMLElement>('[aria-controls="inbox-details"]')?.focus();
      }}
    >
      <div class="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="inbox-details-heading" class="text-sm font-semibold text-slate-900">Visitor details</h2>
        <button ref={close} type="button" class="btn-ghost -mr-2 px-2 py-1.5 2xl:hidden" onClick={onClose}>
          <Icon name="close" class="size-5" />
          <span class="sr-only">Close visitor details</span>
        </button>
      </div>
      <div class="min-h-0 flex-1 space-y-5 overflow-y-auto px-4 py-4">
        <div class="flex items-center gap-3">
          <Avatar id={c.visitorId} name={name} size="lg" />
          <div class="min-w-0">
            <p class="truncate font-semibold text-slate-900">
              {visitorLabel({ visitorName: name, visitorId: c.visitorId })}
            </p>
            {email && <p class="truncate text-sm text-slate-600">{email}</p>}
          </div>
        </div>
        <dl class="space-y-4">
          <Row label="Email">
            {email
              ? (
                <span class="flex flex-wrap items-center gap-2">
                  <span class="break-all">{email}</span>
                  {v?.verified
                    ? (
                      <Badge tone="emerald">
                        <Icon name="shieldCheck" class="size-3.5" />
                        Verified
                      </Badge>
                    )
                    : <Badge tone="slate">Not verified</Badge>}
                </span>
              )
              : <span class="text-slate-500">Not given</span>}
          </Row>
          <Row label="Page">
            {page
              ? (
                <a href={page} target="_blank" rel="noopener noreferrer nofollow" class="link font-medium break-all">
                  {c.pageUrl}
                </a>
              )
              : <span class="text-slate-500">{c.pageUrl || "Unknown"}</span>}
          </Row>
          <Row label="Agent">{agentName}</Row>
          <Row label="Answered by">
            <HandlerBadge by={c.handledBy} long />
          </Row>
          <Row label="Conversation started">
            <time dateTime={c.createdAt}>{fullTime(c.createdAt, now.tz)}</time>
          </Row>
          {v?.createdAt && (
            <Row label="First seen">
              <time dateTime={v.createdAt}>{fullTime(v.createdAt, now.tz)}</time>
            </Row>
          )}
          <Row label="Visitor id">
            <code class="text-xs text-slate-600">{c.visitorId}</code>
          </Row>
        </dl>
      </div>
    </aside>
  );
}

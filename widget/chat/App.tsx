/**
 * The chat panel: header (title, subtitle, close), connection banner, the
 * transcript (`role="log"`, polite) with the server's email and rating
 * requests as cards, "Talk to a human" (or, once asked, a short notice of what
 * the transcript does not already say), and the composer. Esc closes it;
 * opening it puts focus in the message box.
 *
 * @module
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { ALL_LANGS, fill, type Lang, type Strings, strings } from "../i18n.ts";
import type { WidgetSession } from "../types.ts";
import { AnswerRating, EmailCard, RatingCard } from "./Cards.tsx";
import type { ChatClient } from "./client.ts";
import type { ChatState } from "./state.ts";
import { Composer } from "./Composer.tsx";
import { Icon } from "./icons.tsx";
import { Message } from "./Message.tsx";
import { liveCards } from "./transcript.ts";

/** Props of {@linkcode App}. */
export interface AppProps {
  client: ChatClient;
  session: WidgetSession;
  /** The language the widget started in (the browser's, or the snippet's `data-lang`). */
  lang: Lang;
  origin: string;
  open: boolean;
  onClose(): void;
}

function useChatState(client: ChatClient): ChatState {
  const [, redraw] = useState(0);
  useEffect(() => client.subscribe(() => redraw((n) => n + 1)), [client]);
  return client.state;
}

function Typing({ state, t }: { state: ChatState; t: Strings }) {
  if (!state.typing) return null;
  const name = state.typing.name || t.someone;
  return (
    <div class="typing">
      <span class="dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {fill(t.typing, { name })}
    </div>
  );
}

/**
 * The language the panel speaks: the conversation's once the customer's words set it (the server writes its
 * own lines in it too), when the widget speaks it; else the one it started in.
 */
export function panelLang(conversationLanguage: string | undefined, started: Lang): Lang {
  return (ALL_LANGS as readonly string[]).includes(conversationLanguage ?? "") ? conversationLanguage as Lang : started;
}

/** The whole panel. */
export function App({ client, session, lang: started, origin, open, onClose }: AppProps) {
  const state = useChatState(client);
  const lang = panelLang(state.conversation?.language, started);
  const t = strings(lang);
  // What the workspace wrote, in that language (older servers send no `texts`: the original).
  const texts = session.agent.texts?.[lang] ??
    { welcomeMessage: session.agent.welcomeMessage, title: "", subtitle: session.agent.widgetConfig.subtitle };
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const shownId = useRef<string | undefined>(undefined);
  const config = session.agent.widgetConfig;

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  // Follow new messages unless the visitor scrolled up to read; another conversation starts at its end.
  useLayoutEffect(() => {
    const el = log.current;
    if (shownId.current !== state.conversation?.id) atBottom.current = true;
    shownId.current = state.conversation?.id;
    if (el && (atBottom.current || !open)) el.scrollTop = el.scrollHeight;
  }, [state.items, state.typing, open]);

  const banner = state.connection === "online" ? "" : t[state.connection];
  // The AI's answer is the last word (no ticket, nobody asked for): the visitor may say it solved their question.
  const last = [...state.items].reverse().find((i) => i.message.sender !== "system")?.message;
  const answered = !state.handoff && last?.author.kind === "ai" && last.status === "complete" ? last : null;
  const cards = liveCards(state.items);
  // After a handoff, say only what the transcript does not: the server posts "A person from our team
  // will follow up here." itself (in the customer's language, which their words may have changed from the
  // widget's; in English before it knew any), and its
  // email request card thanks for the email.
  const system = state.items.filter((i) => i.message.sender === "system").map((i) => i.message);
  const followUp = ALL_LANGS.map((l) => strings(l).handoff);
  const handoffNotes = [
    system.some((m) => followUp.includes(m.text.trim())) ? "" : t.handoff,
    state.email && !system.some((m) => m.event === "email_request") ? fill(t.emailSaved, { email: state.email }) : "",
  ].filter(Boolean);
  return (
    <section
      id="fd-panel"
      class="panel"
      lang={lang}
      role="dialog"
      aria-labelledby="fd-title"
      hidden={!open}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="head">
        <span class="avatar" aria-hidden="true">
          <Icon name="chat" />
        </span>
        <div class="titles">
          <h2 class="title" id="fd-title">{texts.title || config.title || session.agent.name}</h2>
          {texts.subtitle && <p class="sub">{texts.subtitle}</p>}
        </div>
        <button type="button" class="ib" aria-label={t.close} onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div role="status">{banner && <p class="banner">{banner}</p>}</div>
      <div
        class="log"
        ref={log}
        role="log"
        aria-live="polite"
        aria-label={t.log}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLDivElement;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {texts.welcomeMessage && (
          <div class="row them">
            <div class="bubble">{texts.welcomeMessage}</div>
          </div>
        )}
        {state.items.map((item, i) => {
          const m = item.message;
          const key = m.clientId ?? m.id;
          if (m.sender === "system" && (m.event === "email_request" || m.event === "rating_request")) {
            if (!cards.has(m.id)) return null; // spent: another request of its ticket is the card
            return m.event === "email_request"
              ? <EmailCard key={key} client={client} message={m} t={t} email={state.email} />
              : <RatingCard key={key} client={client} message={m} t={t} />;
          }
          return (
            <Message
              key={key}
              item={item}
              prev={state.items[i - 1]}
              t={t}
              origin={origin}
              onRetry={(id) => client.retry(id)}
            />
          );
        })}
        {answered && <AnswerRating key={answered.id} client={client} message={answered} t={t} />}
        <Typing state={state} t={t} />
      </div>
      <div class="foot">
        <div role="status">{state.notice && <p class="notice">{t[state.notice]}</p>}</div>
        {state.handoff
          ? handoffNotes.length > 0 && <div class="handoff">{handoffNotes.map((n) => <p key={n}>{n}</p>)}</div>
          : (
            <button type="button" class="human" onClick={() => client.requestHuman(t.humanText)}>
              {t.human}
            </button>
          )}
        <Composer client={client} t={t} inputRef={input} />
      </div>
    </section>
  );
}

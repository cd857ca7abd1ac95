/**
 * The chat panel: header (title, subtitle, close), connection banner, the
 * transcript (`role="log"`, polite), the handoff notice with an email field,
 * "Talk to a human", and the composer. Esc closes it; opening it puts focus
 * in the message box.
 *
 * @module
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { fill, type Strings } from "../i18n.ts";
import type { WidgetSession } from "../types.ts";
import type { ChatClient, ChatState } from "./client.ts";
import { Composer } from "./Composer.tsx";
import { Icon } from "./icons.tsx";
import { Message } from "./Message.tsx";

/** Props of {@linkcode App}. */
export interface AppProps {
  client: ChatClient;
  session: WidgetSession;
  t: Strings;
  origin: string;
  open: boolean;
  onClose(): void;
}

function useChatState(client: ChatClient): ChatState {
  const [, redraw] = useState(0);
  useEffect(() => client.subscribe(() => redraw((n) => n + 1)), [client]);
  return client.state;
}

function EmailForm({ client, t }: { client: ChatClient; t: Strings }) {
  const [email, setEmail] = useState("");
  return (
    <form
      class="email"
      onSubmit={(e) => {
        e.preventDefault();
        if (email.trim()) client.identify({ email: email.trim() }).catch(() => client.notify("error"));
      }}
    >
      <input
        type="email"
        required
        autocomplete="email"
        aria-label={t.email}
        placeholder={t.email}
        value={email}
        onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
      />
      <button type="submit" class="btn">{t.save}</button>
    </form>
  );
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

/** The whole panel. */
export function App({ client, session, t, origin, open, onClose }: AppProps) {
  const state = useChatState(client);
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const config = session.agent.widgetConfig;

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  // Follow new messages unless the visitor scrolled up to read.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && (atBottom.current || !open)) el.scrollTop = el.scrollHeight;
  }, [state.items, state.typing, open]);

  const banner = state.connection === "online" ? "" : t[state.connection];
  return (
    <section
      id="fd-panel"
      class="panel"
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
          <h2 class="title" id="fd-title">{config.title || session.agent.name}</h2>
          {config.subtitle && <p class="sub">{config.subtitle}</p>}
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
        {session.agent.welcomeMessage && (
          <div class="row them">
            <div class="bubble">{session.agent.welcomeMessage}</div>
          </div>
        )}
        {state.items.map((item, i) => (
          <Message
            key={item.message.clientId ?? item.message.id}
            item={item}
            prev={state.items[i - 1]}
            t={t}
            origin={origin}
            onRetry={(id) => client.retry(id)}
          />
        ))}
        <Typing state={state} t={t} />
      </div>
      <div class="foot">
        <div role="status">{state.notice && <p class="notice">{t[state.notice]}</p>}</div>
        {state.handoff
          ? (
            <div class="handoff">
              <p>{t.handoff}</p>
              {state.email ? <p>{fill(t.emailSaved, { email: state.email })}</p> : (
                <>
                  <p>{t.emailAsk}</p>
                  <EmailForm client={client} t={t} />
                </>
              )}
            </div>
          )
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

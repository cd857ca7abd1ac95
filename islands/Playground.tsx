/**
 * The playground: chat with an agent the way a visitor would. The answer
 * streams in as plain text, then becomes the server's sanitised HTML with
 * its sources, confidence and, when the widget would hand off, why.
 * "New conversation" starts a fresh session. Members can use it too.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { askSchema } from "../models/agents/agent_schemas.ts";
import { Icon } from "../components/Icons.tsx";
import { askAgent } from "./playground/ask.ts";
import { Turn, type TurnState } from "./playground/Turn.tsx";

/** Props of {@linkcode Playground}. */
export interface PlaygroundProps {
  agentId: string;
  agentName: string;
  welcomeMessage: string;
  /** 0-1, to explain low-confidence hand-offs. */
  handoffThreshold: number;
}

function welcome(text: string): TurnState[] {
  return text ? [{ id: 0, role: "agent", text, welcome: true, answer: undefined }] : [];
}

/** Transcript, composer and "New conversation". */
export default function Playground({ agentId, agentName, welcomeMessage, handoffThreshold }: PlaygroundProps) {
  const [turns, setTurns] = useState<TurnState[]>(() => welcome(welcomeMessage));
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [streaming, setStreaming] = useState(false);
  const [ready, setReady] = useState(false);
  const session = useRef<string | null>(null);
  const nextId = useRef(1);
  const aborter = useRef<AbortController | null>(null);
  const log = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setReady(true);
    return () => aborter.current?.abort();
  }, []);

  // Follow the answer as it grows, unless the reader scrolled up to read.
  const follow = useRef(true);
  useEffect(() => {
    const el = log.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [turns]);

  const update = (id: number, fn: (t: TurnState) => TurnState) =>
    setTurns((all) => all.map((t) => (t.id === id ? fn(t) : t)));

  async function send(e?: Event) {
    e?.preventDefault();
    if (streaming) return;
    const parsed = askSchema.safeParse({ message: text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Ask something.");
      input.current?.focus();
      return;
    }
    setError(null);
    session.current ??= crypto.randomUUID();
    const q = nextId.current++;
    const a = nextId.current++;
    setTurns((all) => [
      ...all,
      { id: q, role: "visitor", text: parsed.data.message },
      { id: a, role: "agent", text: "", streaming: true },
    ]);
    setText("");
    follow.current = true;
    setStreaming(true);
    const ac = new AbortController();
    aborter.current = ac;
    await askAgent(agentId, { message: parsed.data.message, sessionId: session.current }, (ev) => {
      if (ev.type === "token") update(a, (t) => ({ ...t, text: t.text + ev.text }));
      else if (ev.type === "reset") update(a, (t) => ({ ...t, text: "" }));
      else if (ev.type === "done") {
        update(a, (t) => ({ ...t, text: ev.answer.text, answer: ev.answer, streaming: false }));
      } else update(a, (t) => ({ ...t, error: ev.message, streaming: false }));
    }, ac.signal);
    if (ac.signal.aborted) update(a, (t) => (t.streaming ? { ...t, streaming: false, error: "Stopped." } : t));
    if (aborter.current === ac) {
      aborter.current = null;
      setStreaming(false);
    }
  }

  function stop() {
    aborter.current?.abort();
  }

  function restart() {
    aborter.current?.abort();
    aborter.current = null;
    setStreaming(false);
    session.current = null;
    nextId.current = 1;
    setTurns(welcome(welcomeMessage));
    setText("");
    setError(null);
    input.current?.focus();
  }

  const sourceHref = (id: string) =>
    `/agents/${encodeURIComponent(agentId)}/knowledge#source-${encodeURIComponent(id)}`;
  return (
    <section class="card flex flex-col overflow-hidden" aria-labelledby="playground-heading">
      <div class="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 sm:px-5">
        <div class="min-w-0">
          <h2 id="playground-heading" class="text-base font-semibold text-slate-900">Try {agentName}</h2>
          <p class="text-xs text-slate-500">Conversations here don't create tickets.</p>
        </div>
        <button
          type="button"
          class="btn-secondary shrink-0"
          onClick={restart}
          disabled={!ready}
          aria-label="New conversation"
        >
          <Icon name="refresh" class="size-4" />
          <span class="sm:hidden">New</span>
          <span class="hidden sm:inline">New conversation</span>
        </button>
      </div>
      <div
        ref={log}
        role="log"
        aria-label="Conversation"
        aria-live="polite"
        aria-busy={streaming ? "true" : "false"}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLDivElement;
          follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
        class="h-[26rem] space-y-5 overflow-y-auto bg-slate-50 px-4 py-5 sm:h-[30rem] sm:px-5"
      >
        {turns.length === 0 && (
          <p class="pt-16 text-center text-sm text-slate-500">Ask a question your customers often ask.</p>
        )}
        {turns.map((t) => (
          <Turn key={t.id} turn={t} agentName={agentName} threshold={handoffThreshold} sourceHref={sourceHref} />
        ))}
      </div>
      <form onSubmit={send} noValidate class="border-t border-slate-200 bg-white p-3 sm:p-4" aria-label="Ask the agent">
        <label for="playground-message" class="sr-only">Your message</label>
        <div class="flex items-end gap-2">
          <textarea
            id="playground-message"
            ref={input}
            rows={2}
            value={text}
            maxLength={4000}
            placeholder="Ask something a customer would ask…"
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "playground-error" : "playground-hint"}
            onInput={(e) => {
              setText((e.currentTarget as HTMLTextAreaElement).value);
              if (error) setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.isComposing) send(e);
            }}
            class="field-input mt-0 min-h-11 flex-1 resize-none"
          />
          {streaming
            ? (
              <button type="button" class="btn-secondary h-11" onClick={stop}>
                <Icon name="close" class="size-4" />
                Stop
              </button>
            )
            : (
              <button type="submit" class="btn-primary h-11" disabled={!ready}>
                <Icon name="send" class="size-4" />
                Send
              </button>
            )}
        </div>
        {error
          ? <p id="playground-error" role="alert" class="mt-1.5 text-sm text-red-700">{error}</p>
          : (
            <p id="playground-hint" class="mt-1.5 text-xs text-slate-500">
              Enter to send, Shift+Enter for a new line.
            </p>
          )}
      </form>
    </section>
  );
}

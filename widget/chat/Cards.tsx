/**
 * Cards in the transcript, driven by the server's system messages:
 * `email_request` (on handoff, when no email is known: a labelled email field,
 * Save, "No thanks") and `rating_request` (a resolved ticket: five rating
 * buttons "Rate n out of 5", an optional comment, "Send rating"); and under
 * the AI's last answer (no ticket, the conversation with the AI) a "This
 * solved it" button that opens the same rating for the answer. Once done,
 * each card turns into a one-line thank-you that takes the focus, so keyboard
 * users are not dropped on the page.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { WireMessage } from "../../realtime/protocol.ts";
import { fill, type Strings } from "../i18n.ts";
import type { ChatClient } from "./client.ts";
import { HttpError } from "./http.ts";
import { Icon } from "./icons.tsx";

/** Props of the cards. */
export interface CardProps {
  client: ChatClient;
  message: WireMessage;
  t: Strings;
}

/** A simple shape check; the server has the last word. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** An error shown for a few seconds. */
function useBriefError(): [string, (e: string) => void] {
  const [error, setError] = useState("");
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(""), 6000);
    return () => clearTimeout(timer);
  }, [error]);
  return [error, setError];
}

/** A thank-you line; focused when it replaces the form the visitor was using. */
function Done({ text, focus }: { text: string; focus: boolean }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, []);
  return <p class="card done" ref={ref} tabIndex={-1}>{text}</p>;
}

/** An inline error; its card is scrolled into view (it grew, maybe below the fold of the transcript). */
function Err({ text, id }: { text: string; id?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.closest("form")?.scrollIntoView?.({ block: "nearest" }), [text]);
  return <p class="err" id={id} role="alert" ref={ref}>{text}</p>;
}

/** Whether the focus is inside `el` (in its shadow root). */
const hasFocus = (el: HTMLElement | null) => !!el?.contains((el.getRootNode() as ShadowRoot).activeElement);

/** The email form the server asks for on handoff; "Thanks! We'll reply to …" once an email is known. */
export function EmailCard({ client, message, t, email }: CardProps & { email?: string }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const used = useRef(false);
  const key = message.ticketId ?? message.id;
  if (email) return <Done text={fill(t.emailSaved, { email })} focus={used.current} />;
  if (client.declined(key)) return null;
  const id = `fd-email-${message.id}`;

  async function submit(e: Event) {
    e.preventDefault();
    const input = form.current?.elements.namedItem("email") as HTMLInputElement | null;
    const address = value.trim();
    if (!EMAIL.test(address)) {
      setError(t.emailInvalid);
      input?.focus();
      return;
    }
    setBusy(true);
    setError("");
    used.current = hasFocus(form.current);
    try {
      await client.identify({ email: address });
    } catch (err) {
      setError(err instanceof HttpError && err.status === 400 ? t.emailInvalid : t.error);
      setBusy(false);
    }
  }

  return (
    <form class="card" ref={form} noValidate onSubmit={submit} aria-labelledby={`${id}-ask`}>
      <p id={`${id}-ask`}>{t.emailAsk}</p>
      <label for={id}>{t.email}</label>
      <div class="inline">
        <input
          id={id}
          name="email"
          type="email"
          autocomplete="email"
          inputMode="email"
          spellcheck={false}
          value={value}
          aria-invalid={error === t.emailInvalid ? "true" : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onInput={(e) => {
            setValue((e.currentTarget as HTMLInputElement).value);
            if (error) setError("");
          }}
        />
        <button type="submit" class="btn" disabled={busy}>{t.save}</button>
      </div>
      {error && <Err id={`${id}-err`} text={error} />}
      <button type="button" class="link" onClick={() => client.decline(key)}>{t.noThanks}</button>
    </form>
  );
}

/**
 * The rating card of a resolved ticket; "Thanks for your feedback!" once rated (remembered per ticket, or per
 * answer: `rateKey`). `ask` replaces the question.
 */
export function RatingCard({ client, message, t, rateKey, ask }: CardProps & { rateKey?: string; ask?: string }) {
  const [score, setScore] = useState(0);
  const [hover, setHover] = useState(0);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useBriefError();
  const form = useRef<HTMLFormElement>(null);
  const used = useRef(false);
  const ticketId = rateKey ?? message.ticketId ?? message.conversationId;
  if (done || client.rated(ticketId)) return <Done text={t.rated} focus={used.current} />;
  const id = `fd-rate-${message.id}`;
  const shown = hover || score;

  async function submit(e: Event) {
    e.preventDefault();
    if (!score || busy) return;
    setBusy(true);
    used.current = hasFocus(form.current);
    try {
      await client.rate(message.conversationId, ticketId, score, comment.trim() || undefined);
      setDone(true);
    } catch (err) {
      setError(err instanceof HttpError && err.status === 409 ? t.not_resolved : t.error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" ref={form} onSubmit={submit} aria-labelledby={`${id}-ask`}>
      <p class="ask" id={`${id}-ask`}>{ask ?? t.rateAsk}</p>
      <div class="stars" role="group" aria-labelledby={`${id}-ask`} onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            class={n <= shown ? "on" : undefined}
            aria-label={fill(t.rateN, { n })}
            aria-pressed={n === score ? "true" : "false"}
            onMouseEnter={() => setHover(n)}
            onClick={() => setScore(n)}
          >
            <Icon name="star" />
          </button>
        ))}
      </div>
      <label for={id}>{t.comment}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={comment}
        onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {error && <Err text={error} />}
      <button type="submit" class="btn" disabled={!score || busy}>{t.sendRating}</button>
    </form>
  );
}

/**
 * Under the AI's last answer: "This solved it", which opens the rating of that answer (the server records it as
 * the CSAT of a conversation the AI resolved). Offered again under a newer answer; thanked once rated.
 */
export function AnswerRating({ client, message, t }: CardProps) {
  const [open, setOpen] = useState(false);
  const rateKey = `ai-${message.id}`;
  if (open || client.rated(rateKey)) {
    return <RatingCard client={client} message={message} t={t} rateKey={rateKey} ask={t.rateAnswer} />;
  }
  return <button type="button" class="link solved" onClick={() => setOpen(true)}>{t.solved}</button>;
}

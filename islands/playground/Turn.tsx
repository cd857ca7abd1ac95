/**
 * One turn of the playground transcript. A question is plain text. An
 * answer is plain text while it streams (never parsed as HTML), then the
 * server's sanitised HTML once done, with its sources as links, a
 * confidence meter and, when the widget would hand off, why.
 *
 * @module
 */
import { Icon } from "../../components/Icons.tsx";
import { PROVIDER_INFO } from "../../components/providers.ts";
import type { ProviderId } from "../../models/agents/agent_schemas.ts";
import type { AnswerDoneJson, HandoffReason } from "../shared/agent_types.ts";

/** A turn as the playground keeps it. */
export interface TurnState {
  id: number;
  role: "visitor" | "agent";
  /** The question, or the answer's text so far. */
  text: string;
  /** Set once the answer is complete. */
  answer?: AnswerDoneJson;
  error?: string;
  streaming?: boolean;
  /** The welcome message (not sent to the server). */
  welcome?: boolean;
}

/** Props of {@linkcode Turn}. */
export interface TurnProps {
  turn: TurnState;
  agentName: string;
  /** The agent's hand-off threshold (0-1), to explain a low-confidence hand-off. */
  threshold: number;
  /** Where a citation without a URL points (the source on the Knowledge tab). */
  sourceHref: (sourceId: string) => string;
}

const pct = (v: number) => `${Math.round(Math.min(1, Math.max(0, v)) * 100)}%`;

/** Why the widget would hand the conversation to a person. */
function handoffText(reason: HandoffReason, confidence: number, threshold: number): string {
  if (reason === "asked_for_human") return "the visitor asked to talk to a person.";
  if (reason === "low_confidence") {
    return `the AI is only ${pct(confidence)} sure, below your ${pct(threshold)} hand-off threshold.`;
  }
  return "the AI provider couldn't answer.";
}

function Confidence({ value }: { value: number }) {
  const tone = value >= 0.7 ? "bg-emerald-500" : value >= 0.4 ? "bg-amber-500" : "bg-red-500";
  return (
    <span class="inline-flex items-center gap-2 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700">
      <span
        role="meter"
        aria-label="Confidence"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 100)}
        aria-valuetext={pct(value)}
        class="h-1.5 w-12 overflow-hidden rounded-full bg-slate-200"
      >
        <span class={`block h-full rounded-full ${tone}`} style={{ width: pct(value) }} />
      </span>
      {pct(value)} confident
    </span>
  );
}

/** A question or an answer bubble. */
export function Turn({ turn, agentName, threshold, sourceHref }: TurnProps) {
  if (turn.role === "visitor") {
    return (
      <div class="flex justify-end">
        <div class="max-w-[85%] rounded-2xl rounded-tr-sm bg-indigo-600 px-4 py-2.5 text-sm leading-6 whitespace-pre-wrap text-white">
          <span class="sr-only">You:</span>
          {turn.text}
        </div>
      </div>
    );
  }
  const a = turn.answer;
  return (
    <div class="flex gap-3">
      <span
        class="mt-0.5 grid size-8 shrink-0 place-items-center rounded-full bg-indigo-50 text-indigo-600 ring-1 ring-indigo-100"
        aria-hidden="true"
      >
        <Icon name="sparkles" class="size-4" />
      </span>
      <div class="min-w-0 max-w-[85%] space-y-2">
        <div class="rounded-2xl rounded-tl-sm bg-white px-4 py-2.5 text-sm leading-6 text-slate-800 shadow-xs ring-1 ring-slate-200">
          <span class="sr-only">{agentName}:</span>
          {a
            ? (
              <div
                class="answer space-y-2 break-words [&_a]:font-medium [&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_img]:max-h-48 [&_img]:rounded-lg [&_li]:ml-5 [&_ol]:list-decimal [&_strong]:font-semibold [&_ul]:list-disc"
                // The server sanitises answer HTML (allowlisted links and images, everything else escaped).
                dangerouslySetInnerHTML={{ __html: a.html }}
              />
            )
            : turn.error
            ? (
              <>
                {turn.text && <p class="mb-2 whitespace-pre-wrap">{turn.text}</p>}
                <p class="flex items-start gap-2 text-red-700">
                  <Icon name="alert" class="mt-0.5 size-4 shrink-0" />
                  <span>{turn.error}</span>
                </p>
              </>
            )
            : turn.text
            ? (
              <p class="whitespace-pre-wrap">
                {turn.text}
                {turn.streaming && (
                  <span
                    class="ml-0.5 inline-block h-4 w-1.5 translate-y-0.5 animate-pulse bg-indigo-400"
                    aria-hidden="true"
                  />
                )}
              </p>
            )
            : (
              <p class="flex items-center gap-1.5 py-1 text-slate-500" aria-label="Thinking">
                <span class="size-1.5 animate-bounce rounded-full bg-slate-400" />
                <span class="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:150ms]" />
                <span class="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:300ms]" />
              </p>
            )}
        </div>
        {a && a.citations.length > 0 && (
          <div class="flex flex-wrap items-center gap-1.5 text-xs">
            <span class="font-medium text-slate-500">Sources:</span>
            <ul class="contents">
              {a.citations.map((c) => (
                <li key={c.sourceId + (c.url ?? "")}>
                  <a
                    href={c.url ?? sourceHref(c.sourceId)}
                    target="_blank"
                    rel="noopener noreferrer"
                    class="inline-flex items-center gap-1 rounded-full bg-white px-2.5 py-1 font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
                  >
                    <Icon name={c.url ? "globe" : "text"} class="size-3.5" />
                    {c.title}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {a && (
          <div class="flex flex-wrap items-center gap-2">
            <Confidence value={a.confidence} />
            <span class="text-xs text-slate-500">
              via {PROVIDER_INFO[a.provider as ProviderId]?.label ?? a.provider}
            </span>
          </div>
        )}
        {a?.handoff && (
          <p
            class="flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
            role="note"
          >
            <Icon name="handoff" class="mt-0.5 size-4 shrink-0 text-amber-600" />
            <span>
              <strong class="font-semibold">This would be handed to your team:</strong>{" "}
              {handoffText(a.handoff, a.confidence, threshold)}
            </span>
          </p>
        )}
      </div>
    </div>
  );
}

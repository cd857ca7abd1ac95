/**
 * Asks an agent a question in the playground: `POST /api/agents/:id/ask`
 * answers with server-sent events (`token`, `reset`, `done`, `error`), read
 * here into typed events. A rejected request, a dropped connection or a
 * stream that ends without `done` all arrive as one `error` event, so the
 * caller has a single path for failure.
 *
 * @module
 */
import type { AnswerDoneJson } from "../shared/agent_types.ts";
import { toApiError } from "../shared/api.ts";
import { readEventStream } from "../shared/sse.ts";

/** What the answer stream says, in order. */
export type AskEvent =
  | { type: "token"; text: string }
  | { type: "reset" }
  | { type: "done"; answer: AnswerDoneJson }
  | { type: "error"; code: string; message: string };

const CUT = "The answer was cut off before it finished. Try asking again.";

function parse(data: string): Record<string, unknown> {
  try {
    const v = JSON.parse(data);
    return v && typeof v === "object" ? v : {};
  } catch {
    return {};
  }
}

/** Streams the answer to `message`; resolves when the stream is over (or aborted). */
export async function askAgent(
  agentId: string,
  body: { message: string; sessionId?: string },
  onEvent: (e: AskEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  let finished = false;
  const emit = (e: AskEvent) => {
    if (finished) return;
    if (e.type === "done" || e.type === "error") finished = true;
    onEvent(e);
  };
  try {
    const res = await fetch(`/api/agents/${encodeURIComponent(agentId)}/ask`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
    const type = res.headers.get("content-type") ?? "";
    if (!res.ok || !type.startsWith("text/event-stream") || !res.body) {
      const err = toApiError(res.status, parse(await res.text()));
      return emit({ type: "error", code: err.code, message: err.message });
    }
    await readEventStream(res.body, ({ event, data }) => {
      const d = parse(data);
      if (event === "token") emit({ type: "token", text: typeof d.text === "string" ? d.text : "" });
      else if (event === "reset") emit({ type: "reset" });
      else if (event === "done") emit({ type: "done", answer: d as unknown as AnswerDoneJson });
      else if (event === "error") {
        emit({
          type: "error",
          code: typeof d.code === "string" ? d.code : "error",
          message: typeof d.message === "string" && d.message ? d.message : "The agent couldn't answer.",
        });
      }
    });
    emit({ type: "error", code: "stream_cut", message: CUT });
  } catch (err) {
    if (signal?.aborted) return;
    const message = err instanceof TypeError
      ? "We couldn't reach Frontdesk. Check your connection and try again."
      : CUT;
    emit({ type: "error", code: "network", message });
  }
}

/**
 * `window.Frontdesk`: the widget's one global. Calls made before the chat is
 * ready wait for it (through `run`); calls a pre-load stub queued in `q` are
 * replayed in order; event handlers are kept here, in the loader, so they work
 * from the first line of the host page's script.
 *
 * @module
 */
import type { ChatController, FrontdeskApi, Handler, WidgetEvent } from "./types.ts";

/** Runs `fn` on the chat once it is loaded; `undefined` when the widget stays hidden. */
export type Run = <T>(fn: (chat: ChatController) => T | Promise<T>) => Promise<T | undefined>;

/** The public API and the function that fires its events. */
export interface Hub {
  api: FrontdeskApi;
  emit(event: WidgetEvent, data?: unknown): void;
}

/** Reports a host page handler's exception like an uncaught error, without stopping the other handlers. */
const rethrow = (err: unknown) =>
  setTimeout(() => {
    throw err;
  });

/** Builds `window.Frontdesk` around `run`. */
export function createApi(run: Run, report: (err: unknown) => void = rethrow): Hub {
  const callSafely = (handler: Handler, data: unknown) => {
    try {
      handler(data);
    } catch (err) {
      report(err);
    }
  };
  const handlers = new Map<WidgetEvent, Set<Handler>>();
  let ready: { data: unknown } | undefined;
  const api: FrontdeskApi = {
    version: "1",
    open: () => void run((c) => c.open()),
    close: () => void run((c) => c.close()),
    toggle: () => void run((c) => c.toggle()),
    identify: (input) => run((c) => c.identify(input)),
    on(event, handler) {
      if (typeof handler !== "function") return;
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(handler);
      // A late `ready` listener still hears about it.
      if (event === "ready" && ready) callSafely(handler, ready.data);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler);
    },
  };
  const emit = (event: WidgetEvent, data?: unknown) => {
    if (event === "ready") ready = { data };
    for (const h of [...handlers.get(event) ?? []]) callSafely(h, data);
  };
  return { api, emit };
}

/**
 * Replays what a stub queued before the loader ran: entries are
 * `[method, ...args]` arrays (or `arguments` objects), e.g. `["on", "open", fn]`.
 */
export function replay(api: FrontdeskApi, queue: unknown): void {
  if (!Array.isArray(queue)) return;
  for (const entry of queue) {
    if (!entry || typeof entry !== "object") continue;
    const [name, ...args] = Array.from(entry as ArrayLike<unknown>);
    const fn = name !== "version" && (api as unknown as Record<string, unknown>)[String(name)];
    if (typeof fn === "function") fn.apply(api, args);
  }
}

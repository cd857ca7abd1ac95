/**
 * The in-process EventBus: synchronous fan-out to every subscriber of a
 * topic. A failing handler is isolated (logged by the caller's handler, never
 * breaking the publisher or other subscribers).
 *
 * @module
 */
import type { ChatEvent, EventBus } from "../models/ports/live_bus.ts";

/** An EventBus for one process. */
export function inProcessBus(onError: (err: unknown) => void = console.error): EventBus {
  const topics = new Map<string, Set<(event: ChatEvent) => void>>();
  return {
    publish(topic, event) {
      for (const handler of [...(topics.get(topic) ?? [])]) {
        try {
          handler(event);
        } catch (err) {
          onError(err);
        }
      }
    },
    subscribe(topic, handler) {
      let set = topics.get(topic);
      if (!set) topics.set(topic, set = new Set());
      set.add(handler);
      return () => {
        set!.delete(handler);
        if (!set!.size) topics.delete(topic);
      };
    },
  };
}

/**
 * The EventBus across instances: every event is delivered to this process's
 * subscribers at once (in-process, as with one instance) and published on
 * one Redis channel that every instance subscribes to; an instance delivers
 * what the others published to its own subscribers of that topic.
 *
 * One channel rather than one per topic: a socket subscribes to its topics
 * and then reads the stored thread to resume, so a subscription must be in
 * force at once. A per-topic SUBSCRIBE takes a round trip to Redis during
 * which another instance's message would be lost; the single channel is
 * subscribed before the app serves. The cost is that each instance receives
 * every event and drops those no socket of it watches (looking at the topic
 * only; the event is parsed only when someone here listens).
 *
 * Redis delivers a channel's messages in the order they were published from
 * one connection, so per-topic publish order holds across instances.
 *
 * @module
 */
import type { ChatEvent, EventBus } from "../models/ports/live_bus.ts";
import { inProcessBus } from "../realtime/in_process_bus.ts";
import { decode, encode, type RedisConnections } from "./redis.ts";

const CHANNEL = "fd:bus";

/** An EventBus spanning every instance connected to the same Redis. */
export async function redisBus(
  redis: RedisConnections,
  onError: (err: unknown) => void = console.error,
): Promise<EventBus> {
  const local = inProcessBus(onError);
  const watched = new Map<string, number>();
  const me = redis.instanceId;
  await redis.sub.subscribe(CHANNEL, (raw: string) => {
    // "<sender>\n<topic>\n<event>": the sender and topic are read without parsing the event.
    const a = raw.indexOf("\n");
    const b = raw.indexOf("\n", a + 1);
    if (a < 0 || b < 0 || raw.slice(0, a) === me) return;
    const topic = raw.slice(a + 1, b);
    if (!watched.has(topic)) return;
    let event: ChatEvent;
    try {
      event = decode<ChatEvent>(raw.slice(b + 1));
    } catch (err) {
      return onError(err);
    }
    local.publish(topic, event);
  });
  return {
    publish(topic, event) {
      local.publish(topic, event);
      redis.cmd.publish(CHANNEL, `${me}\n${topic}\n${encode(event)}`).catch(onError);
    },
    subscribe(topic, handler) {
      watched.set(topic, (watched.get(topic) ?? 0) + 1);
      const unsubscribe = local.subscribe(topic, handler);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unsubscribe();
        const n = (watched.get(topic) ?? 1) - 1;
        if (n <= 0) watched.delete(topic);
        else watched.set(topic, n);
      };
    },
  };
}

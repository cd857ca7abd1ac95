/**
 * A local webhook receiver: a real HTTP server on 127.0.0.1 (port 0) that
 * records each delivery (the Standard Webhooks headers and the raw body) and
 * answers as scripted: 200 by default, or the next queued answers (a status,
 * a redirect, a hang until the client gives up).
 *
 * @module
 */

/** One request as received. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The raw body, as signed. */
  body: string;
  /** `performance.now()` when it arrived. */
  at: number;
}

/** What to answer the next request. */
export type Answer = { status: number; location?: string; text?: string } | { hang: true };

/** The receiver's handle. */
export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Queues the answers to the next requests, in order; then 200 again. */
  script(answers: Answer[]): void;
  /** Resolves once `n` requests (in all) have arrived, or rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver; `path` is where it listens (any other path answers 404). */
export function startWebhookReceiver(path = "/hooks"): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const queue: Answer[] = [];
  const waiters = new Set<() => void>();
  const ac = new AbortController();
  const hanging = new Set<() => void>();
  return new Promise((resolve) => {
    const server = Deno.serve({
      port: 0,
      hostname: "127.0.0.1",
      signal: ac.signal,
      onListen: ({ port }) => {
        resolve({
          url: `http://127.0.0.1:${port}${path}`,
          received,
          script: (answers) => queue.push(...answers),
          waitFor(n, timeoutMs = 15_000) {
            if (received.length >= n) return Promise.resolve();
            return new Promise((ok, fail) => {
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`the receiver got ${received.length} of ${n} requests`));
              }, timeoutMs);
              const check = () => {
                if (received.length < n) return;
                clearTimeout(timer);
                waiters.delete(check);
                ok();
              };
              waiters.add(check);
            });
          },
          async close() {
            for (const release of hanging) release();
            ac.abort();
            await server.finished;
          },
        });
      },
    }, async (req) => {
      if (new URL(req.url).pathname !== path) return new Response("not here", { status: 404 });
      const body = await req.text();
      const headers = Object.fromEntries(req.headers);
      received.push({
        id: headers["webhook-id"] ?? "",
        timestamp: headers["webhook-timestamp"] ?? "",
        signature: headers["webhook-signature"] ?? "",
        headers,
        body,
        at: performance.now(),
      });
      for (const w of [...waiters]) w();
      const answer = queue.shift() ?? { status: 200, text: "ok" };
      if ("hang" in answer) {
        await new Promise<void>((r) => {
          hanging.add(r);
          req.signal.addEventListener("abort", () => r());
        });
        return new Response("late", { status: 200 });
      }
      const h: Record<string, string> = answer.location ? { location: answer.location } : {};
      return new Response(answer.text ?? `status ${answer.status}`, { status: answer.status, headers: h });
    });
  });
}

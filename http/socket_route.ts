/**
 * One route helper for both WebSockets (the visitor's `/api/widget/ws` and
 * staff's `/api/realtime`). This file is the runtime glue, as Hono keeps its
 * Deno adapter apart from its WebSocket helper: it checks the Origin when
 * asked, upgrades with `hono/deno`, wraps the socket as the plain
 * {@linkcode SocketEnd} a session writes to, and feeds the session its frames
 * and its end. What a socket says and may do is `realtime/`'s business.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { upgradeWebSocket } from "hono/deno";
import { ForbiddenError } from "../lib/errors.ts";
import type { AppEnv } from "./app_env.ts";
import { isOwnOrigin } from "./csrf.ts";

/** The socket as a session sees it (the shape of `realtime/`'s `Transport`). */
export interface SocketEnd {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  readonly open: boolean;
}

/** What the route feeds: each frame as it arrives, and the socket's end (closed or failed). */
export interface SocketListener {
  receive(data: unknown): void;
  close(): void;
}

/** Options of {@linkcode socketRoute}. */
export interface SocketRouteOptions {
  /**
   * Accept only the app's own Origin (cross-site WebSocket hijacking: a socket authenticated by the
   * session cookie); the message is the 403's.
   */
  ownOriginOnly?: string;
}

/**
 * A handler upgrading to a WebSocket. `prepare` runs at upgrade time, while the request context is
 * still at hand (read the user or token there), and returns what opens the session once the socket is.
 */
export function socketRoute(
  prepare: (c: Context<AppEnv>) => (end: SocketEnd) => SocketListener,
  opts: SocketRouteOptions = {},
): MiddlewareHandler<AppEnv> {
  const upgrade = upgradeWebSocket((c: Context<AppEnv>) => {
    const open = prepare(c);
    let session: SocketListener | null = null;
    return {
      onOpen(_event, ws) {
        session = open({
          send: (d) => ws.send(d),
          close: (code, reason) => ws.close(code, reason),
          get open() {
            return ws.readyState === 1;
          },
        });
      },
      onMessage(event) {
        session?.receive(event.data);
      },
      onClose() {
        session?.close();
      },
      onError() {
        session?.close();
      },
    };
  });
  return async (c, next) => {
    if (opts.ownOriginOnly) {
      const origin = c.req.header("origin");
      if (!origin || !isOwnOrigin(c, origin)) throw new ForbiddenError(opts.ownOriginOnly, "bad_origin");
    }
    return await upgrade(c, next);
  };
}

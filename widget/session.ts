/**
 * The visitor's public session: `POST /api/widget/session` (no cookies), and
 * the visitor token kept in `localStorage` under `frontdesk:<agentId>:token`
 * so a returning visitor gets their history back. `recall`/`remember` are the
 * storage-blocked-safe accessors the chat also uses for its per-ticket flags.
 *
 * @module
 */
import type { WidgetSession } from "./types.ts";

/** The `localStorage` key of an agent's visitor token. */
const tokenKey = (agentId: string): string => `frontdesk:${agentId}:token`;

/** A `localStorage` value, if storage works and holds one. */
export function recall(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined; // storage blocked (privacy mode, sandboxed frame)
  }
}

/** Keeps a value for next time (silently skipped where storage is blocked). */
export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // blocked storage: forgotten on the next page
  }
}

/** The stored token, if storage works and holds one. */
const readToken = (agentId: string): string | undefined => recall(tokenKey(agentId));

/** Keeps the token for next time (where storage is blocked, the visitor simply starts fresh next time). */
const storeToken = (agentId: string, token: string): void => remember(tokenKey(agentId), token);

/**
 * Opens (or resumes) the visitor's session. `null` when the agent does not
 * exist or is inactive (the widget then shows nothing). A stored token the
 * server refuses is dropped and the call retried without it.
 */
export async function fetchSession(
  origin: string,
  agentId: string,
  pageUrl: string,
  opts: { fresh?: boolean; fetch?: typeof fetch; lang?: string; locale?: string } = {},
): Promise<WidgetSession | null> {
  const post = (token?: string) =>
    (opts.fetch ?? fetch)(`${origin}/api/widget/session`, {
      method: "POST",
      credentials: "omit",
      headers: { "content-type": "application/json" },
      // `locale`: the browser's own language, whichever it is (the widget speaks four; the AI answers in more).
      body: JSON.stringify({
        agentId,
        token,
        pageUrl,
        lang: opts.lang,
        locale: opts.locale ?? globalThis.navigator?.language,
      }),
    });
  const token = opts.fresh ? undefined : readToken(agentId);
  let res = await post(token);
  if (token && (res.status === 400 || res.status === 401 || res.status === 403)) res = await post();
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`session request failed (${res.status})`);
  const session = await res.json() as WidgetSession;
  storeToken(agentId, session.token);
  return session;
}

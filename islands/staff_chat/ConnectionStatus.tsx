/**
 * Whether the Inbox or the Tickets page is live: a pill saying "Live",
 * "Connecting…", "Reconnecting…" or "Offline" (a status region, so a change
 * is announced politely), and the alert shown once the server has ended the
 * session (the socket was told `unauthorized`): live updates stopped, with a
 * link to sign in again that comes back to the same view.
 *
 * @module
 */
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import type { ConnectionState } from "./live/socket.ts";

/** Props of {@linkcode ConnectionStatus}. */
export interface ConnectionStatusProps {
  state: ConnectionState;
  signedOut: boolean;
}

/** A small pill. */
export function ConnectionStatus({ state, signedOut }: ConnectionStatusProps) {
  return (
    <p role="status" class="shrink-0" data-connection={signedOut ? "signed-out" : state}>
      {signedOut
        ? <Badge tone="red" dot>Signed out</Badge>
        : state === "open"
        ? <Badge tone="emerald" dot>Live</Badge>
        : state === "reconnecting"
        ? <Badge tone="amber" dot pulse>Reconnecting…</Badge>
        : state === "stopped"
        ? <Badge tone="slate" dot>Offline</Badge>
        : <Badge tone="slate" dot pulse>Connecting…</Badge>}
    </p>
  );
}

/** The session-ended alert; `back` is the page to return to after signing in. */
export function SessionEnded({ back }: { back: string }) {
  return (
    <Alert tone="error" title="Your session has ended">
      Live updates stopped. <a class="link" href={`/login?next=${encodeURIComponent(back)}`}>Sign in again</a>{" "}
      to keep working.
    </Alert>
  );
}

/**
 * Whether the Inbox or the Tickets page is live: "Live", "Connecting…", "Reconnecting…" or
 * "Offline". A status region, so a change is announced politely.
 *
 * @module
 */
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

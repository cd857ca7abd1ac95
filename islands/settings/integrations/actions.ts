/**
 * What the Slack and Zendesk cards do alike: the notice they show, the
 * "Test connection" round trip (the test, then the fresh state with its
 * health, whatever the test said) and "Disconnect" (then the fresh state, as
 * the server now sees it).
 *
 * @module
 */
import type { SlackStateJson, ZendeskStateJson } from "../../../models/integrations/wire.ts";
import { api } from "../../shared/api.ts";

/** A card's notice under its title. */
export type Notice = { tone: "success" | "error"; title: string; text: string } | null;

type States = { slack: SlackStateJson; zendesk: ZendeskStateJson };
const NAMES: Record<keyof States, string> = { slack: "Slack", zendesk: "Zendesk" };

async function freshState<K extends keyof States>(kind: K, onState: (state: States[K]) => void) {
  const fresh = await api<States>("GET", "/api/integrations");
  if (fresh.ok) onState(fresh.data[kind]);
}

/** Tests `kind`'s connection; hands over its fresh state and answers the notice to show. */
export async function testConnection<K extends keyof States>(
  kind: K,
  onState: (state: States[K]) => void,
): Promise<Notice> {
  const r = await api<{ ok: boolean; detail: string }>("POST", `/api/integrations/${kind}/test`);
  await freshState(kind, onState);
  if (!r.ok) return { tone: "error", title: "Couldn't test", text: r.error.message };
  return {
    tone: r.data.ok ? "success" : "error",
    title: r.data.ok ? "Connection works" : "Connection failed",
    text: r.data.detail,
  };
}

/** Disconnects `kind` (its credentials deleted); hands over its fresh state and answers the notice to show. */
export async function disconnectConnection<K extends keyof States>(
  kind: K,
  onState: (state: States[K]) => void,
): Promise<Notice> {
  const r = await api("DELETE", `/api/integrations/${kind}`);
  if (!r.ok) return { tone: "error", title: "Couldn't disconnect", text: r.error.message };
  await freshState(kind, onState);
  return { tone: "success", title: "Disconnected", text: `${NAMES[kind]}'s credentials were deleted.` };
}

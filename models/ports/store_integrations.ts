/**
 * The Store port, integrations: Slack and Zendesk connections, the links
 * between conversations and their Slack message or Zendesk ticket, and the
 * inbound deliveries already handled (Slack retries, Zendesk redeliveries).
 *
 * @module
 */
import type { Connection, IntegrationKind, IntegrationLink, LinkKind } from "../integrations/integration.ts";

/** Connections, links and seen inbound deliveries. */
export interface IntegrationRepo {
  get<K extends IntegrationKind>(workspaceId: string, kind: K): Promise<Connection<K> | null>;
  list(workspaceId: string): Promise<Connection[]>;
  /** Creates or replaces the workspace's connection of that kind. */
  upsert(connection: Connection): Promise<void>;
  remove(workspaceId: string, kind: IntegrationKind): Promise<boolean>;
  /** Connections (any workspace) whose external key matches: where an inbound Slack event may belong. */
  findByExternalKey<K extends IntegrationKind>(kind: K, key: string): Promise<Connection<K>[]>;
  /** Records the outcome of the latest call to the service (an error, or null when it worked). */
  setHealth(workspaceId: string, kind: IntegrationKind, error: string | null, at: Date): Promise<void>;
  link(workspaceId: string, kind: LinkKind, localId: string): Promise<IntegrationLink | null>;
  linkByRemote(workspaceId: string, kind: LinkKind, remoteId: string): Promise<IntegrationLink | null>;
  /** Creates or replaces a link. */
  putLink(link: IntegrationLink): Promise<void>;
  /** Whether an inbound delivery (its id) was already handled. */
  seen(kind: IntegrationKind, workspaceId: string, key: string): Promise<boolean>;
  /** Marks an inbound delivery handled. */
  markSeen(kind: IntegrationKind, workspaceId: string, key: string, at: Date): Promise<void>;
}

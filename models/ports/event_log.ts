/**
 * The EventLog port: the durable, ordered record of domain events, and what
 * listeners need to consume it at least once (a checkpoint each, a record of
 * effects already done, failures set aside). Events are written by the other
 * repositories, in the transaction of their change (see `Emit`); this port
 * reads them back.
 *
 * @module
 */
import type { EventType } from "../events/catalog.ts";
import type { DomainEvent } from "../events/event.ts";

/** Where a listener is in the log. */
export interface Checkpoint {
  listener: string;
  /** Every event at or before this position has been handled. */
  position: number;
  updatedAt: Date;
}

/** An event a listener gave up on after its retries, kept for a person to look at and replay. */
export interface DeadLetter {
  listener: string;
  eventId: string;
  position: number;
  type: EventType;
  error: string;
  attempts: number;
  at: Date;
}

/** Reading the log. */
export interface EventLogRepo {
  /** Events after `position`, oldest first; optionally only some types or one workspace. */
  after(
    position: number,
    opts: { limit: number; types?: readonly EventType[]; workspaceId?: string },
  ): Promise<DomainEvent[]>;
  /** The position of the newest event (0 when the log is empty). */
  head(): Promise<number>;
  /**
   * Calls `fn` with the events this process commits, in position order, soon after each commit (a hand-off
   * that spares reading them back; events of other processes are only in the log). Returns the unsubscribe.
   */
  onAppend(fn: (events: DomainEvent[]) => void): () => void;

  /** A listener's checkpoint, or null for a listener that never ran. */
  checkpoint(listener: string): Promise<Checkpoint | null>;
  /** Moves a listener's checkpoint forward (never back). */
  saveCheckpoint(listener: string, position: number, at: Date): Promise<void>;
  /** Records that `listener` did the effect `key` (an event id, or event id + recipient); false when already done. */
  markDone(listener: string, key: string, at: Date): Promise<boolean>;
  /** Whether `listener` already did the effect `key`. */
  isDone(listener: string, key: string): Promise<boolean>;
  /** Sets an event aside for a listener after its last retry. */
  deadLetter(letter: DeadLetter): Promise<void>;
  /** Events set aside, newest first. */
  deadLetters(listener?: string): Promise<DeadLetter[]>;
}

/**
 * The integration outbox: what a finding still owes Security Hub and EventBridge, carried on the
 * finding's own item and set by the same conditional write that changes the finding. A sender
 * delivers it after the run and clears what was delivered; what failed stays for the next run.
 * Nothing is lost (the mark is written with the change or not at all) and nothing is duplicated
 * (Security Hub updates a finding by its Id; each event carries a deterministic `eventId`).
 */
import type { Severity } from '../findings/finding';

/** The finding changes announced on EventBridge, and their `detail-type`. */
export const FINDING_EVENT_DETAIL_TYPES = {
  OPENED: 'Finding Opened',
  ESCALATED: 'Finding Escalated',
  REOPENED: 'Finding Reopened',
  RESOLVED: 'Finding Resolved',
  SUPPRESSED: 'Finding Suppressed',
  UNSUPPRESSED: 'Finding Unsuppressed',
} as const;
export type FindingEventType = keyof typeof FINDING_EVENT_DETAIL_TYPES;

/** The value of `integrationPending` while anything is owed: the sparse index's partition key. */
export const INTEGRATION_PENDING = 'PENDING';

/** Events kept per finding while EventBridge is unreachable; the oldest beyond it are dropped (and counted). */
export const MAX_OUTBOX_EVENTS = 20;

/** One finding change to put on EventBridge. */
export interface OutboxEvent {
  /** Deterministic: `findingId#type#runId` (or `#at` for a person's change); consumers dedupe on it. */
  eventId: string;
  type: FindingEventType;
  /** ISO time of the change. */
  at: string;
  runId?: string;
  /** Who suppressed or unsuppressed it. */
  by?: string;
  /** For ESCALATED: the severity before. */
  previousSeverity?: Severity;
}

export interface IntegrationOutbox {
  /** Events still to put, oldest first. */
  events: OutboxEvent[];
  /** Events dropped because more than MAX_OUTBOX_EVENTS piled up. */
  eventsDropped?: number;
  /**
   * Set while Security Hub has not received the finding's current state. `markId` names the
   * change: clearing is conditional on it, so a change made during delivery is not lost.
   */
  securityHub?: { markId: string; markedAt: string };
}

/** The outbox attributes of a finding item. */
export interface IntegrationOutboxFields {
  integrationOutbox?: IntegrationOutbox;
  /** INTEGRATION_PENDING while the outbox holds anything; absent otherwise (sparse index key). */
  integrationPending?: typeof INTEGRATION_PENDING;
  /** The last time Security Hub accepted this finding (the refresh sweep reads it). */
  securityHubImportedAt?: string;
}

/** True when the outbox owes nothing. */
export function isOutboxEmpty(outbox: IntegrationOutbox | undefined): boolean {
  return !outbox || (outbox.events.length === 0 && !outbox.securityHub);
}

/** The fields to write for an outbox: `integrationPending` follows whether it owes anything. */
export function outboxFields(outbox: IntegrationOutbox | undefined): Pick<IntegrationOutboxFields, 'integrationOutbox' | 'integrationPending'> {
  if (!outbox || isOutboxEmpty(outbox)) return {};
  return { integrationOutbox: outbox, integrationPending: INTEGRATION_PENDING };
}

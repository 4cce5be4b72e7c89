/**
 * What a finding change owes the integrations, added to the item the change writes (so the mark
 * and the change are one conditional write). Pure functions: reconcile's transitions and the
 * suppress / unsuppress commands call them on the record they are about to write.
 */
import type { FindingRecord } from '../findings/finding-record';
import type { Transition, TransitionKind } from '../findings/transition';
import { MAX_OUTBOX_EVENTS, outboxFields, type FindingEventType, type IntegrationOutbox, type OutboxEvent } from './integration-outbox';

/** The event each run transition announces (none: Security Hub is updated only if the content changed). */
const TRANSITION_EVENTS: Record<TransitionKind, FindingEventType | undefined> = {
  opened: 'OPENED',
  reopened: 'REOPENED',
  'suppression-expired': 'REOPENED',
  escalated: 'ESCALATED',
  resolved: 'RESOLVED',
  'still-open': undefined,
  'suppressed-seen': undefined,
};

/** The transition with its record marked for the integrations. `stored` is the item before it. */
export function markTransitionForIntegrations(transition: Transition, stored: FindingRecord | undefined): Transition {
  const { record } = transition;
  const type = TRANSITION_EVENTS[transition.kind];
  const event: OutboxEvent | undefined = type
    ? {
        eventId: `${record.findingId}#${type}#${record.lastRunId}`,
        type,
        at: record.lastRunAt,
        runId: record.lastRunId,
        ...(type === 'ESCALATED' && stored ? { previousSeverity: stored.severity } : {}),
      }
    : undefined;
  const contentChanged = !stored || securityHubContentChanged(stored, record);
  if (!event && !contentChanged) return transition;
  return { ...transition, record: withOutbox(record, event, `${record.lastRunId}#${record.version}`, record.lastRunAt) };
}

/** The record a person's suppress or unsuppress writes, marked for the integrations. */
export function markManualChangeForIntegrations(record: FindingRecord, type: 'SUPPRESSED' | 'UNSUPPRESSED', by: string, at: string): FindingRecord {
  const event: OutboxEvent = { eventId: `${record.findingId}#${type}#${at}`, type, at, by };
  return withOutbox(record, event, `${at}#${record.version}`, at);
}

/** What Security Hub shows changed: the finding's text, severity or status. */
function securityHubContentChanged(before: FindingRecord, after: FindingRecord): boolean {
  const fields = ['status', 'severity', 'title', 'detail', 'remediation'] as const;
  return fields.some((field) => before[field] !== after[field]);
}

function withOutbox(record: FindingRecord, event: OutboxEvent | undefined, markId: string, markedAt: string): FindingRecord {
  const previous: IntegrationOutbox = record.integrationOutbox ?? { events: [] };
  const events = event && !previous.events.some((e) => e.eventId === event.eventId) ? [...previous.events, event] : previous.events;
  const dropped = Math.max(0, events.length - MAX_OUTBOX_EVENTS);
  const outbox: IntegrationOutbox = {
    events: events.slice(dropped),
    ...(dropped + (previous.eventsDropped ?? 0) > 0 ? { eventsDropped: dropped + (previous.eventsDropped ?? 0) } : {}),
    securityHub: { markId, markedAt },
  };
  return { ...record, ...outboxFields(outbox) };
}

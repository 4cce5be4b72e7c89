/** What one run decides for one stored finding (lambda/findings/finding-transition.ts decides it). */
import type { FindingRecord } from './finding-record';

export type TransitionKind = 'opened' | 'reopened' | 'still-open' | 'escalated' | 'resolved' | 'suppressed-seen' | 'suppression-expired';

export interface Transition {
  kind: TransitionKind;
  /** The item after this run: what is written, or the stored item when nothing needs writing. */
  record: FindingRecord;
  /** False when the finding was found again unchanged and was refreshed less than a day ago. */
  needsWrite: boolean;
}

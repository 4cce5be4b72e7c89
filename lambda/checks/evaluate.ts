import type { Snapshot } from '../snapshot/types';
import { CHECK_FAMILIES, CHECKS_BY_ID } from './catalog';
import { EvaluationContext, type EvaluationResult } from './context';
import { buildAuditModel } from './model';
import { resolveSettings, type EvaluationSettings } from './settings';

export type { EvaluationResult } from './context';

/**
 * Evaluates every check of the catalog against a snapshot.
 *
 * Pure and deterministic: no I/O, no clock (time is the snapshot's `capturedAt`). Findings come
 * sorted by severity, then check, account, region and resource; `coverage` lists every check ×
 * subject that was evaluated, so that reconcile can tell "fixed" from "not looked at".
 */
export function evaluate(snapshot: Snapshot, settings: Partial<EvaluationSettings> = {}): EvaluationResult {
  const resolved = resolveSettings(settings);
  const model = buildAuditModel(snapshot, resolved.newAccountGraceHours);
  const context = new EvaluationContext(snapshot, resolved, model, CHECKS_BY_ID);
  for (const family of CHECK_FAMILIES) family.evaluate(context);
  return context.result();
}

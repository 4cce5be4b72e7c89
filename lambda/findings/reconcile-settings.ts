/** The settings of reconcile and alerting: one definition, read by the finish step and the config. */
import { isSeverity, SEVERITIES, type Severity } from './finding';

export interface ReconcileSettings {
  /** Findings less severe than this raise no alert (they are still stored). */
  minAlertSeverity: Severity;
  /** More than this many alerts of one check and one event in a run go out as one message. */
  groupThreshold: number;
  /** Days a RESOLVED finding (and a run record) is kept before DynamoDB TTL deletes it. */
  retentionDays: number;
}

export const DEFAULT_RECONCILE_SETTINGS: Readonly<ReconcileSettings> = Object.freeze({
  minAlertSeverity: 'MEDIUM',
  groupThreshold: 5,
  retentionDays: 400,
});

export const RECONCILE_SETTING_LIMITS = {
  groupThreshold: { min: 1, max: 1000 },
  retentionDays: { min: 1, max: 3650 },
} as const;

export class ReconcileSettingsError extends Error {}

/** Completes partial settings with the defaults; a bad value throws naming key, value and what is allowed. */
export function resolveReconcileSettings(partial: Partial<Record<keyof ReconcileSettings, unknown>> = {}): ReconcileSettings {
  const settings: ReconcileSettings = { ...DEFAULT_RECONCILE_SETTINGS };
  const severity = partial.minAlertSeverity;
  if (severity !== undefined) {
    if (typeof severity !== 'string' || !isSeverity(severity)) {
      throw new ReconcileSettingsError(`minAlertSeverity: ${JSON.stringify(severity)} is not allowed; expected one of ${SEVERITIES.join(', ')}`);
    }
    settings.minAlertSeverity = severity;
  }
  for (const key of ['groupThreshold', 'retentionDays'] as const) {
    const raw = partial[key];
    if (raw === undefined) continue;
    const { min, max } = RECONCILE_SETTING_LIMITS[key];
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ReconcileSettingsError(`${key}: ${JSON.stringify(raw)} is not allowed; expected a whole number from ${min} to ${max}`);
    }
    settings[key] = value;
  }
  return settings;
}

/** The thresholds of the checks: one definition, read by the CLI flags and the deployed config. */

export interface EvaluationSettings {
  /** DLV-006 / DLV-007: a delivery older than this many minutes is stale. */
  deliveryStaleMinutes: number;
  /** DLV-008: a member-region with no file delivered within this many minutes has no evidence. */
  evidenceMaxAgeMinutes: number;
  /** S3-003: a lifecycle rule must not expire current log objects sooner than this. */
  minRetentionDays: number;
  /** ORG-009 / DLV-008 are not raised for an account that joined less than this many hours ago. */
  newAccountGraceHours: number;
}

export const DEFAULT_SETTINGS: Readonly<EvaluationSettings> = Object.freeze({
  deliveryStaleMinutes: 120,
  evidenceMaxAgeMinutes: 180,
  minRetentionDays: 365,
  newAccountGraceHours: 24,
});

/** What each setting means and its allowed range: used by the CLI, the config and the docs. */
export const SETTING_SPECS: Readonly<Record<keyof EvaluationSettings, { flag: string; min: number; max: number; description: string }>> = {
  deliveryStaleMinutes: { flag: 'delivery-stale-minutes', min: 1, max: 10080, description: 'DLV-006/DLV-007: minutes after which the latest delivery is stale' },
  evidenceMaxAgeMinutes: { flag: 'evidence-max-age-minutes', min: 60, max: 10080, description: 'DLV-008: minutes within which each member-region must have a file in the bucket' },
  minRetentionDays: { flag: 'min-retention-days', min: 1, max: 36500, description: 'S3-003: the shortest acceptable expiration of current log objects, in days' },
  newAccountGraceHours: { flag: 'new-account-grace-hours', min: 0, max: 720, description: 'ORG-009/DLV-008: hours a newly joined account is given before it must be covered' },
};

export class SettingsError extends Error {}

/**
 * Completes partial settings with the defaults and checks every value: a whole number within the
 * setting's range. Throws a SettingsError naming the key, the value and what is allowed.
 */
export function resolveSettings(partial: Partial<Record<keyof EvaluationSettings, unknown>> = {}): EvaluationSettings {
  const settings: EvaluationSettings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_SPECS) as (keyof EvaluationSettings)[]) {
    const raw = partial[key];
    if (raw === undefined) continue;
    const spec = SETTING_SPECS[key];
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new SettingsError(`${key}: ${JSON.stringify(raw)} is not allowed; expected a whole number from ${spec.min} to ${spec.max}`);
    }
    settings[key] = value;
  }
  return settings;
}

/** What one run delivered to Security Hub and EventBridge, as its run record keeps it. */

/** Whether this run imported into Security Hub, and if not, why. */
export const SECURITY_HUB_STATES = {
  /** Security Hub is on in the stack's region and the import is not turned off: imported. */
  IMPORTING: 'IMPORTING',
  /** The `securityHubImport` setting is `disabled`. */
  DISABLED: 'DISABLED',
  /** `auto`, and DescribeHub said Security Hub is not enabled in this account and region. */
  NOT_ENABLED: 'NOT_ENABLED',
  /** `auto`, and DescribeHub failed otherwise: nothing imported, everything kept for the next run. */
  UNKNOWN: 'UNKNOWN',
} as const;
export type SecurityHubState = keyof typeof SECURITY_HUB_STATES;

export interface RunIntegrationCounts {
  securityHub: {
    state: SecurityHubState;
    /** Findings Security Hub accepted (changes and refreshes). */
    imported: number;
    /** Of those, re-imports of unchanged open findings before Security Hub's 90-day expiry. */
    refreshed: number;
    /** Findings refused or not sent (FailedFindings, a failed call): kept pending for the next run. */
    failed: number;
  };
  events: {
    enabled: boolean;
    /** Finding events put on the default bus. */
    put: number;
    /** Finding events refused or not sent: kept pending for the next run. */
    failed: number;
    /** `Audit Run Finished` of this run: PUT, FAILED (put again by the next run) or OFF. */
    runFinished: 'PUT' | 'FAILED' | 'OFF';
    /** `Audit Run Finished` events of earlier runs put again by this run. */
    earlierRunsPut: number;
  };
  /** Findings whose delivered changes could not be cleared (they are sent again: an upsert, a repeated eventId). */
  settleErrors: number;
}

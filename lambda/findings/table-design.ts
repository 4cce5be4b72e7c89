/**
 * The DynamoDB tables of the auditor, defined once: the CDK stack creates them from these
 * designs and the tests create the same tables in dynalite. Every query the auditor makes is
 * served by a key or an index named here (no Scan).
 *
 * Findings table — one item per finding identity (see FindingRecord):
 *   key `findingId`                          → one finding, with its history (`findings show`)
 *   index by-status   (status, severityOrder) → open / resolved / suppressed findings, most severe
 *                                              first; one severity by `begins_with(rank#)`
 *   index by-account  (accountId, findingId)  → every finding of one account
 *   index by-check    (checkId, findingId)    → one check across the organization
 *   index pending-alerts (alertPending, findingId), sparse → alerts still to publish
 *   index integration-pending (integrationPending, findingId), sparse → changes still owed to
 *                                              Security Hub / EventBridge (lambda/integrate)
 *   TTL `expiresAt`: set only on RESOLVED items (retentionDays after resolution).
 *
 * Runs table — one item per audit run (see RunRecord):
 *   key `runId`                              → one run (idempotent reconcile)
 *   index by-start (recordType, startedAt)   → the latest runs (`runs list`)
 *   TTL `expiresAt`: retentionDays after the run.
 */

export type KeyAttributeType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: KeyAttributeType;
}

export interface IndexDesign {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Every index projects all attributes: the readers need the whole item. */
  projection: 'ALL';
}

export interface TableDesign {
  /** A stable logical name (the CDK construct ID; the physical name is CloudFormation's). */
  logicalName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalSecondaryIndexes: readonly IndexDesign[];
  /** The attribute DynamoDB TTL reads (epoch seconds). */
  timeToLiveAttribute: string;
}

export const FINDINGS_INDEX = {
  byStatus: 'by-status',
  byAccount: 'by-account',
  byCheck: 'by-check',
  pendingAlerts: 'pending-alerts',
  integrationPending: 'integration-pending',
} as const;

export const RUNS_INDEX = { byStart: 'by-start' } as const;

/** The value of every run item's `recordType`: the one partition of the by-start index. */
export const RUN_RECORD_TYPE = 'RUN';

export const FINDINGS_TABLE: TableDesign = {
  logicalName: 'FindingsTable',
  partitionKey: { name: 'findingId', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: FINDINGS_INDEX.byStatus, partitionKey: { name: 'status', type: 'S' }, sortKey: { name: 'severityOrder', type: 'S' }, projection: 'ALL' },
    { indexName: FINDINGS_INDEX.byAccount, partitionKey: { name: 'accountId', type: 'S' }, sortKey: { name: 'findingId', type: 'S' }, projection: 'ALL' },
    { indexName: FINDINGS_INDEX.byCheck, partitionKey: { name: 'checkId', type: 'S' }, sortKey: { name: 'findingId', type: 'S' }, projection: 'ALL' },
    { indexName: FINDINGS_INDEX.pendingAlerts, partitionKey: { name: 'alertPending', type: 'S' }, sortKey: { name: 'findingId', type: 'S' }, projection: 'ALL' },
    { indexName: FINDINGS_INDEX.integrationPending, partitionKey: { name: 'integrationPending', type: 'S' }, sortKey: { name: 'findingId', type: 'S' }, projection: 'ALL' },
  ],
  timeToLiveAttribute: 'expiresAt',
};

export const RUNS_TABLE: TableDesign = {
  logicalName: 'RunsTable',
  partitionKey: { name: 'runId', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: RUNS_INDEX.byStart, partitionKey: { name: 'recordType', type: 'S' }, sortKey: { name: 'startedAt', type: 'S' }, projection: 'ALL' },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** The CloudFormation stack outputs that name the deployed tables (read by the CLI). */
export const TABLE_NAME_OUTPUTS = { findings: 'FindingsTableName', runs: 'RunsTableName' } as const;

/** Shared set-up of the reconcile tests: tables in dynalite, an SNS client mock, runs to reconcile. */
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAuditStore, type AuditStore } from '../../lambda/findings/audit-store';
import { findingKey, type Finding, type FindingIdentity, type Severity } from '../../lambda/findings/finding';
import { reconcileRun, type ReconcileDependencies, type ReconcileRunInput } from '../../lambda/findings/reconcile';
import type { RunRecord } from '../../lambda/findings/run-record';
import { FINDINGS_TABLE, RUNS_TABLE } from '../../lambda/findings/table-design';
import { SnsAlertPublisher } from '../../lambda/notify/alert-publisher';
import { createTables } from '../support/dynalite';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:111111111111:org-trail-auditor-alerts';

export function finding(checkId: string, accountId: string, severity: Severity = 'HIGH', overrides: Partial<Finding> = {}): Finding {
  return {
    checkId,
    accountId,
    region: 'us-east-1',
    resource: `arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail`,
    severity,
    title: `${checkId} title`,
    detail: `${checkId} observed in ${accountId}`,
    remediation: `Fix ${checkId}: aws cloudtrail start-logging --name org-trail`,
    ...overrides,
  };
}

/**
 * One run's evaluation: its findings, with coverage of those plus every `healthy` subject. The
 * accounts audited are those named; the account list counts as incomplete unless `listComplete`
 * (so these runs resolve only what their coverage names, never a departed account's findings).
 */
export function evaluation(findings: Finding[], healthy: FindingIdentity[] = [], listComplete = false): ReconcileRunInput['evaluation'] {
  const subjects = [...findings, ...healthy];
  return {
    findings,
    coverage: new Set(subjects.map((identity) => findingKey(identity))),
    accountScope: { auditedAccountIds: new Set(subjects.map((subject) => subject.accountId)), listComplete },
  };
}

let tableCounter = 0;

export class ReconcileHarness {
  readonly sns = mockClient(SNSClient);
  readonly publisher = new SnsAlertPublisher(new SNSClient({ region: 'us-east-1' }), TOPIC_ARN);
  store!: AuditStore;
  private runCounter = 0;
  /** Wall clock of the next run (suppressions end against it); default: the run's finishedAt. */
  now: Date | undefined;

  constructor(private readonly client: DynamoDBClient) {
    this.sns.on(PublishCommand).resolves({ MessageId: 'm' });
  }

  async freshTables(): Promise<void> {
    tableCounter += 1;
    const names = await createTables(this.client, [FINDINGS_TABLE, RUNS_TABLE], `t${tableCounter}-`);
    this.store = createAuditStore(this.client, { findingsTable: names[FINDINGS_TABLE.logicalName], runsTable: names[RUNS_TABLE.logicalName] });
    this.sns.resetHistory();
  }

  /** A run input starting one hour after the previous one. */
  runInput(findings: Finding[], healthy: FindingIdentity[] = [], overrides: Partial<ReconcileRunInput> = {}): ReconcileRunInput {
    this.runCounter += 1;
    const startedAt = new Date(Date.parse('2026-01-10T00:00:00Z') + this.runCounter * 3_600_000);
    return {
      runId: `run-${String(this.runCounter).padStart(4, '0')}`,
      trigger: 'SCHEDULE',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + 300_000).toISOString(),
      evaluation: evaluation(findings, healthy),
      accounts: { total: 3, audited: 3, failed: 0, notStarted: 0 },
      apiCalls: 42,
      outcome: 'SUCCEEDED',
      ...overrides,
    };
  }

  reconcile(input: ReconcileRunInput, settings: { minAlertSeverity?: Severity; groupThreshold?: number } = {}, overrides: Partial<ReconcileDependencies> = {}): Promise<RunRecord> {
    return reconcileRun(input, { ...this.dependencies(input), settings, ...overrides });
  }

  /** The dependencies of a reconcile of `input` against the harness's tables and SNS. */
  dependencies(input: ReconcileRunInput): ReconcileDependencies {
    return { store: this.store, publisher: this.publisher, now: () => this.now ?? new Date(input.finishedAt), warn: () => undefined };
  }

  /** The Publish inputs sent since the last call. */
  takePublished(): PublishCommandInput[] {
    const inputs = this.sns.commandCalls(PublishCommand).map((call) => call.args[0].input);
    this.sns.resetHistory();
    return inputs;
  }
}

/** The `event` attribute of each publish, with the finding IDs threaded in the chat payload. */
export function publishedEvents(inputs: PublishCommandInput[]): { event: string; threadId: string }[] {
  return inputs.map((input) => {
    const body = JSON.parse(input.Message ?? '{}') as { default: string };
    const chatbot = JSON.parse(body.default) as { metadata: { threadId: string } };
    return { event: input.MessageAttributes?.event?.StringValue ?? '', threadId: chatbot.metadata.threadId };
  });
}

/**
 * Shared set-up of the integration tests: reconcile runs over dynalite (the reconcile harness),
 * Security Hub and EventBridge faked at the SDK level, and the delivery step after each run.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { BatchImportFindingsCommand, DescribeHubCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { createDocumentClient } from '../../lambda/findings/audit-store';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import type { RunRecord } from '../../lambda/findings/run-record';
import { deliverRunIntegrations, type IntegrationSettings } from '../../lambda/integrate/deliver-integrations';
import { IntegrationOutboxStore } from '../../lambda/integrate/integration-outbox-store';
import type { RunIntegrationCounts } from '../../lambda/integrate/run-integration-counts';
import { SecurityHubAvailability, type SecurityHubImportMode } from '../../lambda/integrate/security-hub-availability';
import { TokenBucket } from '../../lambda/integrate/token-bucket';
import { ReconcileHarness } from '../findings/reconcile-harness';

export const PRODUCT_ARN = 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default';

export class IntegrationHarness extends ReconcileHarness {
  readonly securityHub = new SecurityHubClient({ region: 'us-east-1' });
  readonly eventBridge = new EventBridgeClient({ region: 'us-east-1' });
  readonly securityHubMock = mockClient(this.securityHub);
  readonly eventBridgeMock = mockClient(this.eventBridge);
  settings: IntegrationSettings = { productArn: PRODUCT_ARN, eventsEnabled: true, refreshAfterDays: 30, refreshLimitPerRun: 100 };
  mode: SecurityHubImportMode = 'enabled';
  readonly warnings: string[] = [];

  constructor(private readonly dynamodb: DynamoDBClient) {
    super(dynamodb);
    this.answerEverything();
  }

  /** Security Hub and EventBridge accept everything. */
  answerEverything(): void {
    this.securityHubMock.reset();
    this.eventBridgeMock.reset();
    this.securityHubMock.on(DescribeHubCommand).resolves({ HubArn: 'arn:aws:securityhub:us-east-1:111111111111:hub/default' });
    this.securityHubMock.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length, FailedFindings: [] }));
    this.eventBridgeMock.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, index) => ({ EventId: `event-${index}` })),
    }));
  }

  outbox(): IntegrationOutboxStore {
    return new IntegrationOutboxStore(createDocumentClient(this.dynamodb), this.store.findings.tableName, this.store.runs.tableName);
  }

  /** The delivery step after `run`, at the harness's wall clock. */
  deliver(run: RunRecord, availability = new SecurityHubAvailability(this.mode, this.securityHub, (m) => this.warnings.push(m))): Promise<RunIntegrationCounts> {
    return deliverRunIntegrations(
      run,
      { settings: this.settings, securityHub: this.securityHub, eventBridge: this.eventBridge, availability, limiter: new TokenBucket({ ratePerSecond: 10, burst: 30 }) },
      { outbox: this.outbox(), runs: this.store.runs, now: this.now, warn: (m) => this.warnings.push(m) },
    );
  }

  /** The findings sent to BatchImportFindings since the last call, in order. */
  takeImported(): AwsSecurityFinding[] {
    const findings = this.securityHubMock.commandCalls(BatchImportFindingsCommand).flatMap((call) => call.args[0].input.Findings ?? []);
    this.securityHubMock.resetHistory();
    return findings;
  }

  /** The events put since the last call: detail-type and parsed detail. */
  takeEvents(): { detailType: string; detail: { eventId: string; finding?: FindingRecord; run?: RunRecord } }[] {
    const entries = this.eventBridgeMock.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
    this.eventBridgeMock.resetHistory();
    return entries.map((entry) => ({ detailType: entry.DetailType ?? '', detail: JSON.parse(entry.Detail ?? '{}') }));
  }
}

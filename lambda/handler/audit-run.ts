/**
 * One audit run, end to end: collect → evaluate → store the snapshot → reconcile (store the
 * findings and the run record, publish the alerts) → metrics. The Lambda handler wraps it; tests
 * call it with a simulated organization, dynalite and a recorded SNS.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { evaluate } from '../checks/evaluate';
import type { EvaluationResult } from '../checks/context';
import type { AwsClientFactory } from '../collect/aws-client-factory';
import { deadlineAfter, withCallDeadline } from '../aws/call-deadline';
import { collectOrganization } from '../collect/collect-organization';
import type { CollectResult } from '../collect/collect-options';
import { createAuditStore } from '../findings/audit-store';
import { reconcileRun } from '../findings/reconcile';
import type { AccountTally, RunOutcome, RunRecord, RunTrigger } from '../findings/run-record';
import type { IntegrationDependencies } from '../integrate/deliver-integrations';
import { runIntegrationsStep } from '../integrate/integrations-step';
import { SnsAlertPublisher } from '../notify/alert-publisher';
import type { RunIntegrationCounts } from '../integrate/run-integration-counts';
import type { Snapshot } from '../snapshot/types';
import type { HandlerEnvironment } from './environment';
import { METRIC } from './metric-names';
import { addAlertPathMetrics, publishRunMetrics, RUN_TRIGGER, runSummaryOf } from './run-metrics';
import { storeSnapshot } from './snapshot-evidence';
import { describeTrigger, type AuditTrigger } from './trigger';

/** What a run needs from the outside world. */
export interface AuditRunDependencies {
  environment: HandlerEnvironment;
  /** A fresh client factory per run: it counts the run's API calls and caches its role sessions. */
  createClients: () => AwsClientFactory;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  sns: SNSClient;
  logger: Logger;
  metrics: Metrics;
  /** Security Hub and EventBridge (docs/security-hub.md, docs/integrations.md); absent: not configured. */
  integrations?: IntegrationDependencies;
  /** The wall clock; defaults to the system clock. */
  now?: () => Date;
}

export interface AuditRunRequest {
  runId: string;
  trigger: AuditTrigger;
  /** Milliseconds left before the Lambda deadline (context.getRemainingTimeInMillis). */
  remainingTimeMs: () => number;
  /**
   * With less than this left, no new member account is started: what is running finishes, and
   * the rest of the run (evaluate, store, reconcile, notify) has this long.
   */
  deadlineReserveMs: number;
  /**
   * With less than this left, the collector's calls still in flight are aborted (recorded as
   * DeadlineExceeded), so that the run record and the notice are always written before the Lambda
   * deadline. The snapshot upload may use the first half of this reserve and is given up past it.
   * Default ABORT_RESERVE_MS.
   */
  abortReserveMs?: number;
}

/** Time kept for evaluate, reconcile (the run record) and the notice once in-flight calls are aborted. */
export const ABORT_RESERVE_MS = 45_000;

/** What the handler returns (and logs): the run's record, in brief. */
export interface AuditRunSummary {
  runId: string;
  trigger: RunTrigger;
  outcome: RunOutcome;
  accounts: AccountTally;
  findings: RunRecord['findings'];
  alerts: RunRecord['alerts'];
  apiCalls: number;
  snapshotKey?: string;
  integrations?: RunIntegrationCounts;
}

export async function runAudit(request: AuditRunRequest, deps: AuditRunDependencies): Promise<AuditRunSummary> {
  const { environment: env, logger, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const started = now();
  const trigger = RUN_TRIGGER[request.trigger.kind];
  logger.appendKeys({ runId: request.runId, trigger });
  logger.info('audit started', { cause: describeTrigger(request.trigger), detail: request.trigger });

  const store = createAuditStore(deps.dynamodb, { findingsTable: env.findingsTableName, runsTable: env.runsTableName });
  const reconcileDependencies = {
    store,
    publisher: new SnsAlertPublisher(deps.sns, env.alertTopicArn),
    settings: { minAlertSeverity: env.minAlertSeverity, groupThreshold: env.groupThreshold, retentionDays: env.findingsRetentionDays },
    now,
    warn: (message: string) => logger.warn(message),
    // Reconcile stops starting items and retries once only the time to write the record is left.
    remainingTimeMs: request.remainingTimeMs,
  };

  const deliverIntegrations = (run: RunRecord, snapshot: Snapshot | undefined) =>
    runIntegrationsStep(
      {
        run,
        dynamodb: deps.dynamodb,
        findingsTableName: env.findingsTableName,
        runsTableName: env.runsTableName,
        now: now(),
        snapshot,
        warn: (message) => logger.warn(message),
        error: (message, error) => logger.error(message, { error: error as Error }),
      },
      deps.integrations,
    );

  const clients = deps.createClients();
  // The run's hard deadline: in-flight AWS calls stop here, whatever they are waiting for.
  const abortReserveMs = request.abortReserveMs ?? ABORT_RESERVE_MS;
  const runDeadline = deadlineAfter(request.remainingTimeMs() - abortReserveMs, 'the run neared the Lambda deadline');
  let collected: CollectResult;
  try {
    collected = await collectOrganization({
      deadline: runDeadline.signal,
      clients,
      memberRoleName: env.memberRoleName,
      logArchiveAccountId: env.logArchiveAccountId,
      concurrency: env.concurrency,
      skipRegions: env.regionsToSkip,
      evidenceMaxAgeMinutes: env.settings.evidenceMaxAgeMinutes,
      shouldStartAccount: () => request.remainingTimeMs() > request.deadlineReserveMs,
      onProgress: progressLogger(logger),
      now,
    });
  } catch (error) {
    // No usable credentials, or the organization could not be read at all: record the run as
    // FAILED (which resolves nothing and sends a notice), then fail the invocation.
    const reason = error instanceof Error ? error.message : String(error);
    logger.error('audit failed before any account was read', { error: error as Error });
    const failedRun = await reconcileRun(
      {
        runId: request.runId,
        trigger,
        startedAt: started.toISOString(),
        finishedAt: now().toISOString(),
        evaluation: { findings: [], coverage: new Set(), accountScope: { auditedAccountIds: new Set(), listComplete: false } },
        accounts: { total: 0, audited: 0, failed: 0, notStarted: 0 },
        apiCalls: clients.calls.total(),
        outcome: 'FAILED',
        notAudited: { reason },
      },
      reconcileDependencies,
    ).catch((recordError: unknown) => {
      logger.error('the failed run could not be recorded', { error: recordError as Error });
      return undefined;
    });
    if (failedRun) await deliverIntegrations(failedRun, undefined);
    metrics.addMetric(METRIC.auditFailed, MetricUnit.Count, 1);
    if (failedRun) addAlertPathMetrics(metrics, failedRun);
    metrics.publishStoredMetrics();
    if (failedRun) logger.info('run recorded', { outcome: failedRun.outcome });
    throw error;
  }

  const { snapshot, stats } = collected;
  const evaluation: EvaluationResult = evaluate(snapshot, env.settings);
  const outcome: RunOutcome = stats.complete ? 'SUCCEEDED' : 'PARTIAL';
  if (!stats.complete) {
    logger.warn('run is partial: accounts not audited', {
      notStarted: stats.accountsNotStarted,
      listAccountsError: stats.listAccountsError,
    });
  }

  // The snapshot is evidence, the run record is not optional: the upload is given up halfway through the reserve.
  const uploadDeadline = deadlineAfter(request.remainingTimeMs() - abortReserveMs / 2, 'the run neared the Lambda deadline');
  const snapshotKey = await withCallDeadline(uploadDeadline.signal, () =>
    storeSnapshot(deps.s3, env.evidenceBucketName, snapshot, request.runId),
  ).catch((error: unknown) => {
    logger.error('the snapshot could not be stored; the run continues without it', { error: error as Error });
    return undefined;
  });
  runDeadline.cancel();
  uploadDeadline.cancel();

  const accounts: AccountTally = {
    total: stats.accountsTotal,
    audited: stats.accountsAudited,
    failed: stats.accountsFailed,
    notStarted: stats.accountsNotStarted,
  };
  const record = await reconcileRun(
    {
      runId: request.runId,
      trigger,
      startedAt: started.toISOString(),
      finishedAt: now().toISOString(),
      evaluation,
      accounts,
      apiCalls: stats.totalApiCalls,
      ...(snapshotKey ? { snapshotKey } : {}),
      outcome,
      ...(outcome === 'PARTIAL'
        ? {
            notAudited: {
              notStartedAccountIds: stats.notStartedAccountIds,
              reason: stats.deadlineExceeded
                ? `the run neared the Lambda deadline: calls in flight were stopped and ${stats.accountsNotStarted} account(s) were not started`
                : stats.listAccountsError
                  ? `ListAccounts failed (${stats.listAccountsError.code}): accounts after it were not seen`
                  : `the run neared the Lambda deadline: ${stats.accountsNotStarted} account(s) were not started`,
            },
          }
        : {}),
    },
    reconcileDependencies,
  ).catch((error: unknown) => {
    // Reconcile records the run whatever fails item by item; only the run record itself not being
    // writable lands here. The metric still says the run failed.
    logger.error('the run could not be recorded', { error: error as Error });
    metrics.addMetric(METRIC.auditFailed, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    throw error;
  });

  const integrations = await deliverIntegrations(record, snapshot);
  publishRunMetrics(metrics, record, now().getTime() - started.getTime());
  const summary: AuditRunSummary = { ...runSummaryOf(record), ...(integrations ? { integrations } : {}) };
  logger.info('audit finished', { ...summary });
  return summary;
}

/** Logs collection progress at every tenth of the organization (not every account: 5,000 lines). */
function progressLogger(logger: Logger): (progress: { accountsDone: number; accountsTotal: number; accountsFailed: number; totalKnown: boolean }) => void {
  let lastDecile = 0;
  return (progress) => {
    if (!progress.totalKnown || progress.accountsTotal === 0) return;
    const decile = Math.floor((10 * progress.accountsDone) / progress.accountsTotal);
    if (decile > lastDecile) {
      lastDecile = decile;
      logger.info('collection progress', { ...progress });
    }
  };
}

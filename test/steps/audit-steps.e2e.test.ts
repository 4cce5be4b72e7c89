/**
 * The audit as the state machine runs it — plan → every batch → finish — with the real steps
 * against a simulated organization, the findings and runs tables in dynalite, the run files and
 * snapshots in a local S3 (s3rver), and a recorded SNS.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { collectOrganization } from '../../lambda/collect';
import { collectMemberBatch } from '../../lambda/collect/member-batch';
import { planOrganization } from '../../lambda/collect/organization-plan';
import { createAuditStore, type AuditStore } from '../../lambda/findings/audit-store';
import type { FindingRecord } from '../../lambda/findings/finding-record';
import { dynamoDbFullRunLock, FULL_RUN_LOCK_ID } from '../../lambda/steps/full-run-lock';
import { mergeMemberBatches } from '../../lambda/steps/snapshot-merge';
import { answerOf } from '../../lambda/snapshot/types';
import { dynaliteClient, startDynalite, type RunningDynalite } from '../support/dynalite';
import { startLocalS3, type RunningS3 } from '../support/local-s3';
import { SimulatedOrganization } from '../support/simulated-org';
import { brokenHealthyOrg, healthyOrg, recapturedAt, STALE_MEMBER, UNCOVERED_MEMBER } from '../support/snapshots';
import { createAuditorTables, EVIDENCE_BUCKET, LocalStateMachine, TOPIC_ARN } from './local-state-machine';

const MANAGEMENT = '111111111111';
const LOG_ARCHIVE = '222222222222';
// The members brokenHealthyOrg leaves without recent delivery, one of them also not covered.
const MEMBER_FIXED = STALE_MEMBER;
const MEMBER_UNREACHABLE = UNCOVERED_MEMBER;
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-trail`;
const BUCKET = `org-trail-logs-${LOG_ARCHIVE}`;

process.env.POWERTOOLS_METRICS_DISABLED = 'true';

let dynalite: RunningDynalite;
let dynamodb: DynamoDBClient;
let localS3: RunningS3;
let s3: S3Client;
let tableCount = 0;

beforeAll(async () => {
  dynalite = await startDynalite();
  dynamodb = dynaliteClient(dynalite.endpoint);
  localS3 = await startLocalS3([EVIDENCE_BUCKET]);
  s3 = localS3.client();
});

afterAll(async () => {
  dynamodb.destroy();
  await dynalite.close();
  await localS3.close();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

/** A deployed auditor with its own tables: its state machine sees `organization` at its capturedAt. */
async function deployedAuditor(batchSize = 2) {
  const names = await createAuditorTables(dynamodb, `steps-${++tableCount}-`, { proofs: true });
  const auditor = {
    organization: healthyOrg(),
    store: createAuditStore(dynamodb, { findingsTable: names.findings, runsTable: names.runs }),
    tables: names,
    /** Every simulated AWS the steps talked to, in order (one per step invocation). */
    simulations: [] as SimulatedOrganization[],
    machine: undefined as unknown as LocalStateMachine,
  };
  auditor.machine = new LocalStateMachine({
    dynamodb,
    s3,
    tables: names,
    batchSize,
    deliveryProofsTable: names.proofs,
    createClients: () => {
      const simulation = new SimulatedOrganization(auditor.organization);
      auditor.simulations.push(simulation);
      return simulation.clientFactory();
    },
    now: () => new Date(auditor.organization.capturedAt),
  });
  return auditor;
}

async function findingsOf(store: AuditStore, checkId: string): Promise<FindingRecord[]> {
  return [...(await store.findings.listByStatus('OPEN')), ...(await store.findings.listByStatus('RESOLVED'))].filter(
    (record) => record.checkId === checkId && (record.region === null || record.region === 'us-east-1'),
  );
}

function mentions(published: readonly PublishCommandInput[], text: string): boolean {
  return published.some((input) => JSON.stringify(input).includes(text));
}

const stopLoggingEvent = (eventTime: string) => ({
  'detail-type': 'AWS API Call via CloudTrail',
  source: 'aws.cloudtrail',
  account: MANAGEMENT,
  detail: { eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime, awsRegion: 'us-east-1', requestParameters: { name: TRAIL_ARN } },
});

describe('plan and batches collect what one process collects', () => {
  test('the merged snapshot equals collectOrganization\'s, whatever the batch size', async () => {
    const organization = brokenHealthyOrg();
    const now = () => new Date(organization.capturedAt);
    const single = await collectOrganization({ clients: new SimulatedOrganization(organization).clientFactory(), logArchiveAccountId: LOG_ARCHIVE, now });

    for (const batchSize of [1, 2, 10]) {
      const plan = await planOrganization({ clients: new SimulatedOrganization(organization).clientFactory(), logArchiveAccountId: LOG_ARCHIVE, now });
      const parts = [];
      for (let start = 0; start < plan.memberAccountIds.length; start += batchSize) {
        parts.push(
          await collectMemberBatch({
            clients: new SimulatedOrganization(organization).clientFactory(),
            accountIds: plan.memberAccountIds.slice(start, start + batchSize),
            orgTrails: plan.orgTrails,
            organizationId: answerOf(plan.snapshot.organization)?.Id,
            buckets: plan.snapshot.buckets ?? {},
            callerAccountId: plan.callerAccountId,
            capturedAt: now(),
          }),
        );
      }
      expect(plan.memberAccountIds).toEqual([LOG_ARCHIVE, MEMBER_FIXED, MEMBER_UNREACHABLE]);
      expect(mergeMemberBatches(plan.snapshot, parts)).toEqual(single.snapshot);
    }
  });
});

describe('a full run, step by step', () => {
  test('plan writes the batches, every batch its part, and finish opens and alerts the findings, with the run record and its cost', async () => {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    const { plan, summary, published, metricNames, batchesRun } = await auditor.machine.run({ runId: 'exec-1', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });

    expect(plan).toMatchObject({ status: 'PLANNED', mode: 'FULL', batchCount: 2, memberAccounts: 3, bucket: EVIDENCE_BUCKET });
    expect(batchesRun).toBe(2);
    expect(summary).toMatchObject({ runId: 'exec-1', trigger: 'SCHEDULE', outcome: 'SUCCEEDED', accounts: { total: 4, audited: 4, failed: 0, notStarted: 0 } });
    expect((await findingsOf(auditor.store, 'DLV-001')).map((r) => [r.accountId, r.status])).toEqual([[MANAGEMENT, 'OPEN']]);
    expect((await findingsOf(auditor.store, 'DLV-008')).map((r) => [r.accountId, r.status]).sort()).toEqual([
      [MEMBER_FIXED, 'OPEN'],
      [MEMBER_UNREACHABLE, 'OPEN'],
    ]);
    expect((await findingsOf(auditor.store, 'ORG-009')).map((r) => r.accountId)).toEqual([MEMBER_UNREACHABLE]);
    expect(summary?.apiCalls).toBeGreaterThan(0);
    expect(published.length).toBeGreaterThan(0);
    expect(published.every((input) => input.TopicArn === TOPIC_ARN)).toBe(true);
    for (const checkId of ['DLV-001', 'DLV-008', 'ORG-009']) expect(mentions(published, checkId)).toBe(true);
    // A complete run feeds the dead-man's switch.
    expect(metricNames).toEqual(expect.arrayContaining(['AuditSucceeded', 'AccountsAudited', 'ApiCalls', 'OpenFindings']));
    expect(metricNames).not.toContain('AuditFailed');

    const record = (await auditor.store.runs.get('exec-1')) as unknown as Record<string, unknown>;
    expect(record.snapshotKey).toBe(`s3://${EVIDENCE_BUCKET}/snapshots/2026/11/22/exec-1.json.gz`);
    const cost = record.cost as { totalUsd: number; byService: Record<string, number>; usage: Record<string, number> };
    expect(cost.usage).toMatchObject({ lambdaInvocations: 4, stateTransitions: 8 });
    // The members' evidence listings (one per member-region) and the run files are S3 requests.
    expect(cost.usage.s3ListPutRequests).toBeGreaterThanOrEqual(3 + 4);
    expect(cost.totalUsd).toBeCloseTo(cost.byService.s3 + cost.byService.lambda + cost.byService.stepFunctions + cost.byService.dynamodb, 5);
    expect(cost.totalUsd).toBeGreaterThan(0);
    // The lease is given back, and the lock never shows among the runs.
    expect((await auditor.store.runs.listRecent(10)).map((run) => run.runId)).toEqual(['exec-1']);
    expect(await dynamoDbFullRunLock(dynamodb, auditor.tables.runs).acquire('next', new Date(), new Date(Date.now() + 60_000))).toEqual({ acquired: true });
  });

  test('a failed batch makes the run PARTIAL and resolves nothing of its accounts', async () => {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    await auditor.machine.run({ runId: 'exec-a', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });

    // Everything is fixed an hour later, but the batch holding 333… and 444… (batch 1) fails.
    auditor.organization = recapturedAt(healthyOrg(), '2026-11-22T11:00:00.000Z');
    const { summary } = await auditor.machine.run({ runId: 'exec-b', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' }, failingBatches: [1] });

    expect(summary).toMatchObject({ outcome: 'PARTIAL', accounts: { total: 4, notStarted: 1 } });
    const run = await auditor.store.runs.get('exec-b');
    expect(run?.notAudited?.reason).toMatch(/1 of 2 batch\(es\) failed/);
    expect(run?.notAudited?.notStartedAccountIds).toEqual([MEMBER_UNREACHABLE]);
    // The management account's trail (planned) resolves; the failed batch's member keeps its findings.
    expect((await findingsOf(auditor.store, 'DLV-001')).map((r) => r.status)).toEqual(['RESOLVED']);
    expect((await findingsOf(auditor.store, 'DLV-008')).map((r) => [r.accountId, r.status]).sort()).toEqual([
      [MEMBER_FIXED, 'RESOLVED'],
      [MEMBER_UNREACHABLE, 'OPEN'],
    ]);
    expect((await findingsOf(auditor.store, 'ORG-009')).map((r) => [r.accountId, r.status])).toEqual([[MEMBER_UNREACHABLE, 'OPEN']]);
  });

  test('a batch near its deadline starts no account: PARTIAL, those accounts keep their findings', async () => {
    const auditor = await deployedAuditor(10);
    auditor.organization = brokenHealthyOrg();
    await auditor.machine.run({ runId: 'exec-c', startedAt: auditor.organization.capturedAt, input: {} });
    auditor.organization = recapturedAt(healthyOrg(), '2026-11-22T11:00:00.000Z');
    const { summary, published, metricNames } = await auditor.machine.run({ runId: 'exec-d', startedAt: auditor.organization.capturedAt, input: {}, batchRemainingTimeMs: 30_000 });
    expect(summary).toMatchObject({ trigger: 'MANUAL', outcome: 'PARTIAL', accounts: { notStarted: 3 } });
    expect((await findingsOf(auditor.store, 'DLV-008')).map((r) => r.status)).toEqual(['OPEN', 'OPEN']);
    // Not a complete run: the dead-man's switch is not fed, the alert path's health still is.
    expect(metricNames).not.toContain('AuditSucceeded');
    expect(metricNames).toEqual(expect.arrayContaining(['AuditPartial', 'PendingAlerts', 'AlertPublishFailures']));
    expect(published.filter((input) => mentions([input], 'RUN_INCOMPLETE'))).toHaveLength(1);
  });

  test('a finish step near its deadline writes no finding but the run record: PARTIAL, its findings left for the next run', async () => {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    // Less than reconcile's reserve for the run record (10 s) is left from the start.
    const { summary } = await auditor.machine.run({ runId: 'exec-late', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' }, finishRemainingTimeMs: 5_000 });

    expect(summary).toMatchObject({ outcome: 'PARTIAL', accounts: { total: 4, audited: 4 }, findings: { opened: 0 } });
    expect(summary?.findings.notWritten).toBeGreaterThanOrEqual(3);
    expect(await auditor.store.findings.listByStatus('OPEN')).toEqual([]);
    expect((await auditor.store.runs.get('exec-late'))?.notAudited?.findingsNotWritten).toBe(summary?.findings.notWritten);

    // The next run, with its time, writes them.
    auditor.organization = recapturedAt(brokenHealthyOrg(), '2026-11-22T11:00:00.000Z');
    const next = await auditor.machine.run({ runId: 'exec-next', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });
    expect(next.summary?.findings.opened).toBe(summary?.findings.notWritten);
  });

  test('a run whose plan fails ends through the Catch with a FAILED record and its notice, resolves nothing, and frees the lease', async () => {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    await auditor.machine.run({ runId: 'exec-before', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });
    const openBefore = (await auditor.store.findings.listByStatus('OPEN')).map((r) => r.findingId).sort();
    expect(openBefore.length).toBeGreaterThan(0);
    const refused = new SimulatedOrganization(healthyOrg());
    const machine = new LocalStateMachine({
      dynamodb,
      s3,
      tables: auditor.tables,
      batchSize: 2,
      createClients: () => refused.clientFactory({ credentials: { accessKeyId: 'AKIAREFUSED000000000', secretAccessKey: 'refused' } }),
      now: () => new Date('2026-11-22T11:00:00.000Z'),
    });
    const { summary, published, metricNames } = await machine.run({ runId: 'exec-refused', startedAt: '2026-11-22T11:00:00.000Z', input: { trigger: 'SCHEDULE' } });
    expect(summary).toMatchObject({ outcome: 'FAILED', accounts: { total: 0, audited: 0 } });
    expect(await auditor.store.runs.get('exec-refused')).toMatchObject({ outcome: 'FAILED', accounts: { total: 0, audited: 0 } });
    expect((await auditor.store.runs.get('exec-refused'))?.notAudited?.reason).toMatch(/credentials|InvalidClientTokenId|security token/i);
    expect(published.filter((input) => mentions([input], 'RUN_INCOMPLETE'))).toHaveLength(1);
    // The execution itself succeeds (the Catch took the failure): the metric is what says the run failed.
    expect(metricNames).toEqual(expect.arrayContaining(['AuditFailed', 'PendingAlerts', 'AlertPublishFailures']));
    expect(metricNames).not.toContain('AuditSucceeded');
    // A failed run resolves nothing.
    expect((await auditor.store.findings.listByStatus('OPEN')).map((r) => r.findingId).sort()).toEqual(openBefore);
    expect(await dynamoDbFullRunLock(dynamodb, auditor.tables.runs).acquire('next', new Date(), new Date(Date.now() + 60_000))).toEqual({ acquired: true });
  });
});

describe('after the fix, with one member that now refuses the auditor', () => {
  /** Everything fixed, but the audit role of one member now refuses the auditor. */
  function fixedOrganizationWithUnreachableMember(capturedAt: string) {
    const snapshot = recapturedAt(healthyOrg(), capturedAt);
    (snapshot.accountData[MEMBER_UNREACHABLE] as { error?: { code: string; message: string } }).error = {
      code: 'AccessDenied',
      message: 'not authorized to perform: sts:AssumeRole',
    };
    return snapshot;
  }

  /** A full run of the broken organization, then a manual run an hour later, after the fix. */
  async function brokenThenFixed() {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    await auditor.machine.run({ runId: 'exec-broken', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });
    auditor.organization = fixedOrganizationWithUnreachableMember('2026-11-22T11:00:00.000Z');
    const fixed = await auditor.machine.run({ runId: 'exec-fixed', startedAt: auditor.organization.capturedAt, input: { reason: 'after the fix' } });
    return { auditor, fixed };
  }

  test('the run resolves what it could check and alerts that; the unreachable member keeps its findings', async () => {
    const { auditor, fixed } = await brokenThenFixed();
    const { summary, published } = fixed;

    expect(summary).toMatchObject({ runId: 'exec-fixed', trigger: 'MANUAL', outcome: 'SUCCEEDED', accounts: { total: 4, failed: 1 } });
    expect(summary?.findings.resolved).toBeGreaterThanOrEqual(2);
    expect((await findingsOf(auditor.store, 'DLV-001')).map((r) => r.status)).toEqual(['RESOLVED']);
    // The member could not be entered: what it was found with stays open, even DLV-008, whose
    // evidence is read from the bucket and is fresh again.
    expect((await findingsOf(auditor.store, 'DLV-008')).map((r) => [r.accountId, r.status]).sort()).toEqual([
      [MEMBER_FIXED, 'RESOLVED'],
      [MEMBER_UNREACHABLE, 'OPEN'],
    ]);
    expect((await findingsOf(auditor.store, 'ORG-009')).map((r) => [r.accountId, r.status])).toEqual([[MEMBER_UNREACHABLE, 'OPEN']]);
    expect((await findingsOf(auditor.store, 'AUD-001')).map((r) => [r.accountId, r.status])).toEqual([[MEMBER_UNREACHABLE, 'OPEN']]);
    for (const text of ['RESOLVED', 'DLV-001', 'AUD-001']) expect(mentions(published, text)).toBe(true);
  });

  test('a retried finish step (the same payload) replays the same run and changes nothing', async () => {
    const { auditor, fixed } = await brokenThenFixed();
    if (!fixed.finishInput) throw new Error('the run did not reach its finish step');
    const findingsBefore = [...(await auditor.store.findings.listByStatus('OPEN')), ...(await auditor.store.findings.listByStatus('RESOLVED'))];
    // The same run's record; only its cost is measured again, from this invocation's time.
    const recordWithoutCost = async () => {
      const { cost, ...record } = (await auditor.store.runs.get('exec-fixed')) as unknown as Record<string, unknown>;
      expect(cost).toBeDefined();
      return record;
    };
    const recordBefore = await recordWithoutCost();

    const retried = await auditor.machine.finish(fixed.finishInput);

    expect(retried.summary).toMatchObject({ runId: 'exec-fixed', outcome: 'SUCCEEDED', findings: fixed.summary?.findings, alerts: fixed.summary?.alerts });
    expect(retried.published).toEqual([]);
    expect([...(await auditor.store.findings.listByStatus('OPEN')), ...(await auditor.store.findings.listByStatus('RESOLVED'))]).toEqual(findingsBefore);
    expect(await recordWithoutCost()).toEqual(recordBefore);
    expect((await auditor.store.runs.listRecent(10)).map((run) => run.runId).sort()).toEqual(['exec-broken', 'exec-fixed']);
  });
});

describe('what follows reconcile', () => {
  test('finish hands the recorded run and its snapshot on (integrations), and a failure there does not fail the run', async () => {
    const auditor = await deployedAuditor();
    const handed: [string, string | undefined, number | undefined][] = [];
    const machine = new LocalStateMachine({
      dynamodb,
      s3,
      tables: auditor.tables,
      batchSize: 2,
      createClients: () => new SimulatedOrganization(auditor.organization).clientFactory(),
      now: () => new Date(auditor.organization.capturedAt),
      afterReconcile: async (run, snapshot) => {
        handed.push([run.runId, run.outcome, snapshot ? Object.keys(snapshot.accountData).length : undefined]);
        throw new Error('Security Hub is down');
      },
    });
    const { summary } = await machine.run({ runId: 'exec-hand-on', startedAt: auditor.organization.capturedAt, input: {} });
    expect(summary?.outcome).toBe('SUCCEEDED');
    expect(handed).toEqual([['exec-hand-on', 'SUCCEEDED', 4]]);
  });
});

describe('evidence once per window', () => {
  test('a second run inside the window lists no member-region a standing proof covers, and finds exactly the same', async () => {
    const auditor = await deployedAuditor();
    const listings = () => auditor.simulations.flatMap((simulation) => simulation.callsOf('ListObjectsV2')).length;
    auditor.organization = recapturedAt(healthyOrg(), '2026-11-22T10:00:00.000Z');
    const first = await auditor.machine.run({ runId: 'exec-p1', startedAt: auditor.organization.capturedAt, input: {} });
    const listedFirst = listings();
    expect(listedFirst).toBeGreaterThan(0);

    // Thirty minutes later (inside the 180-minute window), the same organization.
    auditor.simulations.length = 0;
    auditor.organization = recapturedAt(healthyOrg(), '2026-11-22T10:30:00.000Z');
    const second = await auditor.machine.run({ runId: 'exec-p2', startedAt: auditor.organization.capturedAt, input: {} });
    expect(listings()).toBe(0);
    expect(second.summary?.outcome).toBe('SUCCEEDED');
    expect(second.summary?.findings).toEqual({ ...first.summary?.findings, opened: 0, stillOpen: first.summary?.findings.opened ?? 0 });
    // The cost follows: no LIST requests but the run files' writes and the snapshot.
    expect(second.summary?.cost.usage.s3ListPutRequests).toBeLessThan(first.summary?.cost.usage.s3ListPutRequests ?? 0);
  });
});

describe('full runs never overlap', () => {
  test('a full run that finds another in progress exits and says so; a targeted run still runs', async () => {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    const lock = dynamoDbFullRunLock(dynamodb, auditor.tables.runs);
    expect(await lock.acquire('exec-running', new Date(), new Date(Date.now() + 3_600_000))).toEqual({ acquired: true });

    const skipped = await auditor.machine.run({ runId: 'exec-second', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });
    expect(skipped.plan).toMatchObject({ status: 'SKIPPED', reason: expect.stringContaining('another full run (exec-running) is in progress') });
    expect(skipped.summary).toBeUndefined();
    expect(await auditor.store.runs.get('exec-second')).toBeUndefined();

    const targeted = await auditor.machine.run({ runId: 'exec-tamper', startedAt: auditor.organization.capturedAt, input: stopLoggingEvent(auditor.organization.capturedAt) });
    expect(targeted.plan).toMatchObject({ status: 'PLANNED', mode: 'TARGETED', batchCount: 0 });
    // The targeted run did not take or free the full runs' lease.
    expect(await lock.acquire('exec-third', new Date(), new Date(Date.now() + 60_000))).toMatchObject({ acquired: false, holder: 'exec-running' });
    await lock.release('exec-running');
    expect(await lock.acquire('exec-third', new Date(), new Date(Date.now() + 60_000))).toEqual({ acquired: true });
  });

  test('an expired lease is taken over', async () => {
    const auditor = await deployedAuditor();
    const lock = dynamoDbFullRunLock(dynamodb, auditor.tables.runs);
    await lock.acquire('exec-dead', new Date('2026-11-22T08:00:00Z'), new Date('2026-11-22T09:00:00Z'));
    expect(await lock.acquire('exec-new', new Date('2026-11-22T09:00:01Z'), new Date('2026-11-22T10:00:00Z'))).toEqual({ acquired: true });
    expect(FULL_RUN_LOCK_ID).toMatch(/^LOCK#/);
  });
});

describe('a targeted run (tampering event)', () => {
  test('StopLogging audits the trail and its resources only: it opens the trail finding and resolves nothing else', async () => {
    const auditor = await deployedAuditor();
    auditor.organization = brokenHealthyOrg();
    await auditor.machine.run({ runId: 'exec-full', startedAt: auditor.organization.capturedAt, input: { trigger: 'SCHEDULE' } });
    const openBefore = (await auditor.store.findings.listByStatus('OPEN')).map((r) => r.findingId).sort();

    // Forty minutes later: the members are fixed, the trail is still stopped; a tampering event.
    const later = recapturedAt(healthyOrg(), '2026-11-22T10:40:00.000Z');
    const status = later.accountData[MANAGEMENT]?.regionData?.['us-east-1']?.trailStatus?.[TRAIL_ARN] as { IsLogging?: boolean };
    status.IsLogging = false;
    auditor.organization = later;
    const { plan, summary, batchesRun } = await auditor.machine.run({ runId: 'exec-t', startedAt: later.capturedAt, input: stopLoggingEvent(later.capturedAt) });

    expect(plan).toMatchObject({ status: 'PLANNED', mode: 'TARGETED', batchCount: 0, memberAccounts: 0 });
    expect(batchesRun).toBe(0);
    expect(summary).toMatchObject({ trigger: 'TAMPERING_EVENT', outcome: 'SUCCEEDED' });
    expect(summary?.findings.resolved).toBe(0);
    // The members' findings (not read) are all still open; the trail's finding was seen again,
    // unchanged, so it is not rewritten (lastSeenAt is refreshed at most daily: docs/findings.md).
    expect((await auditor.store.findings.listByStatus('OPEN')).map((r) => r.findingId).sort()).toEqual(openBefore);
    expect((await findingsOf(auditor.store, 'DLV-001'))[0]).toMatchObject({ status: 'OPEN', lastSeenAt: '2026-11-22T10:00:00.000Z' });
    expect((await findingsOf(auditor.store, 'DLV-008')).every((r) => r.lastSeenAt !== later.capturedAt)).toBe(true);
  });

  test('an S3 call on a bucket no org trail uses audits nothing', async () => {
    const auditor = await deployedAuditor();
    const event = { 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.s3', account: LOG_ARCHIVE, detail: { eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy', requestParameters: { bucketName: 'someone-elses-bucket' } } };
    const { plan, summary } = await auditor.machine.run({ runId: 'exec-other-bucket', startedAt: auditor.organization.capturedAt, input: event });
    expect(plan).toMatchObject({ status: 'SKIPPED', reason: expect.stringContaining('concerns no organization trail') });
    expect(summary).toBeUndefined();
  });
});

describe('a targeted run beside a full one: the newer observation of each finding is kept', () => {
  const FULL_STARTED = '2026-11-22T10:00:00.000Z';
  const TARGETED_STARTED = '2026-11-22T10:05:00.000Z';

  /** Both runs planned and collected (the full run sees the trail stopped, the targeted one sees it logging again), then finished in `order`. */
  async function overlappingRuns(order: 'targeted-finishes-first' | 'full-finishes-first') {
    const auditor = await deployedAuditor();
    const stopped = brokenHealthyOrg();
    const fixed = recapturedAt(healthyOrg(), TARGETED_STARTED);
    // Earlier history: the finding is open before both runs.
    auditor.organization = { ...brokenHealthyOrg(), capturedAt: '2026-11-22T09:00:00.000Z' };
    const staleStopped = auditor.organization;
    for (const byRegion of Object.values(staleStopped.buckets?.[BUCKET]?.deliveryEvidence ?? {})) for (const region of Object.keys(byRegion)) byRegion[region] = null;
    await auditor.machine.run({ runId: 'exec-history', startedAt: staleStopped.capturedAt, input: {} });
    expect((await findingsOf(auditor.store, 'DLV-001'))[0]?.status).toBe('OPEN');

    const finishFull = async () => {
      auditor.organization = stopped;
      return auditor.machine.run({ runId: 'exec-full', startedAt: FULL_STARTED, input: { trigger: 'SCHEDULE' } });
    };
    const finishTargeted = async () => {
      auditor.organization = fixed;
      return auditor.machine.run({ runId: 'exec-targeted', startedAt: TARGETED_STARTED, input: stopLoggingEvent(TARGETED_STARTED) });
    };
    if (order === 'targeted-finishes-first') {
      await finishTargeted();
      await finishFull();
    } else {
      await finishFull();
      await finishTargeted();
    }
    return auditor;
  }

  test.each(['targeted-finishes-first', 'full-finishes-first'] as const)('%s: the trail is RESOLVED, as the later-started targeted run saw it', async (order) => {
    const auditor = await overlappingRuns(order);
    const [trailFinding] = await findingsOf(auditor.store, 'DLV-001');
    expect(trailFinding).toMatchObject({ status: 'RESOLVED', resolvedAt: TARGETED_STARTED, lastRunAt: TARGETED_STARTED });
  });
});

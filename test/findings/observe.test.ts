/** What a run may conclude about a finding it did not find: resolved, departed, or left alone. */
import { observe } from '../../lambda/findings/apply-observations';
import { findingKey } from '../../lambda/findings/finding';
import { finding } from './reconcile-harness';

const LISTED = '222222222222';
const UNLISTED = '999999999999';
const inListed = findingKey(finding('S3-002', LISTED));
const inUnlisted = findingKey(finding('S3-002', UNLISTED));
const noFindings = new Map();

describe('observe', () => {
  test('complete list: covered and absent resolves; an account no longer audited resolves as departed', () => {
    const scope = { auditedAccountIds: new Set([LISTED]), listComplete: true };
    expect(observe(inListed, noFindings, new Set([inListed]), scope)).toEqual({ kind: 'absent' });
    expect(observe(inUnlisted, noFindings, new Set(), scope)).toEqual({ kind: 'account-not-audited' });
    expect(observe(inListed, noFindings, new Set(), scope)).toEqual({ kind: 'not-evaluated' });
  });

  test('incomplete list: nothing of an account outside the scope resolves, covered or not', () => {
    const scope = { auditedAccountIds: new Set([LISTED]), listComplete: false };
    expect(observe(inUnlisted, noFindings, new Set([inUnlisted]), scope)).toEqual({ kind: 'not-evaluated' });
    expect(observe(inUnlisted, noFindings, new Set(), scope)).toEqual({ kind: 'not-evaluated' });
    expect(observe(inListed, noFindings, new Set([inListed]), scope)).toEqual({ kind: 'absent' });
  });

  test('no account known at all (a run that failed before listing): nothing departs', () => {
    expect(observe(inListed, noFindings, new Set(), { auditedAccountIds: new Set(), listComplete: true })).toEqual({ kind: 'not-evaluated' });
  });
});

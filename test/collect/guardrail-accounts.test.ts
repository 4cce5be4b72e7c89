import type { OrgTrail } from '../../lambda/checks/model';
import { guardrailAccountIds } from '../../lambda/collect/guardrail-accounts';

const TRAIL: OrgTrail = {
  arn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail',
  name: 'org-trail',
  homeRegion: 'us-east-1',
  ownerAccountId: '111111111111',
  trail: { Name: 'org-trail', KmsKeyId: 'arn:aws:kms:us-east-1:555555555555:key/1234' },
};
const listed = (...ids: string[]) => ids.map((Id) => ({ Id }));

test('the management account, delegated administrators, and the owners of the bucket as read and of the key', () => {
  expect(
    guardrailAccountIds({
      managementAccountId: '111111111111',
      delegatedAdministrators: [{ Id: '333333333333' }],
      orgTrails: [TRAIL],
      buckets: [{ ownerAccountId: '222222222222' }, { error: { code: 'AccessDenied' }, ownerAccountId: '444444444444' }],
      listedAccounts: listed('111111111111', '222222222222', '333333333333', '444444444444', '555555555555'),
    }),
  ).toEqual(['111111111111', '222222222222', '333333333333', '555555555555']);
});

test('an owner outside a complete account list is left out; with an incomplete list it is asked about', () => {
  const options = {
    managementAccountId: '111111111111',
    delegatedAdministrators: { error: { code: 'AccessDeniedException' } },
    orgTrails: [TRAIL],
    buckets: [{ ownerAccountId: '999999999999' }],
  };
  expect(guardrailAccountIds({ ...options, listedAccounts: listed('111111111111', '555555555555') })).toEqual(['111111111111', '555555555555']);
  expect(guardrailAccountIds({ ...options, listedAccounts: undefined })).toEqual(['111111111111', '555555555555', '999999999999']);
});

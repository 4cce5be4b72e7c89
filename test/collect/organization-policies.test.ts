import { evaluate } from '../../lambda/checks/evaluate';
import { collectOrganization } from '../../lambda/collect';
import type { Snapshot } from '../../lambda/snapshot/types';
import { serviceError } from '../support/simulated-aws-errors';
import { DELEGATED_ADMIN, guardrailOrg, LOG_ARCHIVE, PROTECT_TRAIL, ROOT } from '../support/guardrail-organization';
import { withMembers } from '../support/simulated-members';
import { SimulatedOrganization } from '../support/simulated-org';

const BUCKET = `org-trail-logs-${LOG_ARCHIVE}`;
const POLICY_OPERATIONS = ['ListRoots', 'ListParents', 'ListPoliciesForTarget', 'DescribePolicy'] as const;

async function collect(original: Snapshot, setUp: (organization: SimulatedOrganization) => void = () => undefined) {
  const organization = new SimulatedOrganization(original);
  setUp(organization);
  const result = await collectOrganization({ clients: organization.clientFactory(), logArchiveAccountId: LOG_ARCHIVE, now: () => new Date(original.capturedAt) });
  const policyCalls = Object.fromEntries(POLICY_OPERATIONS.map((operation) => [operation, organization.callsOf(operation).length]));
  return { organization, policyCalls, ...result };
}

test('roots, the paths of the management account, delegated administrator and bucket owner, and their policies round-trip', async () => {
  const original = guardrailOrg();
  const { snapshot } = await collect(original);

  expect(snapshot.roots).toEqual(original.roots);
  expect(snapshot.accountPaths).toEqual(original.accountPaths);
  expect(snapshot.targetPolicies).toEqual(original.targetPolicies);
  expect(snapshot.buckets?.[BUCKET]?.requestPayment).toBe('BucketOwner');
  expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
});

test('each policy is described once however many targets hold it; the calls do not grow with the members', async () => {
  const small = await collect(guardrailOrg());
  // 7 targets (3 accounts, 3 OUs, the root) × 2 enabled types; 6 children asked for their parent;
  // 4 distinct policies (FullAWSAccess on every target, the trail guard on two OUs).
  expect(small.policyCalls).toEqual({ ListRoots: 1, ListParents: 6, ListPoliciesForTarget: 14, DescribePolicy: 4 });
  expect(small.organization.callsOf('DescribePolicy').map((c) => c.input.PolicyId)).toEqual(
    expect.arrayContaining(['p-FullAWSAccess', 'p-RCPFullAWSAccess', 'p-protectlogs1', 'p-protecttrail']),
  );

  const large = await collect(withMembers(guardrailOrg(), 30, '444444444444'));
  expect(large.policyCalls).toEqual(small.policyCalls);
});

test('a Requester Pays bucket is recorded as such', async () => {
  const original = guardrailOrg();
  original.buckets![BUCKET]!.requestPayment = 'Requester';
  const { snapshot } = await collect(original);
  expect(snapshot.buckets?.[BUCKET]?.requestPayment).toBe('Requester');
  expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
});

test('failures are recorded in place of what they stopped, and round-trip', async () => {
  const original = guardrailOrg();
  original.accountPaths![DELEGATED_ADMIN] = { error: { code: 'AccessDeniedException', message: 'not authorized to perform organizations:ListParents' } };
  delete original.targetPolicies![DELEGATED_ADMIN];
  delete original.targetPolicies!['ou-ab12-prod'];
  delete original.targetPolicies!['ou-ab12-workloads'];
  (original.targetPolicies!['ou-ab12-security'] as Record<string, unknown>).RESOURCE_CONTROL_POLICY = {
    error: { code: 'TooManyRequestsException', message: 'Rate exceeded' },
  };
  original.buckets![BUCKET]!.requestPayment = { error: { code: 'AccessDenied', message: 'Access Denied' } };

  const { snapshot } = await collect(original);
  expect(snapshot.accountPaths).toEqual(original.accountPaths);
  expect(snapshot.targetPolicies).toEqual(original.targetPolicies);
  expect(snapshot.buckets?.[BUCKET]?.requestPayment).toEqual(original.buckets?.[BUCKET]?.requestPayment);
  expect(evaluate(snapshot).findings).toEqual(evaluate(original).findings);
});

test('a policy that cannot be described makes every list holding it unreadable', async () => {
  const { snapshot } = await collect(guardrailOrg(), (organization) =>
    organization.fail({
      operation: 'DescribePolicy',
      matches: (call) => call.input.PolicyId === PROTECT_TRAIL.Id,
      error: () => serviceError('Organizations', 'AccessDeniedException', 'not authorized to perform organizations:DescribePolicy', 403),
    }),
  );
  const denied = { error: { code: 'AccessDeniedException', message: 'not authorized to perform organizations:DescribePolicy' } };
  expect(snapshot.targetPolicies?.['ou-ab12-prod']).toEqual({ SERVICE_CONTROL_POLICY: denied, RESOURCE_CONTROL_POLICY: [] });
  expect(snapshot.targetPolicies?.['ou-ab12-workloads']).toEqual({ SERVICE_CONTROL_POLICY: denied, RESOURCE_CONTROL_POLICY: [] });
  expect((snapshot.targetPolicies?.['ou-ab12-security'] as Record<string, unknown[]>).SERVICE_CONTROL_POLICY).toHaveLength(2);
});

test('ListRoots refused: roots recorded as the error, nothing else asked', async () => {
  const original = guardrailOrg();
  original.roots = { error: { code: 'AccessDeniedException', message: 'not authorized to perform organizations:ListRoots' } };
  const { snapshot, policyCalls } = await collect(original);
  expect(snapshot.roots).toEqual(original.roots);
  expect(snapshot.accountPaths).toBeUndefined();
  expect(snapshot.targetPolicies).toBeUndefined();
  expect(policyCalls).toEqual({ ListRoots: 1, ListParents: 0, ListPoliciesForTarget: 0, DescribePolicy: 0 });
});

test('only the policy types ENABLED on the root are read (PENDING_ENABLE is not enabled)', async () => {
  const original = guardrailOrg();
  const roots = original.roots as { PolicyTypes: { Type: string; Status: string }[] }[];
  roots[0]!.PolicyTypes[1]!.Status = 'PENDING_ENABLE';
  const { snapshot, policyCalls } = await collect(original);
  expect(policyCalls.ListPoliciesForTarget).toBe(7);
  expect(Object.values(snapshot.targetPolicies ?? {}).every((byType) => Object.keys(byType).join() === 'SERVICE_CONTROL_POLICY')).toBe(true);
});

test('every page of a long policy list is read', async () => {
  const original = guardrailOrg();
  const many = Array.from({ length: 25 }, (_, i) => ({ ...PROTECT_TRAIL, Id: `p-many${String(i).padStart(4, '0')}`, Name: `guard-${i}` }));
  (original.targetPolicies![ROOT] as Record<string, unknown>).SERVICE_CONTROL_POLICY = many;
  const { snapshot, policyCalls } = await collect(original);
  expect((snapshot.targetPolicies?.[ROOT] as Record<string, unknown[]>).SERVICE_CONTROL_POLICY).toHaveLength(25);
  expect(policyCalls.ListPoliciesForTarget).toBe(15);
});

/**
 * The simulated organization's structure and policies (organizations:ListRoots, ListParents,
 * ListPoliciesForTarget, DescribePolicy), read from a snapshot's v2 fields: `roots`, `accountPaths`
 * (each account's chain up to the root gives every parent), `targetPolicies`. Recorded errors are
 * raised again. A snapshot without `roots` is served as the simplest real organization: one root
 * with service control policies enabled, every account directly under it, and AWS's
 * FullAWSAccess attached to the root.
 */
import type { PolicyType } from '@aws-sdk/client-organizations';
import type { Recorded, Snapshot, SnapshotRoot, SnapshotTargetPolicy, TargetPolicies } from '../../lambda/snapshot/types';
import { answerOf, isFailed } from '../../lambda/snapshot/types';
import { recordedError, serviceError } from './simulated-aws-errors';

const PAGE_SIZE = 20;

export const DEFAULT_ROOT_ID = 'r-sim0';

const FULL_AWS_ACCESS: SnapshotTargetPolicy = {
  Id: 'p-FullAWSAccess',
  Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  Name: 'FullAWSAccess',
  Description: 'Allows access to every operation',
  Type: 'SERVICE_CONTROL_POLICY',
  AwsManaged: true,
  Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
};

export class SimulatedOrgPolicies {
  private readonly roots: Recorded<SnapshotRoot[]>;
  private readonly accountPaths: Record<string, Recorded<string[]>>;
  private readonly targetPolicies: Record<string, Recorded<TargetPolicies>>;

  constructor(private readonly snapshot: Snapshot) {
    if (snapshot.roots) {
      this.roots = snapshot.roots;
      this.accountPaths = snapshot.accountPaths ?? {};
      this.targetPolicies = snapshot.targetPolicies ?? {};
    } else {
      this.roots = [
        {
          Id: DEFAULT_ROOT_ID,
          Arn: `arn:aws:organizations::${snapshot.auditorAccountId}:root/${answerOf(snapshot.organization)?.Id ?? 'o-unknown'}/${DEFAULT_ROOT_ID}`,
          Name: 'Root',
          PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
        },
      ];
      this.accountPaths = {};
      this.targetPolicies = { [DEFAULT_ROOT_ID]: { SERVICE_CONTROL_POLICY: [FULL_AWS_ACCESS] } };
    }
  }

  listRoots(nextToken: unknown): object {
    const roots = this.raise(this.roots);
    return page(roots, nextToken, (items, NextToken) => ({ Roots: items, NextToken }));
  }

  listParents(childId: string): object {
    const parent = this.parentOf(childId);
    return { Parents: [{ Id: parent, Type: parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] };
  }

  listPoliciesForTarget(targetId: string, type: PolicyType, nextToken: unknown): object {
    if (!this.isTarget(targetId)) throw serviceError('Organizations', 'TargetNotFoundException', `We can't find a target with the TargetId: ${targetId}`);
    const byType = this.raise(this.targetPolicies[targetId] ?? {});
    const policies = this.raise(byType[type] ?? []);
    const summaries = policies.map(({ Content: _content, ...summary }) => summary);
    return page(summaries, nextToken, (items, NextToken) => ({ Policies: items, NextToken }));
  }

  describePolicy(policyId: string): object {
    for (const byType of Object.values(this.targetPolicies)) {
      if (isFailed(byType)) continue;
      for (const policies of Object.values(byType)) {
        if (isFailed(policies)) continue;
        const found = policies.find((policy) => policy.Id === policyId);
        if (found) {
          const { Content, ...PolicySummary } = found;
          return { Policy: { PolicySummary, Content } };
        }
      }
    }
    throw serviceError('Organizations', 'PolicyNotFoundException', `We can't find a policy with the PolicyId: ${policyId}`);
  }

  /** An account's recorded chain gives its parent and every ancestor's parent. */
  private parentOf(childId: string): string {
    const own = this.accountPaths[childId];
    if (own !== undefined) return this.raise(own)[0] ?? this.rootId();
    for (const path of Object.values(this.accountPaths)) {
      if (isFailed(path)) continue;
      const at = path.indexOf(childId);
      if (at >= 0 && at < path.length - 1) return path[at + 1] as string;
    }
    if (this.snapshot.accounts.some((account) => account.Id === childId)) return this.rootId();
    throw serviceError('Organizations', 'ChildNotFoundException', `We can't find an organizational unit (OU) or AWS account with the ChildId: ${childId}`);
  }

  private isTarget(id: string): boolean {
    return id in this.targetPolicies || this.snapshot.accounts.some((a) => a.Id === id) || Object.values(this.accountPaths).some((p) => !isFailed(p) && p.includes(id));
  }

  private rootId(): string {
    return this.raise(this.roots)[0]?.Id ?? DEFAULT_ROOT_ID;
  }

  private raise<T>(value: Recorded<T>): T {
    if (isFailed(value)) throw recordedError('Organizations', value.error);
    return value as T;
  }
}

function page<T>(items: readonly T[], nextToken: unknown, shape: (items: T[], next: string | undefined) => object): object {
  const start = Number(nextToken ?? 0);
  const next = start + PAGE_SIZE < items.length ? String(start + PAGE_SIZE) : undefined;
  return shape(items.slice(start, start + PAGE_SIZE), next);
}

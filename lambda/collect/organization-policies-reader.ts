import {
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  type OrganizationsClient,
  type Parent,
  type PolicySummary,
  type PolicyType,
  type Root,
} from '@aws-sdk/client-organizations';
import { answerOf, type Recorded, type Snapshot, type SnapshotTargetPolicy, type TargetPolicies } from '../snapshot/types';
import { jsonify } from './jsonify';
import { sortedByKey } from './management-account-collector';
import { recorded } from './recorded-call';

/** The policy types the GRD checks read, when the root has them ENABLED. */
export const GUARDRAIL_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const satisfies readonly PolicyType[];

/** ListRoots, ListParents and ListPoliciesForTarget return at most 20 a page. */
const PAGE_SIZE = 20;

/** Organization levels above an account, at most (root + 5 levels of OUs); a longer chain is an answer we do not trust. */
const MAX_PATH_LENGTH = 6;

export type OrganizationPolicyFields = Pick<Snapshot, 'roots' | 'accountPaths' | 'targetPolicies'>;

/** A parent chain that does not reach a root within MAX_PATH_LENGTH levels (an answer that loops). */
export class ParentChainTooLongError extends Error {
  override readonly name = 'ParentChainTooLongError';
}

/**
 * The organization's guardrails around the accounts the GRD checks and the policy questions look at
 * (the management account, CloudTrail delegated administrators, the owners of the trail bucket and
 * key): `organizations:ListRoots`; for each account, `ListParents` up to the root (nearest first,
 * ending with the root ID); for each target on those paths (the accounts, their OUs, the root),
 * `ListPoliciesForTarget` per policy type ENABLED on the root; and `DescribePolicy` once per
 * policy, however many targets it is attached to. Every failure is recorded in place of what it
 * stopped: `roots` as `{error}` (nothing else is read), an account's path, or one target's list of
 * one type (a policy that cannot be described makes its list unreadable: a policy without content
 * cannot be judged).
 *
 * Calls: 1 + (accounts + OUs on their paths) + (targets × enabled types) + distinct policies, plus
 * pages: a handful of accounts, independent of the number of members.
 */
export async function readOrganizationPolicies(organizations: OrganizationsClient, accountIds: readonly string[]): Promise<OrganizationPolicyFields> {
  const roots = await recorded(async () => {
    const list: Root[] = [];
    let NextToken: string | undefined;
    do {
      const page = await organizations.send(new ListRootsCommand({ MaxResults: PAGE_SIZE, NextToken }));
      list.push(...(page.Roots ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return jsonify(list);
  });
  const rootList = answerOf(roots);
  if (!rootList) return { roots };

  const enabledTypes = GUARDRAIL_POLICY_TYPES.filter((type) =>
    rootList.some((root) => root.PolicyTypes?.some((policyType) => policyType.Type === type && policyType.Status === 'ENABLED')),
  );
  const parents = new ParentReader(organizations);
  const accounts = [...new Set(accountIds)].sort();
  const paths = await Promise.all(accounts.map(async (accountId) => [accountId, await recorded(() => parents.pathOf(accountId))] as const));
  const accountPaths = Object.fromEntries(paths);

  const targets = new Set<string>();
  for (const [accountId, path] of paths) {
    const ids = answerOf(path);
    if (!ids) continue;
    targets.add(accountId);
    for (const id of ids) targets.add(id);
  }
  const policies = new PolicyReader(organizations);
  const targetPolicies: Record<string, Recorded<TargetPolicies>> = {};
  await Promise.all(
    [...targets].sort().map(async (targetId) => {
      const byType: TargetPolicies = {};
      for (const type of enabledTypes) byType[type] = await recorded(() => policies.attachedTo(targetId, type));
      targetPolicies[targetId] = byType;
    }),
  );
  return { roots, accountPaths, targetPolicies: sortedByKey(targetPolicies) };
}

/** ListParents, each child asked once (accounts in one OU share the OU's chain). */
class ParentReader {
  private readonly parentOf = new Map<string, Promise<Parent>>();

  constructor(private readonly organizations: OrganizationsClient) {}

  /** The IDs above a child, nearest first, ending with the root's. */
  async pathOf(childId: string): Promise<string[]> {
    const path: string[] = [];
    let child = childId;
    for (;;) {
      const parent = await this.parent(child);
      if (!parent.Id) throw new ParentChainTooLongError(`ListParents(${child}) named no parent`);
      path.push(parent.Id);
      if (parent.Type === 'ROOT') return path;
      if (path.length >= MAX_PATH_LENGTH) throw new ParentChainTooLongError(`the parents of ${childId} reach no root within ${MAX_PATH_LENGTH} levels`);
      child = parent.Id;
    }
  }

  private parent(childId: string): Promise<Parent> {
    let parent = this.parentOf.get(childId);
    if (!parent) {
      parent = this.organizations.send(new ListParentsCommand({ ChildId: childId, MaxResults: PAGE_SIZE })).then((answer) => {
        const first = answer.Parents?.[0];
        if (!first) throw new ParentChainTooLongError(`ListParents(${childId}) named no parent`);
        return first;
      });
      this.parentOf.set(childId, parent);
    }
    return parent;
  }
}

/** ListPoliciesForTarget per target and type; DescribePolicy once per policy. */
class PolicyReader {
  private readonly contentOf = new Map<string, Promise<string | undefined>>();

  constructor(private readonly organizations: OrganizationsClient) {}

  async attachedTo(TargetId: string, Filter: PolicyType): Promise<SnapshotTargetPolicy[]> {
    const summaries: PolicySummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.organizations.send(new ListPoliciesForTargetCommand({ TargetId, Filter, MaxResults: PAGE_SIZE, NextToken }));
      summaries.push(...(page.Policies ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return Promise.all(
      summaries.map(async (summary) => {
        const Content = summary.Id ? await this.content(summary.Id) : undefined;
        return { ...jsonify(summary), ...(Content !== undefined ? { Content } : {}) };
      }),
    );
  }

  private content(PolicyId: string): Promise<string | undefined> {
    let content = this.contentOf.get(PolicyId);
    if (!content) {
      content = this.organizations.send(new DescribePolicyCommand({ PolicyId })).then((answer) => answer.Policy?.Content);
      this.contentOf.set(PolicyId, content);
    }
    return content;
  }
}

import {
  DescribeOrganizationCommand,
  DescribeResourcePolicyCommand,
  ListAccountsCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { ApiError, Snapshot, SnapshotAccount } from '../snapshot/types';
import { jsonify } from './jsonify';
import { apiErrorOf, recorded, recordedOrNull } from './recorded-call';

/** ListAccounts' largest page. */
const LIST_ACCOUNTS_PAGE_SIZE = 20;

type OrganizationFields = Pick<Snapshot, 'organization' | 'enabledServicePrincipals' | 'delegatedAdministrators' | 'resourcePolicy'>;

/** The organization-wide answers of AWS Organizations (everything but the accounts). */
export async function readOrganization(organizations: OrganizationsClient): Promise<OrganizationFields> {
  const [organization, enabledServicePrincipals, delegatedAdministrators, resourcePolicy] = await Promise.all([
    recorded(async () => jsonify((await organizations.send(new DescribeOrganizationCommand({}))).Organization ?? {})),
    recorded(async () => {
      const principals = [];
      let NextToken: string | undefined;
      do {
        const page = await organizations.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken }));
        principals.push(...(page.EnabledServicePrincipals ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return jsonify(principals);
    }),
    recorded(async () => {
      const administrators = [];
      let NextToken: string | undefined;
      do {
        const page = await organizations.send(
          new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'cloudtrail.amazonaws.com', NextToken }),
        );
        administrators.push(...(page.DelegatedAdministrators ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return jsonify(administrators);
    }),
    recordedOrNull(async () => {
      const policy = (await organizations.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy;
      return policy ? jsonify(policy) : null;
    }, ['ResourcePolicyNotFoundException']),
  ]);
  return { organization, enabledServicePrincipals, delegatedAdministrators, resourcePolicy };
}

/**
 * Pages through ListAccounts (20 accounts a page, the API's maximum), handing each page's accounts
 * over as soon as it arrives so that member collection starts before the last page. Resolves with
 * the error that stopped the paging, if any (the accounts seen so far stay valid).
 */
export async function streamAccounts(
  organizations: OrganizationsClient,
  onPage: (accounts: SnapshotAccount[]) => void,
): Promise<ApiError | undefined> {
  let NextToken: string | undefined;
  try {
    do {
      const page = await organizations.send(new ListAccountsCommand({ MaxResults: LIST_ACCOUNTS_PAGE_SIZE, NextToken }));
      onPage(jsonify<Account[]>(page.Accounts ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return undefined;
  } catch (error) {
    return apiErrorOf(error);
  }
}

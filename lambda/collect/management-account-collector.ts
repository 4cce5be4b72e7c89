import { ListRegionsCommand, type Region } from '@aws-sdk/client-account';
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { answerOf, type ListedAccountData, type ListedRegionData, type SnapshotTrail } from '../snapshot/types';
import type { AccountClients } from './account-clients';
import { NO_SUCH_ROLE, readRole } from './iam-role-reader';
import { jsonify, jsonifyOutput } from './jsonify';
import { recorded, recordedOrNull } from './recorded-call';

const ENABLED_OPT_STATUSES = new Set(['ENABLED', 'ENABLED_BY_DEFAULT']);
const CLOUDTRAIL_SERVICE_LINKED_ROLE = 'AWSServiceRoleForCloudTrail';

/**
 * Everything read in the management account with the run's own credentials: its regions
 * (account:ListRegions), its trails in each enabled region (shadow trails included), and for each
 * organization trail it owns, in the trail's home region, the status, event selectors and Insights
 * selectors; and the CloudTrail service-linked role.
 *
 * `isOrgTrail` decides which trails get their home-region details read: the same rule evaluation
 * uses (an organization trail owned by the management account).
 */
export async function collectManagementAccount(options: {
  clients: AccountClients;
  runRegion: string;
  skipRegions: ReadonlySet<string>;
  isOrgTrail: (trail: SnapshotTrail) => boolean;
}): Promise<ListedAccountData> {
  const { clients, runRegion, skipRegions, isOrgTrail } = options;
  const [regions, cloudTrailServiceLinkedRole] = await Promise.all([
    recorded(async () => {
      const list: Region[] = [];
      let NextToken: string | undefined;
      do {
        const page = await clients.account().send(new ListRegionsCommand({ MaxResults: 50, NextToken }));
        list.push(...(page.Regions ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return jsonify(list);
    }),
    recordedOrNull(() => readRole(clients.iam(), CLOUDTRAIL_SERVICE_LINKED_ROLE), NO_SUCH_ROLE),
  ]);

  // When the region list cannot be read, the run's own region is still worth reading.
  const regionList = answerOf(regions);
  const enabled = regionList
    ? regionList.filter((r) => r.RegionName && ENABLED_OPT_STATUSES.has(r.RegionOptStatus ?? '')).map((r) => r.RegionName as string)
    : [runRegion];
  const regionData: Record<string, ListedRegionData> = {};
  await Promise.all(
    enabled
      .filter((region) => !skipRegions.has(region))
      .sort()
      .map(async (region) => {
        const trails = await recorded(async () =>
          jsonify((await clients.cloudTrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? []),
        );
        regionData[region] = 'error' in trails ? { error: trails.error } : { trails };
      }),
  );

  const orgTrails = new Map<string, SnapshotTrail>();
  for (const data of Object.values(regionData)) {
    for (const trail of data.trails ?? []) if (trail.TrailARN && isOrgTrail(trail)) orgTrails.set(trail.TrailARN, trail);
  }
  await Promise.all([...orgTrails.values()].map((trail) => readOrgTrailDetails(clients, trail, regionData)));

  return { regions, cloudTrailServiceLinkedRole, regionData: sortedByKey(regionData) };
}

/** GetTrailStatus, GetEventSelectors and (when the trail has them) GetInsightSelectors, by ARN, in the home region. */
async function readOrgTrailDetails(clients: AccountClients, trail: SnapshotTrail, regionData: Record<string, ListedRegionData>): Promise<void> {
  const arn = trail.TrailARN as string;
  const home = trail.HomeRegion ?? arn.split(':')[3] ?? '';
  const cloudTrail = clients.cloudTrail(home);
  const [status, selectors, insights] = await Promise.all([
    recorded(async () => jsonifyOutput(await cloudTrail.send(new GetTrailStatusCommand({ Name: arn })))),
    recorded(async () => jsonifyOutput(await cloudTrail.send(new GetEventSelectorsCommand({ TrailName: arn })))),
    trail.HasInsightSelectors
      ? recordedOrNull(async () => jsonifyOutput(await cloudTrail.send(new GetInsightSelectorsCommand({ TrailName: arn }))), [
          'InsightNotEnabledException',
        ])
      : Promise.resolve(null),
  ]);
  const data = (regionData[home] ??= {});
  (data.trailStatus ??= {})[arn] = status;
  (data.eventSelectors ??= {})[arn] = selectors;
  (data.insightSelectors ??= {})[arn] = insights;
}

export function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

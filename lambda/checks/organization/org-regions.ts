import { answerOf, type AccountData } from '../../snapshot/types';

/** Where each partition records global-service events (IAM, STS, CloudFront, AWS Organizations). */
const GLOBAL_SERVICE_REGIONS: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};

/** The region a trail must record to capture the partition's global-service events. */
export function globalServiceRegion(partition: string): string {
  return GLOBAL_SERVICE_REGIONS[partition] ?? 'us-east-1';
}

/**
 * The region's opt-in status as the account's region list records it, quoted with its source,
 * e.g. `RegionOptStatus DISABLED (account:ListRegions)`.
 */
export function describeRegionOptStatus(data: AccountData | undefined, region: string): string {
  const listed = answerOf(data?.regions)?.find((entry) => entry.RegionName === region);
  if (listed) return `RegionOptStatus ${listed.RegionOptStatus ?? '(absent)'} (account:ListRegions)`;
  const described = answerOf(data?.ec2Regions)?.find((entry) => entry.RegionName === region);
  if (described) return `OptInStatus ${described.OptInStatus ?? '(absent)'} (ec2:DescribeRegions)`;
  return 'the region is not in its region list';
}

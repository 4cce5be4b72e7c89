import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { answerOf, type AccountData, type Recorded, type RegionData } from '../snapshot/types';
import type { AccountClients } from './account-clients';
import type { AwsClientFactory } from './aws-client-factory';
import { evidencePlan, findDeliveryEvidence } from './delivery-evidence';
import { jsonify, jsonifyOutput } from './jsonify';
import type { OrgTrailTarget } from './org-trail-target';
import { proofStands, type DeliveryProof, type PriorEvidence } from './prior-evidence';
import { apiErrorOf, recorded } from './recorded-call';

/** Where a trail's delivery evidence is listed: the bucket, with its owner's S3 client. */
export interface EvidenceBucket {
  name: string;
  s3: S3Client;
}

/** One account-region's evidence, for the bucket named by the trail. */
export interface EvidenceRecord {
  bucket: string;
  region: string;
  evidence: Recorded<string | null>;
  /** Where the value comes from: this run's listing, or a proof kept from an earlier run (no listing made). */
  source: 'listing' | 'prior-proof';
}

export interface MemberCollection {
  accountData: AccountData;
  evidence: EvidenceRecord[];
}

/** What collecting a member needs from the rest of the run. */
export interface MemberContext {
  clients: AwsClientFactory;
  orgTrails: readonly OrgTrailTarget[];
  organizationId: string | undefined;
  skipRegions: ReadonlySet<string>;
  /** The bucket of a trail, readable with its owner's credentials; undefined when it cannot be read. */
  evidenceBucket: (bucketName: string) => Promise<EvidenceBucket | undefined>;
  /** DLV-008's window opening (evidenceWindowOpening): deliveries at or after it are evidence. */
  windowOpening: Date;
  /** Deliveries proven by earlier runs: one still inside the window replaces the listing. Default: none. */
  priorEvidence?: PriorEvidence;
}

/**
 * Collects one ACTIVE member account through its audit role, with the fewest calls the checks need:
 * AssumeRole; ec2:DescribeRegions(AllRegions) inside the account; then, in each org trail's home
 * region only (skipped when the member has not enabled it), DescribeTrails with shadow trails and
 * GetTrailStatus of the org trail; and one ListObjectsV2 in the log bucket per region the trail
 * records for the member (its enabled regions for a multi-region trail, else the home region),
 * unless an earlier run's proof of delivery is still inside the evidence window.
 *
 * Never throws: an AssumeRole failure is the account's `error` (its delivery evidence is still
 * read, in the trail's home region), any other failure is recorded where the snapshot puts it.
 */
export async function collectMemberAccount(accountId: string, context: MemberContext): Promise<MemberCollection> {
  let clients: AccountClients;
  try {
    clients = await context.clients.assume(accountId);
  } catch (error) {
    // The bucket is read with its owner's credentials: the evidence of an account we cannot enter
    // still says whether its logs arrive (in the home region; its other regions are not known).
    return { accountData: { error: apiErrorOf(error) }, evidence: await readDeliveryEvidence(accountId, context, undefined) };
  }

  const ec2Regions = await recorded(async () =>
    jsonify((await clients.ec2(context.clients.region).send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? []),
  );
  const enabledRegions = enabledRegionsOf(answerOf(ec2Regions));
  const isReadable = (region: string) => !context.skipRegions.has(region) && (enabledRegions?.has(region) ?? true);

  // One call at a time per account: --concurrency bounds the calls in flight, not just the accounts.
  const regionData = await readHomeRegions(clients, context.orgTrails, isReadable);
  const evidence = await readDeliveryEvidence(accountId, context, enabledRegions);
  return { accountData: { ec2Regions, regionData }, evidence };
}

/**
 * The deliveries an account's listings proved inside the window, to keep for later runs
 * (DeliveryProofStore.record): not the proofs it reused, not stale times, not failed listings.
 */
export function newDeliveryProofs(accountId: string, records: readonly EvidenceRecord[], windowOpening: Date): DeliveryProof[] {
  return records
    .filter((record) => record.source === 'listing')
    .flatMap(({ bucket, region, evidence }) =>
      typeof evidence === 'string' && proofStands(evidence, windowOpening) ? [{ bucket, accountId, region, deliveredAt: evidence }] : [],
    );
}

/** The regions an account can use, from DescribeRegions(AllRegions); undefined when not known. */
function enabledRegionsOf(regions: { RegionName?: string; OptInStatus?: string }[] | undefined): Set<string> | undefined {
  if (!regions) return undefined;
  return new Set(regions.filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName as string));
}

async function readHomeRegions(
  clients: AccountClients,
  orgTrails: readonly OrgTrailTarget[],
  isReadable: (region: string) => boolean,
): Promise<Record<string, RegionData>> {
  const regionData: Record<string, RegionData> = {};
  for (const region of [...new Set(orgTrails.map((trail) => trail.homeRegion))].sort()) {
    if (isReadable(region)) regionData[region] = await readHomeRegion(clients, region, orgTrails);
  }
  return regionData;
}

/** DescribeTrails (with shadow trails), then GetTrailStatus of each org trail homed here that the member lists. */
async function readHomeRegion(clients: AccountClients, region: string, orgTrails: readonly OrgTrailTarget[]): Promise<RegionData> {
  const cloudTrail = clients.cloudTrail(region);
  const trails = await recorded(async () =>
    jsonify((await cloudTrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? []),
  );
  if ('error' in trails) return { error: trails.error };
  const data: RegionData = { trails };
  const listed = new Set(trails.map((trail) => trail.TrailARN));
  // A member's view of an org trail it does not list would only say TrailNotFound (ORG-009 covers it).
  for (const trail of orgTrails.filter((t) => t.homeRegion === region && listed.has(t.arn))) {
    (data.trailStatus ??= {})[trail.arn] = await recorded(async () =>
      jsonifyOutput(await cloudTrail.send(new GetTrailStatusCommand({ Name: trail.arn }))),
    );
  }
  return data;
}

async function readDeliveryEvidence(
  accountId: string,
  context: MemberContext,
  enabledRegions: Set<string> | undefined,
): Promise<EvidenceRecord[]> {
  const organizationId = context.organizationId;
  if (!organizationId) return [];
  const records: EvidenceRecord[] = [];
  for (const trail of context.orgTrails) {
    if (!trail.bucketName) continue;
    const bucket = await context.evidenceBucket(trail.bucketName);
    if (!bucket) continue;
    for (const region of evidenceRegions(trail, enabledRegions).filter((r) => !context.skipRegions.has(r))) {
      const proof = context.priorEvidence?.proofOf(bucket.name, accountId, region);
      if (proofStands(proof, context.windowOpening)) {
        records.push({ bucket: bucket.name, region, evidence: proof, source: 'prior-proof' });
        continue;
      }
      const plan = evidencePlan({ trail, organizationId, accountId, region, opening: context.windowOpening });
      records.push({ bucket: bucket.name, region, evidence: await findDeliveryEvidence(bucket.s3, bucket.name, plan), source: 'listing' });
    }
  }
  return records;
}

/**
 * The regions a trail records for a member: its home region always (when the member has not
 * enabled it, the empty folder is the evidence of ORG-003's consequence), and for a multi-region
 * trail every region the member has enabled. Without the member's region list, the home region.
 */
export function evidenceRegions(trail: OrgTrailTarget, enabledRegions: ReadonlySet<string> | undefined): string[] {
  const regions = new Set([trail.homeRegion]);
  if (trail.multiRegion && enabledRegions) for (const region of enabledRegions) regions.add(region);
  return [...regions].sort();
}

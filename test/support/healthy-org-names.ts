/**
 * The names of the healthy example organization (test/fixtures/healthy-org.json), and small
 * helpers to compare what an evaluation found or covered with finding keys.
 */
import type { EvaluationResult } from '../../lambda/checks/evaluate';
import { findingKey, type Finding } from '../../lambda/findings/finding';

export const MANAGEMENT = '111111111111';
export const ORG_ID = 'o-a1b2c3d4e5';
export const HOME = 'us-east-1';
export const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';
export const BUCKET = 'org-trail-logs-222222222222';
export const KEY = 'arn:aws:kms:us-east-1:111111111111:key/6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f';
export const TOPIC = 'arn:aws:sns:us-east-1:111111111111:cloudtrail-delivery';
export const LOG_GROUP = 'arn:aws:logs:us-east-1:111111111111:log-group:aws-cloudtrail-logs-org:*';
export const ROLE = 'arn:aws:iam::111111111111:role/CloudTrailCloudWatchLogsRole';
export const SLR = 'arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail';

/** The findings of one check family (`ORG`, `DLV`, …). */
export function familyFindings(result: EvaluationResult, family: string): Finding[] {
  return result.findings.filter((finding) => finding.checkId.startsWith(`${family}-`));
}

export function keysOf(findings: Finding[]): string[] {
  return findings.map(findingKey);
}

export function key(checkId: string, accountId: string, region: string | null, resource: string): string {
  return findingKey({ checkId, accountId, region, resource });
}

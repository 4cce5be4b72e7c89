/** S3-008: CloudTrail cannot deliver to a Requester Pays bucket. */
import { isFailed, type BucketData } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { CheckDefinition } from '../definition';
import type { TrailBucket } from './bucket-subjects';

export const S3_008: CheckDefinition = {
  id: 'S3-008',
  family: 'S3',
  severity: 'HIGH',
  title: 'The log bucket is a Requester Pays bucket',
  description:
    'Fires when `s3:GetBucketRequestPayment` answers `Payer: Requester`: CloudTrail cannot deliver log files to a Requester Pays bucket. ' +
    'Skipped when the payer was not collected or could not be read (AUD-003). ' +
    'Subject: the bucket (the account that read it, else the trail owner; no region; the bucket name).',
  remediation:
    'Bucket {bucket} makes requesters pay, and CloudTrail cannot write log files into a Requester Pays bucket, so the organization trail {trails} delivers nothing there. ' +
    'Make the bucket owner pay again: `aws s3api put-bucket-request-payment --bucket {bucket} --request-payment-configuration Payer=BucketOwner`.',
};

export function checkRequesterPays(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  const payer = data.requestPayment;
  if (payer === undefined || isFailed(payer)) return;
  if (payer !== 'Requester') {
    context.evaluated('S3-008', bucket.subject);
    return;
  }
  context.fire('S3-008', bucket.subject, `s3:GetBucketRequestPayment on ${bucket.name} answers Payer: Requester.`, {
    bucket: bucket.name,
    trails: bucket.trails.map((trail) => trail.arn).join(', '),
  });
}

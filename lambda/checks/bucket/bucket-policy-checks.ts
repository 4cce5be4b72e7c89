/**
 * S3-002: does the bucket policy let CloudTrail deliver every audited account's logs?
 *
 * For each org trail delivering to the bucket, two questions (see cloudtrail-requests.ts):
 * s3:GetBucketAcl on the bucket, and s3:PutObject of a log file under
 * `PAWSLogs/O/A/CloudTrail/R/` for every audited account A, the management account included.
 * A bucket without a policy allows CloudTrail nothing.
 */
import { isFailed, type BucketData } from '../../snapshot/types';
import type { TrailBucket } from './bucket-subjects';
import { bucketAclRequest, bucketArn, bucketWriteRequest, logObjectPrefix } from '../trail/cloudtrail-requests';
import type { EvaluationContext } from '../context';
import type { OrgTrail } from '../model';
import { countOf, nameList } from '../trail/trail-finding-text';
import { judgePolicy, unknownOperatorsNote, type DeniedQuestion, type PolicyQuestion } from '../trail/trail-policy-verdict';
import { trailDelivery } from '../trail/trail-resources';

/** What a bucket question is about: a trail's ACL read, or its write for one account. */
interface BucketQuestionAbout {
  trail: OrgTrail;
  account?: string;
}

export function checkBucketPolicy(context: EvaluationContext, bucket: TrailBucket, data: BucketData): void {
  if (data.policy === undefined || isFailed(data.policy)) return;
  const { model } = context;
  const organizationId = model.organizationId;
  const accounts = model.auditedAccounts.map((account) => account.Id as string);

  const questions: PolicyQuestion<BucketQuestionAbout>[] = [];
  for (const trail of bucket.trails) {
    const delivery = trailDelivery(trail, model);
    questions.push({ request: bucketAclRequest(delivery, bucket.name), about: { trail } });
    if (!organizationId) continue;
    for (const account of accounts) {
      questions.push({ request: bucketWriteRequest(delivery, trail.trail, bucket.name, organizationId, account), about: { trail, account } });
    }
  }

  const vars = {
    bucket: bucket.name,
    writeResources: organizationId
      ? [...new Set(bucket.trails.map((trail) => `${bucketArn(model.partition, bucket.name)}/${logObjectPrefix(trail.trail)}${organizationId}/*`))].join(', ')
      : `${bucketArn(model.partition, bucket.name)}/AWSLogs/ORGANIZATION_ID/*`,
  };

  if (data.policy === null) {
    context.fire('S3-002', bucket.subject, `Bucket ${bucket.name} has no bucket policy: CloudTrail may neither read its ACL nor write log files.`, vars);
    return;
  }
  const verdict = judgePolicy(data.policy, questions);
  if (verdict.unreadable !== undefined) {
    context.fire('S3-002', bucket.subject, `The policy of bucket ${bucket.name} could not be evaluated (${verdict.unreadable}): CloudTrail's access cannot be verified.`, vars);
    return;
  }
  if (verdict.denied.length > 0) {
    const faults = bucket.trails.flatMap((trail) => trailFaults(trail, verdict.denied.filter((denial) => denial.question.about.trail === trail), accounts.length));
    context.fire('S3-002', bucket.subject, `The policy of bucket ${bucket.name} does not let cloudtrail.amazonaws.com deliver: ${faults.join('; ')}.${unknownOperatorsNote(verdict)}`, vars);
    return;
  }
  // Without the organization ID the writes could not be asked, and under AUD-004 they were asked for
  // the listed accounts only: a clean answer then proves nothing, so nothing resolves.
  if (organizationId && model.accountListGap === undefined) context.evaluated('S3-002', bucket.subject);
}

function deniedHow(denials: readonly DeniedQuestion<BucketQuestionAbout>[]): string {
  const statements = [...new Set(denials.flatMap((denial) => denial.statements))];
  const implicit = denials.some((denial) => denial.decision === 'ImplicitDeny');
  const parts: string[] = [];
  if (statements.length > 0) parts.push(`denied by statement ${statements.join(', ')}`);
  if (implicit) parts.push('no statement allows it');
  return parts.join('; ');
}

function trailFaults(trail: OrgTrail, denials: readonly DeniedQuestion<BucketQuestionAbout>[], accountCount: number): string[] {
  const faults: string[] = [];
  const acl = denials.filter((denial) => denial.question.about.account === undefined);
  if (acl.length > 0) faults.push(`s3:GetBucketAcl for org trail ${trail.name} (${deniedHow(acl)})`);
  const writes = denials.filter((denial) => denial.question.about.account !== undefined);
  if (writes.length > 0) {
    const accounts = writes.map((denial) => denial.question.about.account as string);
    faults.push(
      `s3:PutObject under ${logObjectPrefix(trail.trail)} for org trail ${trail.name}, for ${accounts.length.toLocaleString('en-US')} of ` +
        `${countOf(accountCount, 'audited account')}: ${nameList(accounts)} (${deniedHow(writes)})`,
    );
  }
  return faults;
}

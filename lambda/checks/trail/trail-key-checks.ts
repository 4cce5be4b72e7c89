/**
 * CFG-003 and CFG-004: the KMS key org trails encrypt their logs with. One finding per key (named
 * by its ARN, in the key's account and region), naming every org trail that uses it.
 */
import { answerOf, isFailed, type KmsKeyData } from '../../snapshot/types';
import { keyEncryptRequest } from './cloudtrail-requests';
import type { EvaluationContext } from '../context';
import { nameList } from './trail-finding-text';
import { judgePolicy, unknownOperatorsNote, type PolicyVerdict } from './trail-policy-verdict';
import { resourcesNamedBy, resourceSubject, trailArnList, trailDelivery, type NamedResource } from './trail-resources';

export function evaluateTrailKeyChecks(context: EvaluationContext): void {
  const table = context.snapshot.kmsKeys;
  for (const key of resourcesNamedBy(context.model.orgTrails, (trail) => trail.trail.KmsKeyId)) {
    if (!table || !Object.prototype.hasOwnProperty.call(table, key.id)) continue; // not collected
    const entry = table[key.id];
    if (isFailed(entry)) continue; // could not be read: AUD-003
    checkKeyState(context, key, entry);
    if (entry) checkKeyPolicy(context, key, entry);
  }
}

function keyVars(key: NamedResource): { keyArn: string; keyRegion: string; trails: string } {
  const region = resourceSubject(key).region ?? key.trails[0].homeRegion;
  return { keyArn: key.id, keyRegion: region, trails: trailArnList(key.trails) };
}

function usedBy(key: NamedResource): string {
  return `used by org trail${key.trails.length === 1 ? '' : 's'} ${nameList(key.trails.map((trail) => trail.name))}`;
}

function checkKeyState(context: EvaluationContext, key: NamedResource, entry: KmsKeyData | null): void {
  if (entry === null) {
    context.fire('CFG-003', resourceSubject(key), `KMS key ${key.id}, ${usedBy(key)}, does not exist (NotFoundException).`, keyVars(key));
    return;
  }
  const metadata = answerOf(entry.metadata);
  if (!metadata) return;
  const state = metadata.KeyState ?? (metadata.Enabled === true ? 'Enabled' : metadata.Enabled === false ? 'Disabled' : undefined);
  if (state === undefined) return;
  if (state === 'Enabled') {
    context.evaluated('CFG-003', resourceSubject(key));
    return;
  }
  const deletion = state === 'PendingDeletion' && metadata.DeletionDate ? `, scheduled for deletion on ${metadata.DeletionDate}` : '';
  context.fire('CFG-003', resourceSubject(key), `KMS key ${key.id}, ${usedBy(key)}, is in state ${state}${deletion}: CloudTrail cannot encrypt log files with it.`, keyVars(key));
}

function checkKeyPolicy(context: EvaluationContext, key: NamedResource, entry: KmsKeyData): void {
  const policy = entry.policy;
  if (typeof policy !== 'string') return; // not collected, failed, or none (a missing key is CFG-003's)
  const verdict = judgePolicy(
    policy,
    key.trails.map((trail) => ({ request: keyEncryptRequest(trailDelivery(trail, context.model), key.id), about: trail.name })),
  );
  if (verdict.unreadable === undefined && verdict.denied.length === 0) {
    context.evaluated('CFG-004', resourceSubject(key));
    return;
  }
  context.fire('CFG-004', resourceSubject(key), keyPolicyDetail(key, verdict), keyVars(key));
}

function keyPolicyDetail(key: NamedResource, verdict: PolicyVerdict): string {
  if (verdict.unreadable !== undefined) {
    return `The key policy of ${key.id}, ${usedBy(key)}, could not be evaluated (${verdict.unreadable}): CloudTrail's access to the key cannot be verified.`;
  }
  const explicit = verdict.denied.filter((denial) => denial.decision === 'ExplicitDeny');
  const implicit = verdict.denied.filter((denial) => denial.decision === 'ImplicitDeny');
  const parts: string[] = [];
  if (implicit.length > 0) parts.push(`no statement allows it for org trail${implicit.length === 1 ? '' : 's'} ${nameList(implicit.map((d) => d.question.about))}`);
  for (const denial of explicit) parts.push(`statement ${denial.statements.join(', ')} denies it for org trail ${denial.question.about}`);
  return (
    `The key policy of ${key.id} does not allow cloudtrail.amazonaws.com kms:GenerateDataKey with encryption context aws:cloudtrail:arn: ` +
    `${parts.join('; ')}.${unknownOperatorsNote(verdict)}`
  );
}

/**
 * CFG-013: the SNS topic org trails notify of each delivered log file. One finding per topic (its
 * ARN, in its account and region), naming the org trails that use it.
 */
import { isFailed } from '../../snapshot/types';
import { topicPublishRequest } from './cloudtrail-requests';
import type { EvaluationContext } from '../context';
import { nameList } from './trail-finding-text';
import { judgePolicy, unknownOperatorsNote } from './trail-policy-verdict';
import { resourcesNamedBy, resourceSubject, trailArnList, trailDelivery, type NamedResource } from './trail-resources';

export function evaluateTrailTopicChecks(context: EvaluationContext): void {
  const table = context.snapshot.snsTopics;
  for (const topic of resourcesNamedBy(context.model.orgTrails, (trail) => trail.trail.SnsTopicARN)) {
    if (!table || !Object.prototype.hasOwnProperty.call(table, topic.id)) continue; // not collected
    const entry = table[topic.id];
    if (isFailed(entry)) continue; // AUD-003
    const subject = resourceSubject(topic);
    const vars = {
      topicArn: topic.id,
      topicName: topic.id.split(':').pop() ?? topic.id,
      topicRegion: subject.region ?? topic.trails[0].homeRegion,
      trails: trailArnList(topic.trails),
    };
    const namedBy = `org trail${topic.trails.length === 1 ? '' : 's'} ${nameList(topic.trails.map((trail) => trail.name))}`;
    if (entry === null) {
      context.fire('CFG-013', subject, `SNS topic ${topic.id}, named by ${namedBy}, does not exist.`, vars);
      continue;
    }
    const policy = entry.attributes?.Policy;
    if (typeof policy !== 'string') continue; // the attribute was not collected
    const detail = publishDetail(context, topic, policy);
    if (detail === undefined) context.evaluated('CFG-013', subject);
    else context.fire('CFG-013', subject, detail, vars);
  }
}

/** Why the topic policy does not let CloudTrail publish, or undefined when it does for every trail. */
function publishDetail(context: EvaluationContext, topic: NamedResource, policy: string): string | undefined {
  const verdict = judgePolicy(
    policy,
    topic.trails.map((trail) => ({ request: topicPublishRequest(trailDelivery(trail, context.model), topic.id), about: trail.name })),
  );
  if (verdict.unreadable !== undefined) {
    return `The policy of SNS topic ${topic.id} could not be evaluated (${verdict.unreadable}): CloudTrail's permission to publish cannot be verified.`;
  }
  if (verdict.denied.length === 0) return undefined;
  const reasons = verdict.denied.map((denial) =>
    denial.decision === 'ExplicitDeny'
      ? `${denial.question.about} (denied by statement ${denial.statements.join(', ')})`
      : `${denial.question.about} (no statement allows it)`,
  );
  return `The policy of SNS topic ${topic.id} does not allow cloudtrail.amazonaws.com sns:Publish for org trail${reasons.length === 1 ? '' : 's'} ${nameList(reasons)}.${unknownOperatorsNote(verdict)}`;
}

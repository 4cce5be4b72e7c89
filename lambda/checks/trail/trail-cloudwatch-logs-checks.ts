/**
 * CFG-006 and CFG-007: CloudTrail's delivery to CloudWatch Logs.
 *
 * CFG-007 raises one finding per log group (its ARN, in its account and region); CFG-006 one per
 * role (its ARN, in its account, region null: IAM is global), each naming the org trails affected.
 */
import { ownEntry } from '../../snapshot/own-entry';
import { answerOf, isFailed, type RoleData } from '../../snapshot/types';
import {
  logsRoleAssumeRequest,
  logStreamRequests,
  managementLogStreamName,
  memberLogStreamName,
} from './cloudtrail-requests';
import type { EvaluationContext } from '../context';
import { countOf, nameList } from './trail-finding-text';
import { judgePolicies, judgePolicy, unknownOperatorsNote, type PolicyQuestion, type PolicyVerdict } from './trail-policy-verdict';
import { lookupLogGroup, resourcesNamedBy, resourceSubject, trailArnList, trailDelivery, type NamedResource } from './trail-resources';

export function evaluateCloudWatchLogsChecks(context: EvaluationContext): void {
  const integrated = context.model.orgTrails.filter((trail) => trail.trail.CloudWatchLogsLogGroupArn);
  for (const group of resourcesNamedBy(integrated, (trail) => trail.trail.CloudWatchLogsLogGroupArn)) checkLogGroup(context, group);
  for (const role of resourcesNamedBy(integrated, (trail) => trail.trail.CloudWatchLogsRoleArn)) checkRole(context, role);
}

/** `GROUP` in `arn:…:logs:R:A:log-group:GROUP[:*]`. */
export function logGroupNameOf(arn: string): string {
  const name = arn.split(':log-group:')[1] ?? arn;
  return name.replace(/:\*$/, '');
}

function namedBy(resource: NamedResource): string {
  return `org trail${resource.trails.length === 1 ? '' : 's'} ${nameList(resource.trails.map((trail) => trail.name))}`;
}

function checkLogGroup(context: EvaluationContext, group: NamedResource): void {
  const entry = lookupLogGroup(context.snapshot.logGroups, group.id);
  if (entry === undefined || isFailed(entry)) return; // not collected, or AUD-003
  const subject = resourceSubject(group);
  if (entry !== null) {
    context.evaluated('CFG-007', subject);
    return;
  }
  const vars = { logGroupName: logGroupNameOf(group.id), region: subject.region ?? group.trails[0].homeRegion, trails: trailArnList(group.trails) };
  context.fire('CFG-007', subject, `Log group ${vars.logGroupName}, named by ${namedBy(group)}, does not exist.`, vars);
}

/** Which stream a log-stream question is about: the management account's, or a member's. */
interface StreamOf {
  trail: string;
  member?: string;
}

interface RoleQuestions {
  trust: PolicyQuestion[];
  /** undefined when the organization ID is unknown: the member streams cannot be named. */
  streams: PolicyQuestion<StreamOf>[] | undefined;
}

function roleQuestions(context: EvaluationContext, role: NamedResource): RoleQuestions {
  const { model } = context;
  const trust: PolicyQuestion[] = [];
  let streams: PolicyQuestion<StreamOf>[] | undefined = [];
  for (const trail of role.trails) {
    const delivery = trailDelivery(trail, model);
    const logGroupArn = trail.trail.CloudWatchLogsLogGroupArn as string;
    trust.push({ request: logsRoleAssumeRequest(delivery, role.id), about: trail.name });
    if (!streams) continue;
    for (const request of logStreamRequests(logGroupArn, managementLogStreamName(delivery))) {
      streams.push({ request, about: { trail: trail.name } });
    }
    if (model.members.length === 0) continue;
    if (!model.organizationId) {
      streams = undefined;
      continue;
    }
    for (const member of model.members) {
      const stream = memberLogStreamName(delivery, model.organizationId, member.Id as string);
      for (const request of logStreamRequests(logGroupArn, stream)) streams.push({ request, about: { trail: trail.name, member: member.Id } });
    }
  }
  return { trust, streams };
}

function checkRole(context: EvaluationContext, role: NamedResource): void {
  const entry = ownEntry(context.snapshot.roles, role.id);
  const subject = resourceSubject(role);
  const roleName = role.id.split('/').pop() ?? role.id;
  const vars = { roleArn: role.id, roleName, trails: trailArnList(role.trails) };
  if (entry === undefined || isFailed(entry)) return;
  if (entry === null) {
    context.fire('CFG-006', subject, `CloudWatch Logs role ${role.id}, named by ${namedBy(role)}, does not exist.`, vars);
    return;
  }
  const faults = roleFaults(context, role, entry);
  if (faults === undefined) return; // not everything could be read, and what could was fine
  if (faults.length === 0) context.evaluated('CFG-006', subject);
  else context.fire('CFG-006', subject, `CloudWatch Logs role ${role.id} does not let CloudTrail deliver for ${namedBy(role)}: ${faults.join('; ')}.`, vars);
}

/** What is wrong with the role; undefined when nothing wrong was seen but part could not be read. */
function roleFaults(context: EvaluationContext, role: NamedResource, entry: RoleData): string[] | undefined {
  const questions = roleQuestions(context, role);
  const faults: string[] = [];
  let complete = true;

  const trustPolicy = answerOf(entry.role)?.AssumeRolePolicyDocument;
  if (trustPolicy) {
    const trust = judgePolicy(trustPolicy, questions.trust);
    faults.push(...trustFaults(trust));
  } else {
    complete = false;
  }

  const policies = answerOf(entry.policies);
  if (policies && questions.streams) {
    faults.push(...streamFaults(judgePolicies(policies, questions.streams), context.model.members.length));
  } else {
    complete = false;
  }
  // Under AUD-004 the member streams were asked for the listed members only: a fault there counts,
  // a clean answer proves nothing about the members not listed.
  if (context.model.accountListGap !== undefined) complete = false;
  return faults.length > 0 || complete ? faults : undefined;
}

function trustFaults(verdict: PolicyVerdict): string[] {
  if (verdict.unreadable !== undefined) return [`its trust policy could not be evaluated (${verdict.unreadable})`];
  if (verdict.denied.length === 0) return [];
  const trails = nameList(verdict.denied.map((denial) => denial.question.about));
  const deniedBy = verdict.denied.flatMap((denial) => denial.statements);
  const how = deniedBy.length > 0 ? `statement ${[...new Set(deniedBy)].join(', ')} denies` : 'no statement allows';
  return [`its trust policy does not let cloudtrail.amazonaws.com sts:AssumeRole for ${trails} (${how} it)${unknownOperatorsNote(verdict)}`];
}

function streamFaults(verdict: PolicyVerdict<StreamOf>, memberCount: number): string[] {
  if (verdict.unreadable !== undefined) return [`its policies could not be evaluated (${verdict.unreadable})`];
  // Group the denials by trail, then by stream kind, naming the actions and (capped) the members.
  const byTrail = new Map<string, { management: Set<string>; memberActions: Set<string>; members: Set<string> }>();
  for (const denial of verdict.denied) {
    const { trail, member } = denial.question.about;
    const entry = byTrail.get(trail) ?? { management: new Set<string>(), memberActions: new Set<string>(), members: new Set<string>() };
    byTrail.set(trail, entry);
    if (member === undefined) entry.management.add(denial.question.request.action);
    else {
      entry.memberActions.add(denial.question.request.action);
      entry.members.add(member);
    }
  }
  const faults: string[] = [];
  for (const [trail, denied] of byTrail) {
    if (denied.management.size > 0) {
      faults.push(`its policies do not allow ${[...denied.management].join(' and ')} on the management account's stream of ${trail}`);
    }
    if (denied.members.size > 0) {
      faults.push(
        `its policies do not allow ${[...denied.memberActions].join(' and ')} on the member streams of ${trail} for ` +
          `${denied.members.size.toLocaleString('en-US')} of ${countOf(memberCount, 'member')} (${nameList([...denied.members])})`,
      );
    }
  }
  if (faults.length > 0 && verdict.unknownOperators.length > 0) faults[faults.length - 1] += unknownOperatorsNote(verdict);
  return faults;
}

/**
 * Evaluates the member-role StackSet template for one account the way CloudFormation would: the
 * conditions on AWS::AccountId, the resources they keep, and the pseudo parameters in the policy
 * statements. Lets template tests assert what each kind of account actually grants.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { MEMBER_ROLE_TEMPLATE_NAMES, type MemberRoleTemplate } from '../../lib/member-role-template';
import { onlyResource } from './synthesize';

export interface EffectiveStatement {
  Sid: string;
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

/** The member template the stack's StackSet carries. */
export function stackSetTemplate(template: Template): MemberRoleTemplate {
  return JSON.parse(onlyResource(template, 'AWS::CloudFormation::StackSet').Properties?.TemplateBody as string) as MemberRoleTemplate;
}

type Pseudo = { 'AWS::AccountId': string; 'AWS::Partition': string };

function resolve(value: unknown, pseudo: Pseudo): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, pseudo));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const [first] = entries;
    if (entries.length === 1 && first?.[0] === 'Ref' && (first[1] as string) in pseudo) return pseudo[first[1] as keyof Pseudo];
    if (entries.length === 1 && first?.[0] === 'Fn::Sub') {
      return (first[1] as string).replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
        if (!(name in pseudo)) throw new Error(`unresolved \${${name}}`);
        return pseudo[name as keyof Pseudo];
      });
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, resolve(item, pseudo)]));
  }
  return value;
}

function evaluateCondition(condition: unknown, pseudo: Pseudo): boolean {
  const [[name, args]] = Object.entries(condition as Record<string, unknown[]>) as [[string, unknown[]]];
  if (name === 'Fn::Equals') {
    if (args.length !== 2) throw new Error('Fn::Equals takes two values');
    return resolve(args[0], pseudo) === resolve(args[1], pseudo);
  }
  if (name === 'Fn::Or') {
    // CloudFormation's limits: from 2 to 10 conditions.
    if (args.length < 2 || args.length > 10) throw new Error(`Fn::Or with ${args.length} conditions`);
    return args.map((arg) => evaluateCondition(arg, pseudo)).some(Boolean);
  }
  throw new Error(`condition function ${name} not supported`);
}

/** Every statement the member role holds in `accountId`, pseudo parameters resolved. */
export function memberRoleStatementsIn(memberTemplate: MemberRoleTemplate, accountId: string): EffectiveStatement[] {
  const pseudo: Pseudo = { 'AWS::AccountId': accountId, 'AWS::Partition': 'aws' };
  const conditions = Object.fromEntries(
    Object.entries(memberTemplate.Conditions ?? {}).map(([name, condition]) => [name, evaluateCondition(condition, pseudo)]),
  );
  const statements: EffectiveStatement[] = [];
  for (const [logicalId, resource] of Object.entries(memberTemplate.Resources)) {
    if (resource.Condition !== undefined) {
      if (!(resource.Condition in conditions)) throw new Error(`${logicalId}: unknown condition ${resource.Condition}`);
      if (!conditions[resource.Condition]) continue;
    }
    const documents: { Statement: EffectiveStatement[] }[] = [];
    // The audit role's own policies and the role policies attached to it; other roles of the
    // template (the tampering-event forwarding role) are not the audit role's grants.
    if (resource.Type === 'AWS::IAM::Role' && logicalId === MEMBER_ROLE_TEMPLATE_NAMES.role) {
      for (const policy of resource.Properties.Policies as { PolicyDocument: { Statement: EffectiveStatement[] } }[]) documents.push(policy.PolicyDocument);
    } else if (resource.Type === 'AWS::IAM::RolePolicy' && JSON.stringify(resource.Properties.RoleName) === JSON.stringify({ Ref: MEMBER_ROLE_TEMPLATE_NAMES.role })) {
      documents.push(resource.Properties.PolicyDocument as { Statement: EffectiveStatement[] });
    }
    for (const document of documents) statements.push(...(resolve(document.Statement, pseudo) as EffectiveStatement[]));
  }
  return statements;
}

/** The actions of those statements, in policy order. */
export function memberRoleActionsIn(memberTemplate: MemberRoleTemplate, accountId: string): string[] {
  return memberRoleStatementsIn(memberTemplate, accountId).flatMap((statement) => statement.Action);
}

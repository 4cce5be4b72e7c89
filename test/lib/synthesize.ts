/** Builds the stack from a configuration context, as bin/app.ts does, for template tests. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readConfig, type ConfigKey } from '../../lib/config';
import { OrgTrailAuditorStack, STACK_NAME } from '../../lib/org-trail-auditor-stack';

export interface SynthesizeOptions {
  /** Run esbuild on the handler (slower); otherwise the asset is not bundled. */
  bundle?: boolean;
}

export function buildStack(context: Record<string, unknown>, options: SynthesizeOptions = {}): { app: App; stack: OrgTrailAuditorStack } {
  const app = new App(options.bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } });
  const config = readConfig((key: ConfigKey) => context[key], Object.keys(context));
  const stack = new OrgTrailAuditorStack(app, STACK_NAME, { config });
  return { app, stack };
}

export function synthesize(context: Record<string, unknown>, options: SynthesizeOptions = {}): Template {
  return Template.fromStack(buildStack(context, options).stack);
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: string[] }>;

/** The template's resources of one type, by logical ID. */
export function resourcesOfType(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The one resource of a type (fails the test when there is not exactly one). */
export function onlyResource(template: Template, type: string): Resources[string] & { logicalId: string } {
  const found = Object.entries(resourcesOfType(template, type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  const [logicalId, resource] = found[0] as [string, Resources[string]];
  return { logicalId, ...resource };
}

export interface PolicyStatementJson {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of every IAM identity policy in the template (AWS::IAM::Policy and inline role policies). */
export function identityPolicyStatements(template: Template): PolicyStatementJson[] {
  const statements: PolicyStatementJson[] = [];
  for (const policy of Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))) {
    statements.push(...((policy.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement));
  }
  for (const role of Object.values(resourcesOfType(template, 'AWS::IAM::Role'))) {
    for (const inline of (role.Properties?.Policies as { PolicyDocument: { Statement: PolicyStatementJson[] } }[] | undefined) ?? []) {
      statements.push(...inline.PolicyDocument.Statement);
    }
  }
  return statements;
}

export function actionsOf(statement: PolicyStatementJson): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

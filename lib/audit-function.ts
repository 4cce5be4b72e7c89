import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENVIRONMENT_VARIABLES } from '../lambda/run/environment';
import { METRIC_NAMESPACE, SERVICE_NAME } from '../lambda/run/metric-names';
import { STEP_ENVIRONMENT_VARIABLES } from '../lambda/steps/step-environment';
import type { AuditorConfig } from './config';
import { integrationEnvironment } from './integration-permissions';
import { AUDIT_BUNDLING } from './lambda-bundling';

/**
 * The fixed name of the role the collecting steps (plan, collect-batch) share: the member role's
 * trust policy names it, and the member accounts' StackSet receives its ARN before (and
 * independently of) the role's own resource.
 */
export const AUDIT_FUNCTION_ROLE_NAME = 'OrgTrailAuditorFunctionRole';

/** Where the tables, bucket and topic of the auditor are (the stack's resources). */
export interface AuditResourceNames {
  findingsTableName: string;
  runsTableName: string;
  evidenceBucketName: string;
  alertTopicArn: string;
  deliveryProofsTableName: string;
}

export interface AuditStepFunctionProps {
  config: AuditorConfig;
  resources: AuditResourceNames;
  /** The entry file under lambda/ (e.g. `plan.ts`). */
  entry: string;
  description: string;
  role: IRole;
  memorySize: number;
  timeout: Duration;
}

/**
 * One step of the audit state machine: an arm64 Node.js 24 function bundled with the AWS SDK,
 * with its own log group (the role it is given may write only there) and X-Ray tracing.
 */
export class AuditStepFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AuditStepFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'LogGroup', { retention: props.config.logRetentionDays as RetentionDays });
    props.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `WriteLogs${id}`,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(__dirname, '..', 'lambda', props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: props.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...stepFunctionEnvironment(props.config, props.resources),
      },
      bundling: AUDIT_BUNDLING,
    });
  }
}

/** The variables lambda/run/environment.ts and lambda/steps/step-environment.ts read back. */
export function stepFunctionEnvironment(config: AuditorConfig, resources: AuditResourceNames): Record<string, string> {
  const names = ENVIRONMENT_VARIABLES;
  const environment: Record<string, string> = {
    [names.findingsTableName]: resources.findingsTableName,
    [names.runsTableName]: resources.runsTableName,
    [names.evidenceBucketName]: resources.evidenceBucketName,
    [names.alertTopicArn]: resources.alertTopicArn,
    [names.memberRoleName]: config.memberRoleName,
    [names.minAlertSeverity]: config.minAlertSeverity,
    [names.groupThreshold]: String(config.groupThreshold),
    [names.findingsRetentionDays]: String(config.findingsRetentionDays),
    [names.concurrency]: String(config.concurrency),
    [names.deliveryStaleMinutes]: String(config.settings.deliveryStaleMinutes),
    [names.evidenceMaxAgeMinutes]: String(config.settings.evidenceMaxAgeMinutes),
    [names.minRetentionDays]: String(config.settings.minRetentionDays),
    [names.newAccountGraceHours]: String(config.settings.newAccountGraceHours),
    [STEP_ENVIRONMENT_VARIABLES.batchSize]: String(config.batchSize),
    [STEP_ENVIRONMENT_VARIABLES.runLeaseMinutes]: String(AUDIT_RUN_TIMEOUT_MINUTES),
    [STEP_ENVIRONMENT_VARIABLES.deliveryProofsTableName]: resources.deliveryProofsTableName,
  };
  if (config.logArchiveAccountId) environment[names.logArchiveAccountId] = config.logArchiveAccountId;
  Object.assign(environment, integrationEnvironment(config.integrations));
  if (config.regionsToSkip.length > 0) environment[names.regionsToSkip] = config.regionsToSkip.join(',');
  return environment;
}

/** The state machine's timeout, which is also the full-run lease: a run never outlives its lease. */
export const AUDIT_RUN_TIMEOUT_MINUTES = 60;

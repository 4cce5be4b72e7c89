import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENVIRONMENT_VARIABLES } from '../lambda/handler/environment';
import { METRIC_NAMESPACE, SERVICE_NAME } from '../lambda/handler/metric-names';
import type { AuditorConfig } from './config';
import { grantManagementAccountReads } from './management-account-reads';
import { grantIntegrationPermissions, integrationEnvironment } from './integration-permissions';

/**
 * The fixed name of the function's role: the member role's trust policy names it, and the member
 * accounts' StackSet receives its ARN before (and independently of) the role's own resource.
 */
export const AUDIT_FUNCTION_ROLE_NAME = 'OrgTrailAuditorFunctionRole';

/**
 * Memory: the collector's work is network-bound, but parsing and evaluating a 5,000-account
 * snapshot is not; at 1,769 MB the function has one full vCPU (see docs/deploy.md, "Sizing").
 */
export const AUDIT_FUNCTION_MEMORY_MB = 1769;

export interface AuditFunctionProps {
  config: AuditorConfig;
  findingsTableName: string;
  runsTableName: string;
  evidenceBucketName: string;
  alertTopicArn: string;
  /** Where failed asynchronous invocations go. */
  deadLetterQueue: IQueue;
}

/**
 * The audit function (collect → evaluate → reconcile → store → notify) with its own role and log
 * group. Never more than one run at a time (reserved concurrency 1). Its role holds the
 * management-account reads; the stack adds the member-role assumption (it needs the organization
 * ID) and the table, bucket and topic grants.
 */
export class AuditFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AuditFunctionProps) {
    super(scope, id);
    const { config } = props;

    this.role = new Role(this, 'Role', {
      roleName: AUDIT_FUNCTION_ROLE_NAME,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'org-trail-auditor audit function: reads the organization and assumes the member audit role',
    });
    grantManagementAccountReads(this.role);

    grantIntegrationPermissions(this.role, config.integrations);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: config.logRetentionDays as RetentionDays,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      description: 'org-trail-auditor: audits the organization CloudTrail trails and every member account',
      entry: join(__dirname, '..', 'lambda', 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: AUDIT_FUNCTION_MEMORY_MB,
      timeout: Duration.minutes(15),
      reservedConcurrentExecutions: 1,
      role: this.role,
      logGroup: this.logGroup,
      deadLetterQueue: props.deadLetterQueue,
      // A failed audit is not retried at once (the next schedule runs it again); a throttled one
      // (another run in progress) waits up to an hour.
      retryAttempts: 0,
      maxEventAge: Duration.hours(1),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...handlerEnvironment(props),
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // ESM output: give bundled CommonJS dependencies a `require`.
        banner: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
        // AWS SDK v3 clients come from the Lambda runtime; Powertools is bundled.
        externalModules: ['@aws-sdk/*'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
      },
    });
  }
}

function handlerEnvironment(props: AuditFunctionProps): Record<string, string> {
  const { config } = props;
  const names = ENVIRONMENT_VARIABLES;
  const environment: Record<string, string> = {
    [names.findingsTableName]: props.findingsTableName,
    [names.runsTableName]: props.runsTableName,
    [names.evidenceBucketName]: props.evidenceBucketName,
    [names.alertTopicArn]: props.alertTopicArn,
    [names.memberRoleName]: config.memberRoleName,
    [names.minAlertSeverity]: config.minAlertSeverity,
    [names.groupThreshold]: String(config.groupThreshold),
    [names.findingsRetentionDays]: String(config.findingsRetentionDays),
    [names.concurrency]: String(config.concurrency),
    [names.deliveryStaleMinutes]: String(config.settings.deliveryStaleMinutes),
    [names.evidenceMaxAgeMinutes]: String(config.settings.evidenceMaxAgeMinutes),
    [names.minRetentionDays]: String(config.settings.minRetentionDays),
    [names.newAccountGraceHours]: String(config.settings.newAccountGraceHours),
  };
  if (config.logArchiveAccountId) environment[names.logArchiveAccountId] = config.logArchiveAccountId;
  Object.assign(environment, integrationEnvironment(config.integrations));
  if (config.regionsToSkip.length > 0) environment[names.regionsToSkip] = config.regionsToSkip.join(',');
  return environment;
}


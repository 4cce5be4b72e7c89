import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';

export interface OrganizationLookupProps {
  /** How long the lookup function's own log group keeps its logs. */
  logRetentionDays: number;
}

/**
 * The organization's ID and root ID, read from AWS Organizations at deploy time (not at synth:
 * the app stays environment-agnostic and needs no credentials to synthesize). Used only when the
 * configuration does not name them.
 */
export class OrganizationLookup extends Construct {
  readonly organizationId: string;
  readonly rootId: string;
  readonly resources: AwsCustomResource[];
  /** The role of the lookup function: the two calls and writing its own log group, nothing else. */
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: OrganizationLookupProps) {
    super(scope, id);
    // Our own role and log group instead of the construct's defaults: its default role carries
    // AWSLambdaBasicExecutionRole, which allows writing to every log group of the account.
    this.logGroup = new LogGroup(this, 'LogGroup', { retention: props.logRetentionDays as RetentionDays });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'org-trail-auditor: deploy-time lookup of the organization ID and root ID',
    });
    this.role.addToPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const describeOrganization: AwsSdkCall = {
      service: 'Organizations',
      action: 'DescribeOrganization',
      outputPaths: ['Organization.Id'],
      physicalResourceId: PhysicalResourceId.fromResponse('Organization.Id'),
    };
    const listRoots: AwsSdkCall = {
      service: 'Organizations',
      action: 'ListRoots',
      outputPaths: ['Roots.0.Id'],
      physicalResourceId: PhysicalResourceId.fromResponse('Roots.0.Id'),
    };
    const organization = new AwsCustomResource(this, 'DescribeOrganization', {
      onCreate: describeOrganization,
      onUpdate: describeOrganization,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
      role: this.role,
      logGroup: this.logGroup,
    });
    const roots = new AwsCustomResource(this, 'ListRoots', {
      onCreate: listRoots,
      onUpdate: listRoots,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
      role: this.role,
      logGroup: this.logGroup,
    });
    this.organizationId = organization.getResponseField('Organization.Id');
    this.rootId = roots.getResponseField('Roots.0.Id');
    this.resources = [organization, roots];

    acknowledgeAwsSolutionsFinding(
      this,
      'AwsSolutions-IAM5[Resource::*]',
      'organizations:DescribeOrganization and organizations:ListRoots support no resource-level permissions; they are the only actions these deploy-time lookups may call.',
    );
  }
}

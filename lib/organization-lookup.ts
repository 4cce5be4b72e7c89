import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeAwsSolutionsFinding } from './nag-acknowledgement';

/**
 * The organization's ID and root ID, read from AWS Organizations at deploy time (not at synth:
 * the app stays environment-agnostic and needs no credentials to synthesize). Used only when the
 * configuration does not name them.
 */
export class OrganizationLookup extends Construct {
  readonly organizationId: string;
  readonly rootId: string;
  readonly resources: AwsCustomResource[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
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
    });
    const roots = new AwsCustomResource(this, 'ListRoots', {
      onCreate: listRoots,
      onUpdate: listRoots,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    this.organizationId = organization.getResponseField('Organization.Id');
    this.rootId = roots.getResponseField('Roots.0.Id');
    this.resources = [organization, roots];

    acknowledgeAwsSolutionsFinding(
      this,
      'AwsSolutions-IAM5[Resource::*]',
      'organizations:DescribeOrganization and organizations:ListRoots support no resource-level permissions; they are the only actions these deploy-time lookups may call.',
    );
    // The provider function AwsCustomResource shares across the stack.
    const provider = Stack.of(this).node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) {
      acknowledgeAwsSolutionsFinding(
        provider,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The deploy-time lookup function of AwsCustomResource writes only its own logs; AWSLambdaBasicExecutionRole grants exactly that (CreateLogGroup/CreateLogStream/PutLogEvents) and is what the CDK construct attaches.',
      );
    }
  }
}

import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions finding on a construct (and its children), with the
 * reason it does not apply. `finding` is the rule ID, with the finding in brackets where the rule
 * reports several (`AwsSolutions-IAM5[Resource::*]`).
 */
export function acknowledgeAwsSolutionsFinding(scope: IConstruct, finding: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::${finding}`, reason });
}

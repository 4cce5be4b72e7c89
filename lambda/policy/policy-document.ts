/**
 * The shape of an IAM JSON policy document, as IAM, S3, KMS, SNS and Organizations store it.
 *
 * These types describe well-formed documents; the evaluator never trusts them at run time (a
 * document read from AWS is parsed JSON) and reads every element defensively (see parse-policy.ts).
 */

/** One string or a list of them: how IAM writes Action, Resource and principal lists. */
export type OneOrMany<T> = T | readonly T[];

/** `"*"`, or principals by kind. An `AWS` entry is an account ID, an `:root` ARN or a user/role ARN. */
export type PrincipalElement =
  | '*'
  | {
      AWS?: OneOrMany<string>;
      Service?: OneOrMany<string>;
      Federated?: OneOrMany<string>;
      CanonicalUser?: OneOrMany<string>;
    };

/** A condition value as written in JSON: IAM accepts numbers and booleans and compares them as text. */
export type ConditionValue = string | number | boolean;

/** `{ operator: { conditionKey: value | [values] } }`, e.g. `{ StringEquals: { 'aws:SourceArn': T } }`. */
export type ConditionElement = Readonly<Record<string, Readonly<Record<string, OneOrMany<ConditionValue>>>>>;

export type PolicyEffect = 'Allow' | 'Deny';

export interface PolicyStatement {
  Sid?: string;
  Effect: PolicyEffect;
  Principal?: PrincipalElement;
  NotPrincipal?: PrincipalElement;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Condition?: ConditionElement;
}

export interface PolicyDocument {
  /** `2012-10-17`, or `2008-10-17` in older SNS and SQS policies; both are read the same way. */
  Version?: string;
  Id?: string;
  Statement: OneOrMany<PolicyStatement>;
}

/** The synthesized state machine's definition as JSON, with its CloudFormation references resolved to sample ARNs. */
import type { Template } from 'aws-cdk-lib/assertions';
import { onlyResource } from './synthesize';

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  ResultPath?: string | null;
  Retry?: { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number; JitterStrategy?: string }[];
  Catch?: { ErrorEquals: string[]; ResultPath?: string; Next: string }[];
  Choices?: Record<string, unknown>[];
  Default?: string;
  ItemProcessor?: { ProcessorConfig: { Mode: string; ExecutionType: string }; StartAt: string; States: Record<string, AslState> };
  ItemReader?: { Resource: string; ReaderConfig: Record<string, unknown>; Parameters: Record<string, unknown> };
  ItemSelector?: Record<string, unknown>;
  MaxConcurrency?: number;
  ToleratedFailurePercentage?: number;
  Label?: string;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  Comment?: string;
}

type Part = string | { 'Fn::GetAtt'?: [string, string]; Ref?: string };

/** `Fn::GetAtt [X, Arn]` becomes a Lambda function ARN named X; `Ref AWS::Partition` becomes `aws`. */
export function stateMachineDefinition(template: Template): AslDefinition {
  const machine = onlyResource(template, 'AWS::StepFunctions::StateMachine');
  const join = (machine.Properties?.DefinitionString as { 'Fn::Join': [string, Part[]] })['Fn::Join'];
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.Ref === 'AWS::Partition') return 'aws';
      if (part['Fn::GetAtt']) return `arn:aws:lambda:us-east-1:123456789012:function:${part['Fn::GetAtt'][0]}`;
      throw new Error(`unexpected part of the definition: ${JSON.stringify(part)}`);
    })
    .join(join[0]);
  return JSON.parse(text) as AslDefinition;
}

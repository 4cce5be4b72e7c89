/**
 * Where the CLI finds the tables: names given on the command line, else the outputs of the
 * deployed stack (CloudFormation DescribeStacks, outputs FindingsTableName and RunsTableName).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { AuditTableNames } from './audit-store';
import { TABLE_NAME_OUTPUTS } from './table-design';

/** The app's stack name: the default of `--stack`. */
export const DEFAULT_STACK_NAME = 'OrgTrailAuditor';

export class TableLocationError extends Error {}

export interface TableLocation {
  findingsTable?: string;
  runsTable?: string;
  stackName: string;
}

export async function resolveAuditTableNames(location: TableLocation, cloudFormation: CloudFormationClient): Promise<AuditTableNames> {
  if (location.findingsTable && location.runsTable) return { findingsTable: location.findingsTable, runsTable: location.runsTable };
  let outputs: Map<string, string>;
  try {
    const answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: location.stackName }));
    outputs = new Map((answer.Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      throw new TableLocationError(`stack ${location.stackName} does not exist in this account and region; pass --stack NAME (and --region), or --table and --runs-table`);
    }
    throw error;
  }
  const findingsTable = location.findingsTable ?? outputs.get(TABLE_NAME_OUTPUTS.findings);
  const runsTable = location.runsTable ?? outputs.get(TABLE_NAME_OUTPUTS.runs);
  const missing = [!findingsTable && TABLE_NAME_OUTPUTS.findings, !runsTable && TABLE_NAME_OUTPUTS.runs].filter(Boolean);
  if (!findingsTable || !runsTable) {
    throw new TableLocationError(`stack ${location.stackName} has no output ${missing.join(' or ')}; is it the org-trail-auditor stack? Pass --table and --runs-table to name the tables`);
  }
  return { findingsTable, runsTable };
}

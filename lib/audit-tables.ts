import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { DELIVERY_PROOFS_TABLE } from '../lambda/collect/delivery-proof-table';
import { FINDINGS_TABLE, RUNS_TABLE, type KeyAttribute, type TableDesign } from '../lambda/findings/table-design';

/**
 * The findings table, the audit-runs table and the delivery-proofs table, built from the one table design the store and its
 * tests use. Point-in-time recovery and deletion protection on; retained when the stack is deleted.
 */
export class AuditTables extends Construct {
  readonly findings: Table;
  readonly runs: Table;
  /** The newest delivery each member-region proved, kept between runs (one listing per evidence window). */
  readonly deliveryProofs: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.findings = tableFromDesign(this, FINDINGS_TABLE);
    this.runs = tableFromDesign(this, RUNS_TABLE);
    this.deliveryProofs = tableFromDesign(this, DELIVERY_PROOFS_TABLE);
  }
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

function tableFromDesign(scope: Construct, design: TableDesign): Table {
  const table = new Table(scope, design.logicalName, {
    partitionKey: attribute(design.partitionKey),
    sortKey: design.sortKey ? attribute(design.sortKey) : undefined,
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    timeToLiveAttribute: design.timeToLiveAttribute,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of design.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}

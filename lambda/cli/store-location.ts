/** Where the deployed auditor's tables are, as the `findings` and `runs` commands are told. */
export interface StoreLocation {
  /** The findings table by name (with runsTable, CloudFormation is not asked). */
  table?: string;
  runsTable?: string;
  /** The deployed stack whose outputs name the tables (default OrgTrailAuditor). */
  stack?: string;
  /** Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region. */
  region?: string;
  /** A named profile of the shared AWS config and credentials files. */
  profile?: string;
}

import { defaultProductArn, headingAnchor, parseProductArn, ProductArnError, toAsffFinding, type AsffSource } from '../../lambda/integrate/asff-finding';
import { schemaErrors, validateAsffFinding } from './schema-validators';

const SOURCE: AsffSource = {
  checkId: 'S3-003',
  severity: 'MEDIUM',
  accountId: '222222222222',
  region: null,
  resource: 'org-trail-logs-222222222222',
  title: 'Lifecycle expires logs early',
  detail: 'current objects expire after 30 days',
  remediation: 'raise the expiration',
  findingId: 'S3-003#222222222222#-#org-trail-logs-222222222222',
  status: 'OPEN',
  firstSeenAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-01-05T00:00:00.000Z',
};
const CONTEXT = { productArn: defaultProductArn('aws-us-gov', 'us-gov-west-1', '111111111111'), updatedAt: '2026-01-05T00:00:01.000Z' };

describe('toAsffFinding', () => {
  test('a resolved finding is ARCHIVED and PASSED, still under its Id', () => {
    const asff = toAsffFinding({ ...SOURCE, status: 'RESOLVED' }, CONTEXT);

    expect(asff).toMatchObject({ Id: SOURCE.findingId, RecordState: 'ARCHIVED', Compliance: { Status: 'PASSED' }, ProductFields: { 'org-trail-auditor/Status': 'RESOLVED' } });
    expect(validateAsffFinding(asff)).toBe(true);
  });

  test('a bucket named without an ARN is an AwsS3Bucket in the product ARN partition; a global finding has no region on its resources', () => {
    const asff = toAsffFinding(SOURCE, CONTEXT);

    expect(asff.Region).toBe('us-gov-west-1');
    expect(asff.Resources).toEqual([
      { Type: 'AwsAccount', Id: 'AWS::::Account:222222222222', Partition: 'aws-us-gov' },
      { Type: 'AwsS3Bucket', Id: 'arn:aws-us-gov:s3:::org-trail-logs-222222222222', Partition: 'aws-us-gov' },
    ]);
    expect({ valid: validateAsffFinding(asff), errors: schemaErrors(validateAsffFinding) }).toEqual({ valid: true, errors: [] });
  });

  test('with checkReferenceUrl the recommendation links to the check heading of checks.md', () => {
    const asff = toAsffFinding(SOURCE, { ...CONTEXT, checkReferenceUrl: 'https://example.com/org-trail-auditor/docs/checks.md' });

    expect(asff.Remediation?.Recommendation?.Url).toMatch(/^https:\/\/example\.com\/org-trail-auditor\/docs\/checks\.md#s3-003-[a-z0-9-]+$/);
    expect(headingAnchor('S3-003: Lifecycle expires log files before minRetentionDays')).toBe('s3-003-lifecycle-expires-log-files-before-minretentiondays');
  });

  test('a product ARN that is not a default product ARN of its own account is refused by name', () => {
    expect(parseProductArn(CONTEXT.productArn)).toEqual({ partition: 'aws-us-gov', region: 'us-gov-west-1', accountId: '111111111111' });
    expect(() => parseProductArn('arn:aws:securityhub:us-east-1:111111111111:product/222222222222/default')).toThrow(ProductArnError);
    expect(() => toAsffFinding(SOURCE, { ...CONTEXT, productArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' })).toThrow('is not a default Security Hub product ARN');
  });
});

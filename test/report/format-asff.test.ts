import type { Finding } from '../../lambda/findings/finding';
import { ASFF_LIMITS } from '../../lambda/integrate/asff-finding';
import { renderReport } from '../../lambda/report/report-format';
import { buildReport } from '../../lambda/report/report';
import { schemaErrors, validateAsffFinding } from '../integrate/schema-validators';
import { fixture, healthyOrg } from '../support/snapshots';
import { evaluate } from '../../lambda/checks/evaluate';
import { resolveSettings } from '../../lambda/checks/settings';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    checkId: 'DLV-001',
    severity: 'CRITICAL',
    accountId: '333333333333',
    region: 'us-east-1',
    resource: TRAIL,
    title: 'Organization trail is not logging',
    detail: 'IsLogging is false',
    remediation: 'aws cloudtrail start-logging --name org-trail',
    ...overrides,
  };
}

interface AsffDocument {
  Findings: Record<string, unknown>[];
}

function render(findings: Finding[]): AsffDocument {
  const snapshot = healthyOrg();
  return JSON.parse(renderReport(buildReport(snapshot, findings), 'asff', { colour: false, snapshot })) as AsffDocument;
}

describe('--format asff', () => {
  test('the demo organization prints one valid ASFF finding per finding, in the BatchImportFindings request shape', () => {
    const snapshot = fixture('demo-org');
    const { findings } = evaluate(snapshot, resolveSettings({}));

    const document = JSON.parse(renderReport(buildReport(snapshot, findings), 'asff', { colour: false, snapshot })) as AsffDocument;

    expect(Object.keys(document)).toEqual(['Findings']);
    expect(document.Findings).toHaveLength(findings.length);
    expect(findings.length).toBeGreaterThan(5);
    for (const asff of document.Findings) {
      expect({ id: asff.Id, valid: validateAsffFinding(asff), errors: schemaErrors(validateAsffFinding) }).toEqual({ id: asff.Id, valid: true, errors: [] });
    }
  });

  test('a finding maps to the management account with the audited account as an AwsAccount resource', () => {
    const [asff] = render([finding()]).Findings;

    expect(asff).toMatchObject({
      Id: `DLV-001#333333333333#us-east-1#${TRAIL}`,
      GeneratorId: 'DLV-001',
      AwsAccountId: '111111111111',
      ProductArn: 'arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default',
      Compliance: { Status: 'FAILED' },
      RecordState: 'ACTIVE',
      FindingProviderFields: { Severity: { Label: 'CRITICAL', Original: 'CRITICAL' } },
      Resources: [
        { Type: 'AwsAccount', Id: 'AWS::::Account:333333333333', Partition: 'aws', Region: 'us-east-1', Details: { Other: { AccountName: 'workload-333' } } },
        { Type: 'AwsCloudTrailTrail', Id: TRAIL, Partition: 'aws', Region: 'us-east-1' },
      ],
    });
  });

  test('the analyst fields are never sent, and severity goes only through FindingProviderFields', () => {
    const [asff] = render([finding()]).Findings;

    for (const field of ['Workflow', 'WorkflowState', 'Note', 'UserDefinedFields', 'VerificationState', 'Severity']) expect(asff).not.toHaveProperty(field);
  });

  test('text beyond the ASFF limits is cut, says so and points to the whole finding', () => {
    const long = finding({ title: 'T'.repeat(400), detail: 'D'.repeat(5000), remediation: 'R'.repeat(3000) });

    const [asff] = render([long]).Findings as { Title: string; Description: string; Remediation: { Recommendation: { Text: string } } }[];

    expect(asff?.Title).toHaveLength(ASFF_LIMITS.title);
    expect(asff?.Description).toHaveLength(ASFF_LIMITS.description);
    expect(asff?.Description).toContain("[truncated; the whole text: org-trail-auditor findings show 'DLV-001#333333333333#us-east-1#");
    expect(asff?.Remediation.Recommendation.Text).toHaveLength(ASFF_LIMITS.recommendationText);
    expect(validateAsffFinding(asff)).toBe(true);
  });

  test('an identity longer than an ASFF Id keeps its check and account and a digest, the same on every run', () => {
    const longResource = finding({ resource: `bucket-${'x'.repeat(600)}` });

    const first = render([longResource]).Findings[0] as { Id: string };
    const second = render([longResource]).Findings[0] as { Id: string };

    expect(first.Id.length).toBeLessThanOrEqual(ASFF_LIMITS.id);
    expect(first.Id).toMatch(/^DLV-001#333333333333#us-east-1#sha256:[0-9a-f]{64}$/);
    expect(second.Id).toBe(first.Id);
  });

  test('the schema rejects a finding without a required attribute (the test can fail)', () => {
    const [asff] = render([finding()]).Findings;
    const { Resources: _resources, ...withoutResources } = asff as Record<string, unknown>;

    expect(validateAsffFinding(withoutResources)).toBe(false);
    expect(schemaErrors(validateAsffFinding).join()).toContain("must have required property 'Resources'");
  });
});

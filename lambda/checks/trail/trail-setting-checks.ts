/**
 * CFG checks that read only the org trail itself, as its owner sees it in its home region:
 * log file validation (CFG-001), encryption (CFG-002), CloudWatch Logs (CFG-005), event
 * selectors (CFG-008, CFG-009), Insights (CFG-010) and global service events (CFG-011).
 *
 * An optional setting that DescribeTrails leaves out (KmsKeyId, CloudWatchLogsLogGroupArn) is not
 * configured; a flag it leaves out, or a selector read that failed or was not made, was not
 * collected, and the check is skipped for that trail.
 */
import { answerOf, type SnapshotInsightSelectors } from '../../snapshot/types';
import type { EvaluationContext } from '../context';
import type { OrgTrail } from '../model';
import { managementEventCoverage, recordsS3ObjectDataEvents } from './trail-event-selectors';
import { trailSubject } from './trail-resources';

export function evaluateTrailSettingChecks(context: EvaluationContext): void {
  for (const trail of context.model.orgTrails) {
    checkLogFileValidation(context, trail);
    checkEncryption(context, trail);
    checkCloudWatchLogsIntegration(context, trail);
    checkEventSelectors(context, trail);
    checkInsights(context, trail);
    checkGlobalServiceEvents(context, trail);
  }
}

function trailVars(trail: OrgTrail): { trailArn: string; region: string } {
  return { trailArn: trail.arn, region: trail.homeRegion };
}

function checkLogFileValidation(context: EvaluationContext, trail: OrgTrail): void {
  const enabled = trail.trail.LogFileValidationEnabled;
  if (enabled === false) {
    context.fire('CFG-001', trailSubject(trail), `Org trail ${trail.name} has LogFileValidationEnabled false: no digest files are delivered.`, trailVars(trail));
  } else if (enabled === true) {
    context.evaluated('CFG-001', trailSubject(trail));
  }
}

function checkEncryption(context: EvaluationContext, trail: OrgTrail): void {
  if (trail.trail.KmsKeyId) {
    context.evaluated('CFG-002', trailSubject(trail));
  } else {
    context.fire('CFG-002', trailSubject(trail), `Org trail ${trail.name} has no KmsKeyId: its log files are encrypted with SSE-S3 only.`, trailVars(trail));
  }
}

function checkCloudWatchLogsIntegration(context: EvaluationContext, trail: OrgTrail): void {
  if (trail.trail.CloudWatchLogsLogGroupArn) {
    context.evaluated('CFG-005', trailSubject(trail));
  } else {
    context.fire('CFG-005', trailSubject(trail), `Org trail ${trail.name} has no CloudWatchLogsLogGroupArn: its events are not sent to CloudWatch Logs.`, trailVars(trail));
  }
}

function checkEventSelectors(context: EvaluationContext, trail: OrgTrail): void {
  const selectors = answerOf(trail.eventSelectors);
  if (!selectors) return;

  const management = managementEventCoverage(selectors);
  if (management.reads && management.writes) {
    context.evaluated('CFG-008', trailSubject(trail));
  } else {
    const missing = !management.reads && !management.writes ? 'reads or writes' : management.reads ? 'writes' : 'reads';
    const why = management.limitations.length > 0 ? ` (${management.limitations.join('; ')})` : ' (no selector includes management events)';
    context.fire('CFG-008', trailSubject(trail), `Org trail ${trail.name} does not record all management ${missing}${why}.`, trailVars(trail));
  }

  if (recordsS3ObjectDataEvents(selectors)) {
    context.evaluated('CFG-009', trailSubject(trail));
  } else {
    context.fire('CFG-009', trailSubject(trail), `Org trail ${trail.name} has no event selector for data events of AWS::S3::Object.`, trailVars(trail));
  }
}

/**
 * Insights is on when GetInsightSelectors lists at least one insight type. When that call was not
 * made or failed, the trail's own HasInsightSelectors flag (from DescribeTrails) answers instead.
 */
/**
 * Whether Insights watches management events: some insight selector whose EventCategories is
 * absent, empty (CHECKS.md v2: `[]` reads as absent) or includes `Management`.
 * `{ enabled: false, dataOnly }` names the selectors that watch data events only.
 */
function managementInsights(trail: OrgTrail): { enabled: boolean; dataOnly: string[] } | undefined {
  if (trail.insightSelectors === null) return { enabled: false, dataOnly: [] };
  const selectors: SnapshotInsightSelectors | undefined = answerOf(trail.insightSelectors);
  if (!selectors) return trail.trail.HasInsightSelectors === undefined ? undefined : { enabled: trail.trail.HasInsightSelectors, dataOnly: [] };
  const list = selectors.InsightSelectors ?? [];
  const watchesManagement = (categories: readonly string[] | undefined) => !categories || categories.length === 0 || categories.includes('Management');
  return {
    enabled: list.some((selector) => watchesManagement(selector.EventCategories)),
    dataOnly: list.filter((selector) => !watchesManagement(selector.EventCategories)).map((selector) => selector.InsightType ?? '(no type)'),
  };
}

function checkInsights(context: EvaluationContext, trail: OrgTrail): void {
  const insights = managementInsights(trail);
  if (insights === undefined) return;
  if (!insights.enabled) {
    const observed = insights.dataOnly.length
      ? `has Insights selectors (${insights.dataOnly.join(', ')}) whose EventCategories leave out Management: they watch data events only`
      : 'has no Insights selectors';
    context.fire('CFG-010', trailSubject(trail), `Org trail ${trail.name} ${observed}; unusual management API call or error rates are not detected.`, trailVars(trail));
  } else {
    context.evaluated('CFG-010', trailSubject(trail));
  }
}

function checkGlobalServiceEvents(context: EvaluationContext, trail: OrgTrail): void {
  const { IsMultiRegionTrail: multiRegion, IncludeGlobalServiceEvents: global } = trail.trail;
  if (multiRegion === true && global === false) {
    context.fire(
      'CFG-011',
      trailSubject(trail),
      `Org trail ${trail.name} is multi-region but has IncludeGlobalServiceEvents false: IAM, STS and CloudFront events are not recorded.`,
      trailVars(trail),
    );
  } else if (multiRegion === false || (multiRegion === true && global === true)) {
    // A single-region trail is ORG-002's concern: CFG-011 does not apply, and was looked at.
    context.evaluated('CFG-011', trailSubject(trail));
  }
}

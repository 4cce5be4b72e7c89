/**
 * BatchImportFindings within Security Hub's limits: at most 100 findings and 6 MB per call, 240 KB
 * per finding, 10 calls per second with bursts of 30 (a token bucket). Findings the service
 * refuses (`FailedFindings`) and calls that fail outright are reported per finding, for the
 * caller to keep pending: an import is an upsert by `Id`, so sending one again never duplicates it.
 */
import { BatchImportFindingsCommand, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ASFF_LIMITS } from './asff-finding';
import { TokenBucket } from './token-bucket';

export const SECURITY_HUB_LIMITS = {
  findingsPerCall: 100,
  bytesPerCall: 6 * 1024 * 1024,
  ratePerSecond: 10,
  burst: 30,
} as const;

/** A finding Security Hub did not take, with its reason (the service's ErrorCode, or the call's error name). */
export interface FailedImport {
  id: string;
  errorCode: string;
  errorMessage: string;
}

export interface ImportOutcome {
  /** Ids Security Hub accepted. */
  imported: string[];
  failed: FailedImport[];
  /** BatchImportFindings calls made. */
  calls: number;
}

/** The bucket every import of one Lambda instance shares (the limit is per account and region). */
export function securityHubRateLimiter(): TokenBucket {
  return new TokenBucket({ ratePerSecond: SECURITY_HUB_LIMITS.ratePerSecond, burst: SECURITY_HUB_LIMITS.burst });
}

export async function importFindings(client: SecurityHubClient, findings: readonly AwsSecurityFinding[], limiter: TokenBucket): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: [], failed: [], calls: 0 };
  const sendable: { finding: AwsSecurityFinding; bytes: number }[] = [];
  for (const finding of findings) {
    const bytes = Buffer.byteLength(JSON.stringify(finding));
    if (bytes > ASFF_LIMITS.findingBytes) {
      outcome.failed.push({ id: finding.Id ?? '', errorCode: 'FindingTooLarge', errorMessage: `${bytes} bytes; Security Hub accepts at most ${ASFF_LIMITS.findingBytes}` });
    } else {
      sendable.push({ finding, bytes });
    }
  }
  for (const batch of batches(sendable)) {
    await limiter.take();
    outcome.calls += 1;
    const ids = batch.map((finding) => finding.Id ?? '');
    try {
      const answer = await client.send(new BatchImportFindingsCommand({ Findings: batch }));
      const failed = new Map((answer.FailedFindings ?? []).map((f) => [f.Id ?? '', f]));
      for (const id of ids) {
        const failure = failed.get(id);
        if (failure) outcome.failed.push({ id, errorCode: failure.ErrorCode ?? 'Unknown', errorMessage: failure.ErrorMessage ?? '' });
        else outcome.imported.push(id);
      }
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      for (const id of ids) outcome.failed.push({ id, errorCode: name, errorMessage: message });
    }
  }
  return outcome;
}

/** Findings in calls of at most 100 and 6 MB (the request's own JSON counted). */
function batches(findings: readonly { finding: AwsSecurityFinding; bytes: number }[]): AwsSecurityFinding[][] {
  const envelope = Buffer.byteLength('{"Findings":[]}');
  const result: AwsSecurityFinding[][] = [];
  let current: AwsSecurityFinding[] = [];
  let bytes = envelope;
  for (const { finding, bytes: size } of findings) {
    const added = size + (current.length > 0 ? 1 : 0);
    if (current.length === SECURITY_HUB_LIMITS.findingsPerCall || bytes + added > SECURITY_HUB_LIMITS.bytesPerCall) {
      result.push(current);
      current = [];
      bytes = envelope;
    }
    bytes += size + (current.length > 0 ? 1 : 0);
    current.push(finding);
  }
  if (current.length > 0) result.push(current);
  return result;
}

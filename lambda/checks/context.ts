import { compareFindings, findingKey, type Finding, type FindingSubject, type Severity } from '../findings/finding';
import type { Snapshot } from '../snapshot/types';
import { fillTemplate, type CheckDefinition, type RemediationVars } from './definition';
import type { AuditModel } from './model';
import type { EvaluationSettings } from './settings';

/**
 * What one evaluation found, and what it looked at.
 *
 * `coverage` holds the finding key (see findingKey) of every check × subject this evaluation
 * actually evaluated, whether it fired or not. Reconcile resolves a stored finding only when its
 * key is covered and absent from `findings`: an account that could not be entered, a region that
 * errored or a resource that could not be read resolves nothing.
 */
export interface EvaluationResult {
  findings: Finding[];
  coverage: ReadonlySet<string>;
  /**
   * Which accounts this evaluation audited, and whether the organization's account list was read
   * whole. Reconcile resolves the findings of an account that is no longer audited (it left the
   * organization, or is not ACTIVE) only when `listComplete` is true (AUD-004).
   */
  accountScope: AccountScope;
}

export interface AccountScope {
  /** The ACTIVE accounts of the organization, management account included. */
  auditedAccountIds: ReadonlySet<string>;
  /** False when ListAccounts stopped early or failed (`accountsIncomplete`, `accounts: {error}`). */
  listComplete: boolean;
}

/**
 * The state of one evaluation, handed to every check family. Checks never build findings by hand:
 * they call `fire` (which also records coverage) or `evaluated` (a subject looked at and healthy).
 */
export class EvaluationContext {
  readonly now: number;
  private readonly findings: Finding[] = [];
  private readonly covered = new Set<string>();

  constructor(
    readonly snapshot: Snapshot,
    readonly settings: EvaluationSettings,
    readonly model: AuditModel,
    private readonly definitions: ReadonlyMap<string, CheckDefinition>,
  ) {
    this.now = Date.parse(snapshot.capturedAt);
  }

  /** Records that `checkId` was evaluated for `subject` (and found nothing, unless it fires too). */
  evaluated(checkId: string, subject: FindingSubject): void {
    this.definition(checkId);
    this.covered.add(findingKey({ checkId, ...subject }));
  }

  /** Raises a finding of `checkId` about `subject`. */
  fire(checkId: string, subject: FindingSubject, detail: string, vars: RemediationVars, severity?: Severity): void {
    const definition = this.definition(checkId);
    this.evaluated(checkId, subject);
    this.findings.push({
      checkId,
      severity: severity ?? definition.severity,
      accountId: subject.accountId,
      region: subject.region,
      resource: subject.resource,
      title: definition.title,
      detail,
      remediation: fillTemplate(definition.remediation, vars, checkId),
    });
  }

  /** Minutes between an ISO timestamp and the snapshot's capturedAt; undefined when unparseable. */
  minutesBefore(iso: string | undefined | null): number | undefined {
    if (!iso) return undefined;
    const time = Date.parse(iso);
    return Number.isNaN(time) ? undefined : (this.now - time) / 60_000;
  }

  result(): EvaluationResult {
    const unique = new Map<string, Finding>();
    for (const finding of this.findings) unique.set(findingKey(finding), finding);
    return {
      findings: [...unique.values()].sort(compareFindings),
      coverage: this.covered,
      accountScope: {
        auditedAccountIds: new Set(this.model.auditedAccounts.map((account) => account.Id ?? '')),
        listComplete: this.snapshot.accountsIncomplete === undefined && Array.isArray(this.snapshot.accounts),
      },
    };
  }

  private definition(checkId: string): CheckDefinition {
    const definition = this.definitions.get(checkId);
    if (!definition) throw new Error(`unknown check ${checkId}`);
    return definition;
  }
}

/** One family of checks: its definitions and the function that evaluates them all. */
export interface CheckFamily {
  checks: readonly CheckDefinition[];
  evaluate(context: EvaluationContext): void;
}

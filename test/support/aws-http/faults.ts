/**
 * Per-call fault injection: which calls (by service, operation, account, region, the call's number
 * among those that match, or any test of the request) get which fault.
 */
import type { AwsRequest, AwsService } from './aws-request';

export type Fault =
  /** Answer normally, `ms` later. */
  | { kind: 'latency'; ms: number }
  /** Accept the request and never answer (until the server closes). */
  | { kind: 'stall' }
  /** The service's own throttling error. */
  | { kind: 'throttle' }
  /** A server-side failure: 500 InternalFailure or 503 ServiceUnavailable. */
  | { kind: 'serverError'; code: 'InternalFailure' | 'ServiceUnavailable' }
  /** Destroy the connection without an answer (ECONNRESET on the client). */
  | { kind: 'reset' }
  | { kind: 'expiredToken' }
  | { kind: 'accessDenied' };

export interface FaultRule {
  service?: AwsService;
  /** The operation's name, e.g. `ListAccounts`, `DescribeTrails`. */
  operation?: string;
  /** The account whose credentials signed the call. */
  accountId?: string;
  region?: string;
  /** Any other test of the call (e.g. a ListAccounts page by its NextToken). */
  matches?: (call: FaultCall) => boolean;
  /** Which of the matching calls (1-based, in arrival order) get the fault; default every one. */
  callNumbers?: readonly number[];
  /** At most this many calls get the fault; default unlimited. */
  times?: number;
  fault: Fault;
}

/** A call as fault rules see it: the request and the account that signed it. */
export interface FaultCall extends Pick<AwsRequest, 'service' | 'operation' | 'region' | 'input'> {
  accountId: string;
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  applied: number;
}

export class FaultPlan {
  private readonly rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, matched: 0, applied: 0 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The faults of the first rules that match this call (a latency may combine with another fault). */
  faultsFor(call: FaultCall): Fault[] {
    const faults: Fault[] = [];
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.service && rule.service !== call.service) continue;
      if (rule.operation && rule.operation !== call.operation) continue;
      if (rule.accountId && rule.accountId !== call.accountId) continue;
      if (rule.region && rule.region !== call.region) continue;
      if (rule.matches && !rule.matches(call)) continue;
      active.matched++;
      if (rule.callNumbers && !rule.callNumbers.includes(active.matched)) continue;
      if (rule.times !== undefined && active.applied >= rule.times) continue;
      active.applied++;
      faults.push(rule.fault);
    }
    return faults;
  }
}

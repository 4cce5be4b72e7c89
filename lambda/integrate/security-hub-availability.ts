/**
 * Is Security Hub on in this account and region? With `securityHubImport: auto` the audit
 * function asks DescribeHub once per cold start: InvalidAccessException means the account is not
 * subscribed (import skipped); any other error leaves the answer unknown for this run (nothing is
 * imported or dropped, and the next run asks again).
 */
import { DescribeHubCommand, InvalidAccessException, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { SecurityHubState } from './run-integration-counts';

export const SECURITY_HUB_IMPORT_MODES = ['auto', 'enabled', 'disabled'] as const;
export type SecurityHubImportMode = (typeof SECURITY_HUB_IMPORT_MODES)[number];

export function isSecurityHubImportMode(value: string): value is SecurityHubImportMode {
  return (SECURITY_HUB_IMPORT_MODES as readonly string[]).includes(value);
}

export class SecurityHubAvailability {
  private known: Promise<SecurityHubState> | undefined;

  constructor(
    private readonly mode: SecurityHubImportMode,
    private readonly client: SecurityHubClient,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {}

  /** IMPORTING, DISABLED or NOT_ENABLED (cached), or UNKNOWN (asked again next time). */
  async state(): Promise<SecurityHubState> {
    if (this.mode === 'disabled') return 'DISABLED';
    if (this.mode === 'enabled') return 'IMPORTING';
    this.known ??= this.probe();
    const state = await this.known;
    if (state === 'UNKNOWN') this.known = undefined;
    return state;
  }

  private async probe(): Promise<SecurityHubState> {
    try {
      await this.client.send(new DescribeHubCommand({}));
      return 'IMPORTING';
    } catch (error) {
      if (error instanceof InvalidAccessException) return 'NOT_ENABLED';
      this.warn(`Security Hub: DescribeHub failed, nothing imported this run: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      return 'UNKNOWN';
    }
  }
}

import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';

/** Credentials are renewed when they expire within this margin. */
const RENEWAL_MARGIN_MS = 5 * 60_000;

/**
 * The audit role's credentials in each member account: one AssumeRole per account per run (renewed
 * only if a run outlives them), shared by every client of that account. A failed AssumeRole is
 * remembered too, so that an account that refused us is not asked again in the same run.
 */
export class AssumedRoleCredentials {
  private readonly cache = new Map<string, Promise<AwsCredentialIdentity>>();

  constructor(
    private readonly sts: STSClient,
    private readonly roleArnOf: (accountId: string) => Promise<string>,
    private readonly sessionName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account's credentials, assuming the role on first use. Rejects with the STS error. */
  credentialsFor(accountId: string): Promise<AwsCredentialIdentity> {
    const cached = this.cache.get(accountId);
    if (cached) return cached.then((credentials) => (this.isFresh(credentials) ? credentials : this.renew(accountId)));
    return this.renew(accountId);
  }

  private renew(accountId: string): Promise<AwsCredentialIdentity> {
    const pending = this.assume(accountId);
    this.cache.set(accountId, pending);
    return pending;
  }

  private isFresh(credentials: AwsCredentialIdentity): boolean {
    return !credentials.expiration || credentials.expiration.getTime() - this.now() > RENEWAL_MARGIN_MS;
  }

  private async assume(accountId: string): Promise<AwsCredentialIdentity> {
    const output = await this.sts.send(
      new AssumeRoleCommand({ RoleArn: await this.roleArnOf(accountId), RoleSessionName: this.sessionName }),
    );
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw Object.assign(new Error(`AssumeRole into ${accountId} returned no credentials`), { name: 'InvalidAssumeRoleResponse' });
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
      accountId,
    };
  }
}

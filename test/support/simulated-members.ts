/**
 * Grows a test organization: adds members shaped like one of its healthy members, each with every
 * default region enabled, for tests that need more accounts or regions than the fixtures hold.
 */
import type { ListedSnapshot } from '../../lambda/snapshot/types';
import { DEFAULT_REGIONS } from './simulated-regions';

/** Adds `count` ACTIVE members (IDs 9000000000NN), copies of `template`'s data with all 17 default regions. */
export function withMembers(snapshot: ListedSnapshot, count: number, template: string): ListedSnapshot {
  const templateData = snapshot.accountData[template];
  const templateAccount = snapshot.accounts.find((a) => a.Id === template);
  if (!templateData || !templateAccount) throw new Error(`no member ${template} to copy`);
  for (let i = 0; i < count; i++) {
    const id = `9000000${String(i).padStart(5, '0')}`;
    snapshot.accounts.push({ ...templateAccount, Id: id, Arn: templateAccount.Arn?.replace(template, id), Name: `member-${i}` });
    snapshot.accountData[id] = {
      ...JSON.parse(JSON.stringify(templateData)),
      regions: undefined,
      ec2Regions: DEFAULT_REGIONS.map((RegionName) => ({ RegionName, Endpoint: `ec2.${RegionName}.amazonaws.com`, OptInStatus: 'opt-in-not-required' })),
    };
    delete snapshot.accountData[id]?.regions;
  }
  return snapshot;
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveRegion } from '../../lambda/cli/live-audit';

/** The shared config file the SDK and the AWS CLI read, pointed at a temporary one for the test. */
function withConfigFile(text: string): () => void {
  const saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION, AWS_PROFILE: process.env.AWS_PROFILE };
  const path = join(mkdtempSync(join(tmpdir(), 'aws-config-')), 'config');
  writeFileSync(path, text);
  process.env.AWS_CONFIG_FILE = path;
  delete process.env.AWS_REGION;
  delete process.env.AWS_DEFAULT_REGION;
  delete process.env.AWS_PROFILE;
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

describe('the live audit\'s region', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = withConfigFile('[default]\nregion = us-west-2\n\n[profile audit]\nregion = eu-west-1\n');
  });
  afterEach(() => restore());

  it('is the profile\'s region when --region and AWS_REGION are absent', async () => {
    expect(await liveRegion({ profile: 'audit' }, { env: {} })).toBe('eu-west-1');
    expect(await liveRegion({}, { env: { AWS_PROFILE: 'audit' } })).toBe('eu-west-1');
    expect(await liveRegion({}, { env: {} })).toBe('us-west-2');
  });

  it('gives way to --region, then AWS_REGION', async () => {
    expect(await liveRegion({ profile: 'audit', region: 'ap-south-1' }, { env: { AWS_REGION: 'sa-east-1' } })).toBe('ap-south-1');
    expect(await liveRegion({ profile: 'audit' }, { env: { AWS_REGION: 'sa-east-1' } })).toBe('sa-east-1');
  });

  it('is us-east-1 when nothing names one', async () => {
    restore();
    restore = withConfigFile('[profile other]\noutput = json\n');
    expect(await liveRegion({ profile: 'audit' }, { env: {} })).toBe('us-east-1');
  });
});

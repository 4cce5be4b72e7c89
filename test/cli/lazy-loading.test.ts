/**
 * `--version`, `--help` and an offline audit start fast because they load no AWS SDK client, no
 * collector and no CDK: each of those modules here fails the test as soon as something loads it.
 */
import { join } from 'node:path';
import { EXIT } from '../../lambda/cli/io';
import { main } from '../../lambda/cli/main';
import { recordingIo } from './recording-io';

// Module factories run when something requires the module, long after these lines ran.
const mockLoaded: string[] = [];
function mockTripwire(name: string): never {
  mockLoaded.push(name);
  throw new Error(`${name} was loaded`);
}
jest.mock('../../lambda/collect', () => mockTripwire('lambda/collect'));
jest.mock('../../lambda/cli/live-audit', () => mockTripwire('lambda/cli/live-audit'));
jest.mock('../../lambda/cli/findings-commands', () => mockTripwire('lambda/cli/findings-commands'));
jest.mock('@aws-sdk/client-sts', () => mockTripwire('@aws-sdk/client-sts'));
jest.mock('@aws-sdk/client-dynamodb', () => mockTripwire('@aws-sdk/client-dynamodb'));
jest.mock('@aws-sdk/client-cloudformation', () => mockTripwire('@aws-sdk/client-cloudformation'));
jest.mock('aws-cdk-lib', () => mockTripwire('aws-cdk-lib'));

const DEMO = join(__dirname, '..', '..', 'examples', 'demo-org.json');

describe('what the CLI loads', () => {
  it.each([[['--version']], [['--help']], [['audit', '--snapshot', DEMO, '--format', 'html']], [['checks']]])('%j loads no SDK client, collector or CDK', async (args) => {
    const io = recordingIo();
    expect(await main(args, io)).toBe(EXIT.OK);
    expect(mockLoaded).toEqual([]);
  });

  it('the tripwires work: a live audit loads the collector', async () => {
    const io = recordingIo();
    expect(await main(['audit'], io)).toBe(EXIT.FAILED);
    expect(mockLoaded).toContain('lambda/cli/live-audit');
  });
});

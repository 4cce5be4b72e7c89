import { remediationCommands, remediationParts } from '../../lambda/report/remediation-text';

describe('remediation text', () => {
  it('tells AWS CLI commands from inline code and prose', () => {
    expect(remediationParts('Allow `s3:PutObject`, then run `aws s3api get-bucket-policy --bucket b`.')).toEqual([
      { kind: 'text', text: 'Allow ' },
      { kind: 'code', text: 's3:PutObject' },
      { kind: 'text', text: ', then run ' },
      { kind: 'command', text: 'aws s3api get-bucket-policy --bucket b' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps an unclosed backquote as text', () => {
    expect(remediationParts('Run `aws sts get-caller-identity` and `this')).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'command', text: 'aws sts get-caller-identity' },
      { kind: 'text', text: ' and ' },
      { kind: 'text', text: '`this' },
    ]);
  });

  it('lists the commands of a remediation in order', () => {
    expect(remediationCommands('`aws a b`, `awsome`, `aws c d`')).toEqual(['aws a b', 'aws c d']);
  });
});

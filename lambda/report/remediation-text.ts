/**
 * A remediation text cut into what the reports show differently: prose, inline code (`s3:PutObject`)
 * and AWS CLI commands (`aws cloudtrail start-logging …`), which the reports set on their own,
 * unbroken, so they can be copied and pasted whole.
 */
export type RemediationPart =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'command'; text: string };

/** A backquoted span that starts with `aws ` is a command; any other backquoted span is code. */
export function remediationParts(remediation: string): RemediationPart[] {
  const parts: RemediationPart[] = [];
  const pieces = remediation.split('`');
  // An odd number of backquotes leaves the last span open: it is text, with its backquote back.
  const closed = pieces.length % 2 === 1 ? pieces.length : pieces.length - 1;
  pieces.forEach((piece, index) => {
    const quoted = index % 2 === 1 && index < closed;
    if (!quoted) {
      const text = index >= closed ? `\`${piece}` : piece;
      if (text !== '') parts.push({ kind: 'text', text });
    } else if (/^aws\s/.test(piece)) {
      parts.push({ kind: 'command', text: piece });
    } else {
      parts.push({ kind: 'code', text: piece });
    }
  });
  return parts;
}

/** The AWS CLI commands of a remediation, in order. */
export function remediationCommands(remediation: string): string[] {
  return remediationParts(remediation)
    .filter((part) => part.kind === 'command')
    .map((part) => part.text);
}

/**
 * Wrapping for the terminal report: at word boundaries only, never inside a word (an ARN longer
 * than the line gets a line of its own), and AWS CLI commands on lines of their own, whole, so they
 * can be copied and pasted.
 */
import { remediationParts } from './remediation-text';

/** The width the table report wraps to when standard output is not a terminal. */
export const DEFAULT_WIDTH = 100;
/** Narrower than this, wrapping helps nobody: the report wraps at this width anyway. */
export const MIN_WIDTH = 40;

/** `text` as lines of at most `width` characters (a longer word stands alone), each starting with `indent`. */
export function wrapText(text: string, width: number, indent: string, firstIndent = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = lines.length === 0 ? firstIndent : indent;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = indent + word;
      } else {
        line += empty ? word : ` ${word}`;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * A remediation as lines: the prose wrapped after "Fix: ", each AWS CLI command on a line of its own
 * (indented further, never broken, whatever its length), the prose resuming after it.
 */
export function wrapRemediation(remediation: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let prose = 'Fix: ';
  const flush = () => {
    // The command leaves its own line: an opening "(" before it and the punctuation after it go too.
    const text = prose.replace(/^[\s.,;)]+/, '').replace(/[\s(]+$/, '');
    if (text !== '') lines.push(...wrapText(text, width, `${indent}  `, indent));
    prose = '';
  };
  for (const part of remediationParts(remediation)) {
    if (part.kind === 'command') {
      flush();
      lines.push(`${indent}    ${part.text}`);
    } else {
      prose += part.kind === 'code' ? `\`${part.text}\`` : part.text;
    }
  }
  flush();
  return lines;
}

/**
 * What SNS accepts in a Publish: a Subject of printable ASCII with no line breaks, under 100
 * characters, starting with a letter, number or punctuation; a message of at most 256 KB
 * (262,144 bytes) counting the message attributes' names, types and values.
 */

export const SNS_MAX_PUBLISH_BYTES = 262_144;
export const SNS_MAX_SUBJECT_LENGTH = 99;

/**
 * Makes any text a valid SNS subject: accents folded to ASCII, other characters replaced by `?`,
 * whitespace collapsed, leading characters SNS refuses dropped, long text cut with `...`.
 */
export function toSnsSubject(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
    .replace(/^[^A-Za-z0-9!-/:-@[-`{-~]+/, '');
  const subject = ascii === '' ? 'org-trail-auditor alert' : ascii;
  return subject.length <= SNS_MAX_SUBJECT_LENGTH ? subject : `${subject.slice(0, SNS_MAX_SUBJECT_LENGTH - 3).trimEnd()}...`;
}

/** True when SNS would accept `subject`. */
export function isValidSnsSubject(subject: string): boolean {
  return subject.length > 0 && subject.length <= SNS_MAX_SUBJECT_LENGTH && /^[\x21-\x7e][\x20-\x7e]*$/.test(subject);
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

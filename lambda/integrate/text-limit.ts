/**
 * Text cut to a destination's limit, saying that it was cut and where the whole text is: a
 * Security Hub field or an EventBridge entry never silently loses the end of a finding.
 */

/** `text` if it fits in `maxLength` characters; otherwise its start and a note that it was truncated. */
export function textWithin(text: string, maxLength: number, wholeTextAt?: string): string {
  if (text.length <= maxLength) return text;
  const note = wholeTextAt ? ` … [truncated; the whole text: ${wholeTextAt}]` : ' … [truncated]';
  if (note.length >= maxLength) return text.slice(0, maxLength);
  return `${text.slice(0, maxLength - note.length)}${note}`;
}

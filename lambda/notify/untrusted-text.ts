/**
 * Text that comes from the audited organization — account names, policy Sids, error messages,
 * resource names, a finding's detail — is data, never layout. Every such string goes through one of
 * these functions before it reaches a channel: control, zero-width and bidirectional characters are
 * removed, its length is bounded, and it is escaped for the channel it is written to.
 *
 * - plain-text email: `plainLine` for a field on one line; `quotedBlock` for multi-line text, every
 *   line prefixed with `  | `, so no injected line can pass for one of the alert's own headings
 *   ("WHAT TO DO") or sign-off;
 * - Slack / Teams through AWS Chatbot (client markdown): `chatText` and `chatCode` — always one
 *   line (an injected line cannot stand on its own), `&`, `<`, `>` escaped (so
 *   `<https://evil|click>` and `<!channel>` are shown, not acted on), `@channel`-style mentions
 *   broken, backticks that would end a code span replaced, and URLs defanged;
 * - SNS message attributes: `attributeValue`; subjects have their own rules (sns-limits.ts).
 * The HTML report escapes for HTML on its own.
 */

/** C0 and C1 control characters, DEL included (line breaks and tabs are handled apart). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/**
 * Invisible and direction-changing characters: soft hyphen, Arabic letter mark, Hangul fillers,
 * Mongolian vowel separator, zero-width space/joiners, LRM/RLM, bidi embeddings and overrides
 * (U+202A–U+202E), word joiner and invisible operators, bidi isolates (U+2066–U+2069), variation
 * selectors, the byte-order mark and interlinear annotations.
 */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/g;
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/;

export const UNTRUSTED_LIMITS = {
  /** A name, an ID, a region: one line. */
  line: 300,
  /** A finding's detail or remediation. */
  block: 4_000,
  /** One SNS message attribute value. */
  attribute: 256,
} as const;

/** Cuts text to `max` characters, marking the cut. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Removes invisible characters and turns control characters into spaces. */
function strip(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/** One line: every line break and tab becomes a space, whitespace runs collapse, length bounded. */
export function plainLine(text: string, max: number = UNTRUSTED_LIMITS.line): string {
  return cut(strip(text.replace(new RegExp(LINE_BREAKS.source, 'g'), ' ').replace(/\t/g, ' ')).replace(/\s+/g, ' ').trim(), max);
}

/** Lines of untrusted text, each cleaned, the whole bounded to `max` characters. */
export function plainLines(text: string, max: number = UNTRUSTED_LIMITS.block): string[] {
  const lines = cut(text, max)
    .split(LINE_BREAKS)
    .map((line) => strip(line.replace(/\t/g, '  ')).trimEnd());
  while (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** Multi-line untrusted text for a plain-text email: every line quoted with `  | `. */
export function quotedBlock(text: string, max: number = UNTRUSTED_LIMITS.block): string {
  return plainLines(text, max)
    .map((line) => `  | ${line}`)
    .join('\n');
}

/** Escapes what Slack's markdown acts on: `&`, `<`, `>`. */
function escapeChatMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Breaks mentions (`@channel`, `@here`, `@everyone`, `@user`) and defangs URLs so chat links nothing. */
function neutraliseChatActions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9_.-])/g, '@\u200B').replace(/([A-Za-z][A-Za-z0-9+.-]*):\/\//g, '$1[:]//');
}

/** Untrusted text in a chat notification's markdown, on one line. */
export function chatText(text: string, max: number = UNTRUSTED_LIMITS.line): string {
  return neutraliseChatActions(escapeChatMarkup(plainLine(text, max).replace(/`/g, "'")));
}

/** Untrusted text shown inside a chat code span (between backticks). */
export function chatCode(text: string, max: number = UNTRUSTED_LIMITS.line): string {
  return escapeChatMarkup(plainLine(text, max).replace(/`/g, "'"));
}

/** An SNS message attribute value: one clean line, bounded. */
export function attributeValue(text: string, max: number = UNTRUSTED_LIMITS.attribute): string {
  return plainLine(text, max) || '-';
}

/**
 * Escaping for the HTML report. Text from the snapshot (account names, Sids, error messages) is
 * data: it must render as text, in element content and in attribute values alike.
 */

const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as const;

/** Text for element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character as keyof typeof HTML_ENTITIES]);
}

/**
 * A value as JSON that can sit inside `<script type="application/json">`: `<` is written \u003c so
 * that no `</script>` or `<!--` in the data can end or change the element, and U+2028/U+2029 are
 * escaped for older JavaScript parsers.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The XML the query and REST-XML protocols answer with: an element per member, text escaped, dates
 * in ISO 8601 (the timestamp format of both protocols' bodies).
 */

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char as keyof typeof XML_ENTITIES]);
}

const XML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' } as const;

/** How lists and maps are written: wrapped in `<member>` (query) or flattened (REST-XML). */
export interface XmlStyle {
  /** `member` for awsQuery's wrapped lists; undefined for flattened lists (the element repeats). */
  listMember?: string;
  /** Element names that differ from the member name (S3's `Rules` → `Rule`, `MFADelete` → `MfaDelete`). */
  renames?: Readonly<Record<string, string>>;
  /** Members that are maps: written as `<entry><key>…</key><value>…</value></entry>`. */
  maps?: ReadonlySet<string>;
}

/** The members of `value` as XML elements. */
export function xmlMembers(value: object, style: XmlStyle): string {
  let out = '';
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined || member === null) continue;
    out += xmlElement(name, member, style);
  }
  return out;
}

function xmlElement(name: string, value: unknown, style: XmlStyle): string {
  const tag = style.renames?.[name] ?? name;
  if (style.maps?.has(name) && value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, entry]) => `<entry><key>${escapeXml(key)}</key><value>${scalar(entry)}</value></entry>`)
      .join('');
    return `<${tag}>${entries}</${tag}>`;
  }
  if (Array.isArray(value)) {
    if (style.listMember === undefined) return value.map((item) => xmlElement(name, item, style)).join('');
    return `<${tag}>${value.map((item) => xmlElement(style.listMember as string, item, { ...style, renames: undefined })).join('')}</${tag}>`;
  }
  if (value instanceof Date || typeof value !== 'object') return `<${tag}>${scalar(value)}</${tag}>`;
  return `<${tag}>${xmlMembers(value as object, style)}</${tag}>`;
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return escapeXml(String(value));
}

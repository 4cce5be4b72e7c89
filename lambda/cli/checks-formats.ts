/** The formats of `org-trail-auditor checks`. */
export const CHECKS_FORMATS = ['table', 'json'] as const;
export type ChecksFormat = (typeof CHECKS_FORMATS)[number];

import type { PolicyDocument, PolicyEffect } from './policy-document';
import { PolicyParseError } from './types';

/**
 * Reads a policy document (JSON text or an already-parsed object) into normalised statements.
 *
 * Only two faults are fatal — text that is not JSON, and a document without a Statement — because
 * without them there is nothing to evaluate. Everything else is read defensively: a statement that
 * is not an object, whose Effect is neither Allow nor Deny, that has no Action/NotAction, or whose
 * Principal/Action/Resource element has a shape IAM would refuse, is skipped (it can match nothing); a condition whose
 * values cannot be read is kept as an unreadable clause (treated like an unknown operator).
 */

/** A list of wildcard patterns from Action/NotAction or Resource/NotResource. */
export interface PatternList {
  /** True for NotAction / NotResource: the statement applies to everything the list does not match. */
  negated: boolean;
  patterns: string[];
}

/** Principal / NotPrincipal, normalised. */
export type PrincipalSpec =
  /** No Principal element: an identity-based policy, which applies to whoever it is attached to. */
  | { kind: 'unrestricted' }
  | {
      kind: 'listed';
      /** True for NotPrincipal. */
      negated: boolean;
      /** `"*"` or `{"AWS": "*"}`. */
      everyone: boolean;
      /** `AWS` entries: account IDs, `:root` ARNs, user and role ARNs. */
      aws: string[];
      /** `Service` entries, e.g. `cloudtrail.amazonaws.com`. */
      services: string[];
    };

/** One `operator: { key: values }` pair of a Condition element. */
export interface ConditionClause {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  /** The policy values as text; undefined when the policy's value could not be read. */
  values: string[] | undefined;
}

export interface NormalisedStatement {
  /** The Sid, or `Statement[i]` when it has none. */
  label: string;
  effect: PolicyEffect;
  principal: PrincipalSpec;
  actions: PatternList;
  /** Undefined when the statement has no Resource/NotResource: it then applies to any resource. */
  resources: PatternList | undefined;
  conditions: ConditionClause[];
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** IAM returns inline and trust policies URL-encoded; accept that form as well as plain JSON. */
function decodeIfUrlEncoded(text: string): string {
  const trimmed = text.trim();
  if (!/^%7B/i.test(trimmed)) return trimmed;
  try {
    return decodeURIComponent(trimmed);
  } catch {
    return trimmed;
  }
}

function readDocument(policy: string | PolicyDocument): unknown {
  if (typeof policy !== 'string') return policy;
  try {
    return JSON.parse(decodeIfUrlEncoded(policy)) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyParseError(`policy document is not valid JSON (${reason})`);
  }
}

/** A string or an array of strings; undefined for any other shape. */
function readStrings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return [...value];
  return undefined;
}

function readPatternList(statement: JsonObject, positive: string, negative: string): PatternList | 'unreadable' | undefined {
  const name = positive in statement ? positive : negative in statement ? negative : undefined;
  if (name === undefined) return undefined;
  const patterns = readStrings(statement[name]);
  return patterns ? { negated: name === negative, patterns } : 'unreadable';
}

function readPrincipal(statement: JsonObject): PrincipalSpec | 'unreadable' {
  const name = 'Principal' in statement ? 'Principal' : 'NotPrincipal' in statement ? 'NotPrincipal' : undefined;
  if (name === undefined) return { kind: 'unrestricted' };
  const element = statement[name];
  const negated = name === 'NotPrincipal';
  if (element === '*') return { kind: 'listed', negated, everyone: true, aws: [], services: [] };
  if (!isObject(element)) return 'unreadable';
  const aws = 'AWS' in element ? readStrings(element.AWS) : [];
  const services = 'Service' in element ? readStrings(element.Service) : [];
  if (!aws || !services) return 'unreadable';
  // Federated and CanonicalUser principals are never the requester of the questions the auditor asks.
  return { kind: 'listed', negated, everyone: aws.includes('*'), aws, services };
}

function readConditionValues(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  const texts: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') texts.push(String(item));
    else return undefined;
  }
  return texts;
}

function readConditions(statement: JsonObject): ConditionClause[] {
  if (!('Condition' in statement)) return [];
  const element = statement.Condition;
  if (!isObject(element)) return [{ operator: 'Condition', key: '', values: undefined }];
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(element)) {
    if (!isObject(block)) {
      clauses.push({ operator, key: '', values: undefined });
      continue;
    }
    for (const [key, value] of Object.entries(block)) clauses.push({ operator, key, values: readConditionValues(value) });
  }
  return clauses;
}

function readStatement(raw: unknown, index: number): NormalisedStatement | undefined {
  if (!isObject(raw)) return undefined;
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') return undefined;
  const label = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : `Statement[${index}]`;
  const principal = readPrincipal(raw);
  const actions = readPatternList(raw, 'Action', 'NotAction');
  const resources = readPatternList(raw, 'Resource', 'NotResource');
  // A statement with no action, or an element of a shape IAM would have refused, can match nothing.
  if (principal === 'unreadable' || actions === 'unreadable' || actions === undefined || resources === 'unreadable') {
    return undefined;
  }
  return { label, effect, principal, actions, resources, conditions: readConditions(raw) };
}

/** Parses and normalises a policy document; throws PolicyParseError when it cannot be read at all. */
export function parsePolicy(policy: string | PolicyDocument): NormalisedStatement[] {
  const document = readDocument(policy);
  if (!isObject(document)) throw new PolicyParseError('policy document is not a JSON object');
  if (!('Statement' in document)) throw new PolicyParseError('policy document has no Statement element');
  const statement = document.Statement;
  const rawStatements = Array.isArray(statement) ? statement : isObject(statement) ? [statement] : undefined;
  if (!rawStatements) throw new PolicyParseError('policy document Statement must be an object or a list of objects');
  return rawStatements
    .map((raw, index) => readStatement(raw, index))
    .filter((item): item is NormalisedStatement => item !== undefined);
}

import { BlockList, isIP } from 'node:net';
import { arnMatches } from './arn';
import { matchesWildcard } from './wildcard';

/**
 * The condition operators the evaluator knows, each as the positive comparison of one request
 * value with one policy value. Negated operators (StringNotEquals, ArnNotLike, ...) reuse the
 * positive comparison: a request value satisfies them when it matches none of the policy values.
 */
export interface ConditionOperator {
  /** True for the `Not` operators, whose listed values combine with AND and which hold when the key is missing. */
  negated: boolean;
  matches(requestValue: string, policyValue: string): boolean;
}

function numberOf(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** ISO 8601 text, or epoch seconds as IAM also accepts. */
function timeOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

function compareWith(parse: (text: string) => number | undefined, test: (request: number, policy: number) => boolean) {
  return (requestValue: string, policyValue: string): boolean => {
    const request = parse(requestValue);
    const policy = parse(policyValue);
    return request !== undefined && policy !== undefined && test(request, policy);
  };
}

/** Whether an address lies in a CIDR block (or equals a bare address), IPv4 or IPv6. */
function inAddressRange(requestValue: string, policyValue: string): boolean {
  const [network, prefixText] = policyValue.split('/');
  const family = isIP(network);
  if (family === 0 || isIP(requestValue) !== family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  const range = new BlockList();
  range.addSubnet(network, prefix, type);
  return range.check(requestValue, type);
}

const equals = (a: string, b: string): boolean => a === b;
const equalsIgnoringCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const like = (requestValue: string, pattern: string): boolean => matchesWildcard(pattern, requestValue);
const arnLike = (requestValue: string, pattern: string): boolean => arnMatches(pattern, requestValue);

function operator(negated: boolean, matches: ConditionOperator['matches']): ConditionOperator {
  return { negated, matches };
}

/** Keyed by lower-cased name, without `IfExists` and the set prefixes. `Null` is handled on its own. */
const OPERATORS: ReadonlyMap<string, ConditionOperator> = new Map([
  ['stringequals', operator(false, equals)],
  ['stringnotequals', operator(true, equals)],
  ['stringequalsignorecase', operator(false, equalsIgnoringCase)],
  ['stringnotequalsignorecase', operator(true, equalsIgnoringCase)],
  ['stringlike', operator(false, like)],
  ['stringnotlike', operator(true, like)],
  // IAM documents ArnEquals and ArnLike alike: component by component, wildcards allowed.
  ['arnequals', operator(false, arnLike)],
  ['arnlike', operator(false, arnLike)],
  ['arnnotequals', operator(true, arnLike)],
  ['arnnotlike', operator(true, arnLike)],
  ['bool', operator(false, equalsIgnoringCase)],
  ['binaryequals', operator(false, equals)],
  ['numericequals', operator(false, compareWith(numberOf, (r, p) => r === p))],
  ['numericnotequals', operator(true, compareWith(numberOf, (r, p) => r === p))],
  ['numericlessthan', operator(false, compareWith(numberOf, (r, p) => r < p))],
  ['numericlessthanequals', operator(false, compareWith(numberOf, (r, p) => r <= p))],
  ['numericgreaterthan', operator(false, compareWith(numberOf, (r, p) => r > p))],
  ['numericgreaterthanequals', operator(false, compareWith(numberOf, (r, p) => r >= p))],
  ['dateequals', operator(false, compareWith(timeOf, (r, p) => r === p))],
  ['datenotequals', operator(true, compareWith(timeOf, (r, p) => r === p))],
  ['datelessthan', operator(false, compareWith(timeOf, (r, p) => r < p))],
  ['datelessthanequals', operator(false, compareWith(timeOf, (r, p) => r <= p))],
  ['dategreaterthan', operator(false, compareWith(timeOf, (r, p) => r > p))],
  ['dategreaterthanequals', operator(false, compareWith(timeOf, (r, p) => r >= p))],
  ['ipaddress', operator(false, inAddressRange)],
  ['notipaddress', operator(true, inAddressRange)],
]);

export function conditionOperator(baseName: string): ConditionOperator | undefined {
  return OPERATORS.get(baseName.toLowerCase());
}


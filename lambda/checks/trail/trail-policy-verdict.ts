/**
 * Asks policy documents the questions of cloudtrail-requests.ts and collects what they deny.
 *
 * Several documents together (a role's identity policies) are read as IAM reads them: an explicit
 * Deny in any of them wins, otherwise one Allow is enough. A single resource policy is the case of
 * one document.
 */
import { evaluatePolicy, type PolicyDocument } from '../../policy/evaluate-policy';
import { PolicyParseError, type PolicyDecisionKind, type PolicyRequest } from '../../policy/types';

/** One request, with what it is about (e.g. the account whose log file it writes) for the detail text. */
export interface PolicyQuestion<About = string> {
  request: PolicyRequest;
  about: About;
}

export interface DeniedQuestion<About = string> {
  question: PolicyQuestion<About>;
  decision: Exclude<PolicyDecisionKind, 'Allow'>;
  /** The Deny statements that decided an explicit deny. */
  statements: string[];
}

export interface PolicyVerdict<About = string> {
  denied: DeniedQuestion<About>[];
  /** Condition operators the evaluator does not know, met in statements that otherwise matched. */
  unknownOperators: string[];
  /** Why a document could not be read at all; then nothing was evaluated and `denied` is empty. */
  unreadable?: string;
}

/** Asks every question of the documents; see the module comment for how documents combine. */
export function judgePolicies<About>(documents: readonly string[], questions: readonly PolicyQuestion<About>[]): PolicyVerdict<About> {
  const unknown = new Set<string>();
  const denied: DeniedQuestion<About>[] = [];
  const parsed = documents.map(parsedOnce);
  try {
    for (const question of questions) {
      const denies: string[] = [];
      let allowed = false;
      for (const document of parsed) {
        const decision = evaluatePolicy(document, question.request);
        decision.unknownOperators.forEach((operator) => unknown.add(operator));
        if (decision.decision === 'ExplicitDeny') denies.push(...decision.statements);
        if (decision.decision === 'Allow') allowed = true;
      }
      if (denies.length > 0) denied.push({ question, decision: 'ExplicitDeny', statements: [...new Set(denies)] });
      else if (!allowed) denied.push({ question, decision: 'ImplicitDeny', statements: [] });
    }
  } catch (error) {
    if (error instanceof PolicyParseError) return { denied: [], unknownOperators: [], unreadable: error.message };
    throw error;
  }
  return { denied, unknownOperators: [...unknown].sort() };
}

/**
 * A plain JSON document parsed once for the thousands of questions asked of it; anything else
 * (URL-encoded text, text that is not JSON) is handed to evaluatePolicy as it is, to be decoded or
 * refused there with its own message.
 */
function parsedOnce(document: string): string | PolicyDocument {
  try {
    const value: unknown = JSON.parse(document);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as PolicyDocument) : document;
  } catch {
    return document;
  }
}

/** Asks every question of one document. */
export function judgePolicy<About>(document: string, questions: readonly PolicyQuestion<About>[]): PolicyVerdict<About> {
  return judgePolicies([document], questions);
}

/** The sentence a detail ends with when the verdict met operators the evaluator does not know. */
export function unknownOperatorsNote(verdict: Pick<PolicyVerdict<unknown>, 'unknownOperators'>): string {
  if (verdict.unknownOperators.length === 0) return '';
  return (
    ` The policy uses condition operators the auditor does not evaluate (${verdict.unknownOperators.join(', ')}):` +
    ' an Allow statement with one was not counted and a Deny statement with one was, so verify those statements by hand.'
  );
}

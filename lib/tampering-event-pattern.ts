/**
 * The EventBridge pattern of the calls that start a targeted audit (TAMPERING_EVENTS): each
 * service's calls by its event source, Organizations' only when they concern CloudTrail, and
 * successful calls only — a refused StopLogging changed nothing (`errorCode` absent).
 */
import { CLOUDTRAIL_SERVICE_PRINCIPAL, TAMPERING_EVENTS } from '../lambda/run/trigger';

export const CLOUDTRAIL_API_CALL = 'AWS API Call via CloudTrail';

/** The event bus `source` of each event source. */
const BUS_SOURCES: Record<keyof typeof TAMPERING_EVENTS, string> = {
  'cloudtrail.amazonaws.com': 'aws.cloudtrail',
  's3.amazonaws.com': 'aws.s3',
  'kms.amazonaws.com': 'aws.kms',
  'organizations.amazonaws.com': 'aws.organizations',
};

/** As the rule's EventPattern takes it (and as EventBridge stores it: JSON). */
export interface TamperingEventPattern {
  source: string[];
  'detail-type': string[];
  detail: {
    errorCode: [{ exists: false }];
    $or: { eventSource: string[]; eventName: string[]; requestParameters?: { servicePrincipal: string[] } }[];
  };
}

export function tamperingEventPattern(): TamperingEventPattern {
  const sources = Object.keys(TAMPERING_EVENTS) as (keyof typeof TAMPERING_EVENTS)[];
  return {
    source: sources.map((eventSource) => BUS_SOURCES[eventSource]),
    'detail-type': [CLOUDTRAIL_API_CALL],
    detail: {
      errorCode: [{ exists: false }],
      $or: sources.map((eventSource) => ({
        eventSource: [eventSource],
        eventName: [...TAMPERING_EVENTS[eventSource]],
        ...(eventSource === 'organizations.amazonaws.com' ? { requestParameters: { servicePrincipal: [CLOUDTRAIL_SERVICE_PRINCIPAL] } } : {}),
      })),
    },
  };
}

/**
 * The audit function's entry point (bundled by the stack's NodejsFunction). Invoked by the
 * schedule, by the CloudTrail tampering rule, or by hand (any other payload; `{"reason": "…"}`
 * is logged). See lambda/handler/audit-run.ts for what a run does.
 */
import { createAuditHandler } from './handler/audit-handler';
import { productionDependencies } from './handler/production-dependencies';

export const handler = createAuditHandler(() => productionDependencies(process.env));

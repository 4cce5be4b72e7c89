import type { CheckFamily } from './definition';

/** The AUD checks of docs/checks.md. */
export const auditCoverageChecks: CheckFamily = {
  checks: [],
  evaluate() {
    // filled in by the AUD family's implementation
  },
};

import type { CheckFamily } from './definition';

/** The CFG checks of docs/checks.md. */
export const trailConfigurationChecks: CheckFamily = {
  checks: [],
  evaluate() {
    // filled in by the CFG family's implementation
  },
};

import type { CheckFamily } from './definition';

/** The ORG checks of docs/checks.md. */
export const organizationChecks: CheckFamily = {
  checks: [],
  evaluate() {
    // filled in by the ORG family's implementation
  },
};

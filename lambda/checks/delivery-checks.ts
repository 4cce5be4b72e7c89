import type { CheckFamily } from './definition';

/** The DLV checks of docs/checks.md. */
export const deliveryChecks: CheckFamily = {
  checks: [],
  evaluate() {
    // filled in by the DLV family's implementation
  },
};

import type { CheckFamily } from './definition';

/** The S3 checks of docs/checks.md. */
export const bucketChecks: CheckFamily = {
  checks: [],
  evaluate() {
    // filled in by the S3 family's implementation
  },
};

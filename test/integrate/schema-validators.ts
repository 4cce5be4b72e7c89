/** JSON Schema validators of the standard formats, written from their specs (see each schema's $comment). */
import Ajv, { type ValidateFunction } from 'ajv';
import asffSchema from './schemas/asff-finding.schema.json';
import ocsfSchema from './schemas/ocsf-compliance-finding.schema.json';

const ajv = new Ajv({ allErrors: true, strict: false });

export const validateAsffFinding: ValidateFunction = ajv.compile(asffSchema);
export const validateOcsfComplianceFinding: ValidateFunction = ajv.compile(ocsfSchema);

/** The validator's errors as one readable line each (for a failing expectation's message). */
export function schemaErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

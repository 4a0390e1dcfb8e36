/** ajv validators compiled once from the embedded schemas (src/types/generated/schemas.ts). */
import { Ajv, type ValidateFunction } from 'ajv';
import { SCHEMAS } from '../types/generated/schemas.js';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (ajv === undefined) {
    // verbose: errors carry their schema, whose description words the "expected …" message;
    // strictRequired off: `anyOf: [{required: [a]}, {required: [b]}]` names properties declared beside it
    ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  }
  return ajv;
}

/** The validator for one schema file of schemas/ (e.g. "deployment.schema.json"). */
export function validatorFor(schemaFile: string): ValidateFunction {
  const cached = compiled.get(schemaFile);
  if (cached !== undefined) return cached;
  const schema = SCHEMAS[schemaFile];
  const id = schema?.$id;
  if (typeof id !== 'string') throw new Error(`no embedded schema ${schemaFile}; run npm run gen:types`);
  const validate = instance().getSchema(id);
  if (validate === undefined) throw new Error(`schema ${id} did not compile`);
  compiled.set(schemaFile, validate);
  return validate;
}

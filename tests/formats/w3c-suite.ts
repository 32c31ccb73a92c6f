/**
 * The W3C Web Annotation test suite's assertions (../shared/w3c-annotation-tests) as validators:
 * every definition loaded into one ajv (draft-04), every assertion of a .test list compiled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export interface Assertion {
  file: string;
  expectedResult: 'valid' | 'invalid';
  assertionType?: string;
  validate: (doc: unknown) => boolean;
}

export function loadSuite(dir: string) {
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  const defs = join(dir, 'definitions');
  for (const f of readdirSync(defs)) ajv.addSchema(JSON.parse(readFileSync(join(defs, f), 'utf8')));
  const compile = (list: string): Assertion[] => {
    const test = JSON.parse(readFileSync(join(dir, list), 'utf8')) as { assertions: string[] };
    return test.assertions.map((file) => {
      const schema = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const validate = ajv.getSchema(schema.id) ?? ajv.compile(schema);
      return { file, expectedResult: schema.expectedResult ?? 'valid', assertionType: schema.assertionType, validate: (d) => validate(d) as boolean };
    });
  };
  return {
    annotationMusts: compile('annotations/annotationMusts.test'),
    collectionMusts: compile('collections/collectionMusts.test'),
    pageMusts: compile('collections/pages/pageMusts.test'),
  };
}

/** Assertion files whose outcome differs from the expected one. */
export function failures(assertions: Assertion[], doc: unknown): string[] {
  return assertions.filter((a) => a.validate(doc) !== (a.expectedResult === 'valid')).map((a) => a.file);
}

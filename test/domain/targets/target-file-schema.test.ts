import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { targetFileJsonSchema } from '@/domain/targets/target-set';

const SCHEMA_PATH = 'targets/target-file.schema.json';

/** `npm run schema` sets UPDATE_SCHEMA=1 to rewrite the published file from the zod schema. */
test('the published JSON Schema is generated from the zod schema and in sync with it', () => {
  const generated = `${JSON.stringify(targetFileJsonSchema(), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_PATH, generated);
  expect(readFileSync(SCHEMA_PATH, 'utf8'), 'run `npm run schema` to regenerate it').toBe(generated);
});

test('the JSON Schema describes every comparator and requires a deadline', () => {
  const schema = JSON.stringify(targetFileJsonSchema());
  for (const comparator of ['at_least', 'at_most', 'approximately', 'between']) expect(schema).toContain(`"${comparator}"`);
  expect(schema).toContain('"deadline"');
});

import { expect, test } from 'vitest';
import { actualsResponseSchema, describeIssues } from '@/domain/contract/api-contract';
import { checkBody, compiled, compilerReady } from '@/domain/contract/fast-check';

const body = { lastUpdated: '2021-03-31', observations: [{ metric: 'm', region: 'r', year: 2020, value: 1, source: 'demo' }] };

test('once the compiler has loaded, schemas are compiled once and reused', async () => {
  await compilerReady;
  const fast = compiled(actualsResponseSchema);
  expect(fast).not.toBe(actualsResponseSchema);
  expect(compiled(actualsResponseSchema)).toBe(fast);
});

test('a valid body is returned as received, without a copy', async () => {
  await compilerReady;
  const checked = checkBody(actualsResponseSchema, body);
  expect(checked.ok && checked.value).toBe(body);
});

test('a bad body gets the same located message as the plain parser gives', async () => {
  await compilerReady;
  const bad = { ...body, observations: [...body.observations, { ...body.observations[0], year: '2020' }] };
  const plain = actualsResponseSchema.safeParse(bad);
  expect(checkBody(actualsResponseSchema, bad)).toEqual({ ok: false, message: describeIssues(plain.error!) });
  expect(describeIssues(plain.error!)).toMatch(/^observations\[1\]\.year: /);
});

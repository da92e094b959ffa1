// @vitest-environment node
import { expect, test } from 'vitest';
import { writtenDecimals } from '@/domain/import/long-rows';

test.each([
  ['85', 0],
  ['85.3', 1],
  ['85.30%', 2],
  ['85.30 %', 2],
  ['８５．３％', 1],
  ['85.3\u3000', 1],
  ['1,234.5', 1],
  ['.5', 1],
  ['85.', 0],
  ['abc', 0],
  ['', 0],
])('"%s" is written with %s decimals', (raw, decimals) => {
  expect(writtenDecimals(raw)).toBe(decimals);
});

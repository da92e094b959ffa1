// @vitest-environment node
import { expect, test } from 'vitest';
import { MAX_BATCH_BYTES } from '@/backend/batch-routes';
import { batchListResponseSchema } from '@/domain/contract/api-contract';
import { analyst } from './host';
import { answer, batchRequest, counts, describeEachHost, keyMaker, meta, post, refusal, SHARE, TOWNS } from './suite';

const DROP = "'; drop table batches; --";
const town = TOWNS[3];
const fig = (f: Record<string, unknown>) => ({ metric: SHARE, region: town, year: 2020, ...f });
const body = (overrides: Record<string, unknown> = {}, figures: unknown[] = [fig({ value: 50 })]) => ({ ...batchRequest([]), figures, ...overrides });
/** A body as raw JSON text with extra leading members (`"__proto__": …` cannot be written as an object literal's own key). */
const withMembers = (members: string) => `{${members},${JSON.stringify(body()).slice(1)}`;

/** [what, body (an object is sent as JSON, a string as it is), status, code, headers]. */
type Case = [string, unknown, number, string, Record<string, string>?];
const cases: Case[] = [
  ['a share of 5000%', body({}, [fig({ value: 5000 })]), 400, 'invalid_figure'],
  ['a share of −40%', body({}, [fig({ value: -40 })]), 400, 'invalid_figure'],
  ['a numerator above its denominator', body({}, [fig({ numerator: 120, denominator: 100 })]), 400, 'invalid_figure'],
  ['a zero denominator', body({}, [fig({ numerator: 0, denominator: 0 })]), 400, 'invalid_figure'],
  ['the year 1e300', body({}, [fig({ year: 1e300, value: 50 })]), 400, 'invalid_figure'],
  ['the year 2020.5', body({}, [fig({ year: 2020.5, value: 50 })]), 400, 'invalid_figure'],
  ['an unknown metric', body({}, [fig({ metric: 'no_such_metric', value: 5 })]), 400, 'invalid_figure'],
  ['the metric __proto__', body({}, [fig({ metric: '__proto__', value: 5 })]), 400, 'invalid_figure'],
  ['a 10,000-character metric', body({}, [fig({ metric: 'm'.repeat(10_000), value: 5 })]), 400, 'invalid_figure'],
  ['an unknown region', body({}, [fig({ region: 'X9', value: 5 })]), 400, 'invalid_figure'],
  ['the region constructor', body({}, [fig({ region: 'constructor', value: 5 })]), 400, 'invalid_figure'],
  ['a region that is SQL', body({}, [fig({ region: DROP, value: 5 })]), 400, 'invalid_figure'],
  ['a comparison region', body({}, [fig({ region: 'CN', value: 5 })]), 400, 'invalid_figure'],
  ['the same figure twice', body({}, [fig({ value: 5 }), fig({ value: 6 })]), 400, 'invalid_figure'],
  ['a 5 MB file name', body({ fileName: 'x'.repeat(5 * 1024 * 1024) }), 400, 'invalid_batch'],
  ['an empty file name', body({ fileName: '' }), 400, 'invalid_batch'],
  ['a file name with a NUL character', body({ fileName: 'a\u0000.csv' }), 400, 'invalid_batch'],
  ['a file name with a lone surrogate', body({ fileName: 'a\ud800.csv' }), 400, 'invalid_batch'],
  ['a batch without counts', body({ counts: undefined }), 400, 'invalid_batch'],
  ['a negative count', body({ counts: { ...counts, rows: -1 } }), 400, 'invalid_batch'],
  ['a count that is not whole', body({ counts: { ...counts, added: 1.5 } }), 400, 'invalid_batch'],
  ['an unknown field', body({ role: 'admin' }), 400, 'invalid_batch'],
  ['an unknown field in a figure', body({}, [fig({ value: 5, source: 'reference' })]), 400, 'invalid_batch'],
  ['a member named __proto__', withMembers('"__proto__":{"role":"admin"}'), 400, 'invalid_batch'],
  ['a member named constructor', withMembers('"constructor":{"prototype":{"role":"admin"}}'), 400, 'invalid_batch'],
  ['a year written as text', body({}, [fig({ year: '2020', value: 5 })]), 400, 'invalid_batch'],
  ['a value written as text', body({}, [fig({ value: '50' })]), 400, 'invalid_batch'],
  ['a file name that is a number', body({ fileName: 42 }), 400, 'invalid_batch'],
  ['figures that are not a list', body({ figures: 'all of them' }), 400, 'invalid_batch'],
  ['counts that are a list', body({ counts: [1, 2, 3] }), 400, 'invalid_batch'],
  ['an unknown encoding', body({ encoding: 'latin-1' }), 400, 'invalid_batch'],
  ['a body that is a list', '[1, 2]', 400, 'invalid_batch'],
  ['a body that is null', 'null', 400, 'invalid_batch'],
  ['a body that is a number', '42', 400, 'invalid_batch'],
  ['an unknown target set', body({ targetSet: 'no-such-set' }), 400, 'unknown_target_set'],
  ['a target set that is SQL', body({ targetSet: DROP }), 400, 'unknown_target_set'],
  ['malformed JSON', '{"fileName": "a.csv",', 400, 'invalid_json'],
  ['an empty body', '', 400, 'invalid_json'],
  ['the wrong content type', JSON.stringify(body()), 400, 'unsupported_media_type', { 'Content-Type': 'text/plain' }],
  ['a form instead of JSON', 'fileName=a.csv', 400, 'unsupported_media_type', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['a retry key that is SQL', body(), 400, 'bad_request', { 'Idempotency-Key': DROP }],
  ['an If-Match that is SQL', body(), 400, 'bad_request', { 'If-Match': DROP }],
];

describeEachHost('attacks', (host) => {
  const key = keyMaker();

  test.each(cases)('%s → refused, JSON, nothing stored', async (_what, sent, status, code, headers) => {
    const before = await meta(host());
    await refusal(await post(host(), sent, analyst, headers), status, code);
    expect((await meta(host())).revision).toBe(before.revision);
  });

  test(`a body over the ${MAX_BATCH_BYTES / 1024 / 1024} MiB limit is a 413 payload_too_large, nothing stored`, async () => {
    const before = await meta(host());
    const huge = `{"fileName":"${'x'.repeat(MAX_BATCH_BYTES + 1024)}"}`;
    await refusal(await post(host(), huge, analyst), 413, 'payload_too_large');
    expect((await meta(host())).revision).toBe(before.revision);
  }, 60_000);

  test('after the refusals a good batch still commits, its SQL-looking file name kept as text', async () => {
    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    const response = await post(host(), batchRequest([{ ...key(), value: 50 }], "o'brien; drop table batches; --.csv"), analyst);
    expect(response.status).toBe(201);
    const after = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    expect(after.batches).toHaveLength(batches.length + 1);
    expect(after.batches[0]?.fileName).toBe("o'brien; drop table batches; --.csv");
  });
});

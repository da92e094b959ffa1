import { expect, test } from 'vitest';
import type { ApiErrorBody } from '@/domain/contract/api-contract';
import { batchBody, storedRecords, testApi } from './fixture';

const figure = (f: Record<string, unknown>) => ({ figures: [{ metric: 'coverage', region: 'T1', year: 2020, ...f }] });

/** [what, body (object, or raw text), content type, code, where the message must point]. */
const refused: [string, unknown, string, string, string][] = [
  ['a share of 5000%', batchBody(figure({ value: 5000 })), 'application/json', 'invalid_figure', 'figures[0].value: share_out_of_range (5000)'],
  ['a share of −40%', batchBody(figure({ value: -40 })), 'application/json', 'invalid_figure', 'figures[0].value: negative_value (-40)'],
  ['a numerator above its denominator', batchBody(figure({ numerator: 120, denominator: 100 })), 'application/json', 'invalid_figure', 'figures[0].numerator: numerator_above_denominator'],
  ['a zero denominator', batchBody(figure({ numerator: 0, denominator: 0 })), 'application/json', 'invalid_figure', 'figures[0].denominator: denominator_zero'],
  ['a numerator without a denominator', batchBody(figure({ numerator: 3 })), 'application/json', 'invalid_figure', 'figures[0].denominator: value_missing'],
  ['neither a value nor parts', batchBody(figure({})), 'application/json', 'invalid_figure', 'figures[0].value: value_missing'],
  ['the year 1e300', batchBody(figure({ year: 1e300, value: 50 })), 'application/json', 'invalid_figure', 'figures[0].year: year_invalid'],
  ['the year 2020.5', batchBody(figure({ year: 2020.5, value: 50 })), 'application/json', 'invalid_figure', 'figures[0].year: year_invalid (2020.5)'],
  ['a year written as text', batchBody(figure({ year: '2020', value: 50 })), 'application/json', 'invalid_batch', 'figures[0].year:'],
  ['an unknown metric', batchBody({ figures: [{ metric: 'nope', region: 'T1', year: 2020, value: 5 }] }), 'application/json', 'invalid_figure', 'figures[0].metric: metric_unknown ("nope"'],
  ['an unknown region', batchBody({ figures: [{ metric: 'coverage', region: 'X9', year: 2020, value: 5 }] }), 'application/json', 'invalid_figure', 'figures[0].region: region_unknown ("X9"'],
  ['a comparison area’s figure without its source', batchBody({ figures: [{ metric: 'coverage', region: 'CN', year: 2020, value: 5 }] }), 'application/json', 'invalid_figure', 'figures[0].citation: comparison_source_missing'],
  ['a key twice', batchBody({ figures: [{ metric: 'coverage', region: 'T1', year: 2020, value: 5 }, { metric: 'coverage', region: 'T2', year: 2020, value: 6 }, { metric: 'coverage', region: 'T1', year: 2020, value: 7 }] }), 'application/json', 'invalid_figure', 'figures[2]: duplicate_key (the same metric, region and year as figures[0])'],
  ['a 5 MB file name', batchBody({ fileName: 'x'.repeat(5 * 1024 * 1024) }), 'application/json', 'invalid_batch', 'fileName:'],
  ['an empty file name', batchBody({ fileName: '' }), 'application/json', 'invalid_batch', 'fileName:'],
  ['a NUL character in the file name', batchBody({ fileName: 'a\u0000.csv' }), 'application/json', 'invalid_batch', 'fileName: a NUL character (U+0000) at 1'],
  ['a bound on parts alone', batchBody(figure({ numerator: 95, denominator: 100, qualifier: 'at_least' })), 'application/json', 'invalid_figure', 'figures[0].qualifier: qualifier_without_value'],
  ['a bound beside its parts', batchBody(figure({ value: 95, numerator: 95, denominator: 100, qualifier: 'at_least' })), 'application/json', 'invalid_figure', 'figures[0].qualifier: qualifier_with_parts'],
  ['a qualifier the contract does not name', batchBody(figure({ value: 95, qualifier: 'approximately' })), 'application/json', 'invalid_batch', 'figures[0].qualifier:'],
  ['a 501-character citation', batchBody(figure({ value: 95, citation: 'x'.repeat(501) })), 'application/json', 'invalid_batch', 'figures[0].citation:'],
  ['an empty citation', batchBody(figure({ value: 95, citation: '' })), 'application/json', 'invalid_batch', 'figures[0].citation:'],
  ['a lone surrogate in a citation', batchBody(figure({ value: 95, citation: 'a\ud800' })), 'application/json', 'invalid_figure', 'figures[0].citation: a lone UTF-16 surrogate at 1'],
  ['a lone surrogate in the file name', batchBody({ fileName: 'ab\udc00.csv' }), 'application/json', 'invalid_batch', 'fileName: a lone UTF-16 surrogate at 2'],
  ['missing counts', { ...batchBody(), counts: undefined }, 'application/json', 'invalid_batch', 'counts:'],
  ['a negative count', batchBody({ counts: { ...(batchBody().counts as object), rows: -1 } }), 'application/json', 'invalid_batch', 'counts.rows:'],
  ['a count that is not whole', batchBody({ counts: { ...(batchBody().counts as object), added: 1.5 } }), 'application/json', 'invalid_batch', 'counts.added:'],
  ['an unknown field', batchBody({ extra: 1 }), 'application/json', 'invalid_batch', 'body:'],
  ['an unknown field named by 1 MB of text', batchBody({ ['k'.repeat(1024 * 1024)]: 1 }), 'application/json', 'invalid_batch', 'body: Unrecognized key'],
  ['an unknown field in a figure', batchBody(figure({ value: 5, rows: [3] })), 'application/json', 'invalid_batch', 'figures[0]:'],
  ['an unknown encoding', batchBody({ encoding: 'latin-1' }), 'application/json', 'invalid_batch', 'encoding:'],
  ['figures that are not a list', batchBody({ figures: {} }), 'application/json', 'invalid_batch', 'figures:'],
  ['a body that is not an object', '[1, 2]', 'application/json', 'invalid_batch', 'body:'],
  ['an unknown target set', batchBody({ targetSet: 'other' }), 'application/json', 'unknown_target_set', 'targetSet: there is no target set "other"'],
  ['malformed JSON', '{"fileName": "a.csv",', 'application/json', 'invalid_json', 'body: not valid JSON'],
  ['an empty body', '', 'application/json', 'invalid_json', 'body: not valid JSON'],
  ['the wrong content type', batchBody(), 'text/plain', 'unsupported_media_type', 'Content-Type: the body must be sent as application/json, not text/plain'],
  ['a form instead of JSON', 'fileName=a.csv', 'application/x-www-form-urlencoded', 'unsupported_media_type', 'Content-Type:'],
];

test.each(refused)('%s is refused with 400, a located message and nothing stored', async (_what, body, contentType, code, where) => {
  const { backend, post, get } = await testApi();
  const before = await (await get('/actuals')).json();
  const response = await post(body, { contentType });
  expect(response.status).toBe(400);
  const { error } = (await response.json()) as ApiErrorBody;
  expect(error.code).toBe(code);
  expect(error.message).toContain(where);
  expect(error.message.length).toBeLessThan(500);
  expect(backend.batches).toEqual([]);
  expect(await storedRecords(backend.storage)).toEqual([]);
  expect(await backend.storage.revision()).toBe(0);
  expect(await (await get('/actuals')).json()).toEqual(before);
});

test('a well-formed batch is stored and answered with 201 and the batch', async () => {
  const { backend, post } = await testApi();
  const response = await post(batchBody());
  expect(response.status).toBe(201);
  const { batch } = (await response.json()) as { batch: { id: string; figureCount: number } };
  expect(batch.figureCount).toBe(1);
  expect((await storedRecords(backend.storage)).map((b) => (b as { id: string }).id)).toEqual([batch.id]);
});

test('a file name in any script, with emoji and spaces, is stored as sent', async () => {
  const { post } = await testApi();
  const fileName = '汝州 统计 2020 📊 (final).csv';
  const response = await post(batchBody({ fileName }));
  expect(response.status).toBe(201);
  expect(((await response.json()) as { batch: { fileName: string } }).batch.fileName).toBe(fileName);
});

test('a gross rate above 100% and a fraction in a percent column are notes and warnings, not refusals', async () => {
  const { post } = await testApi();
  const response = await post(batchBody({ figures: [{ metric: 'ger', region: 'T1', year: 2020, value: 104 }, { metric: 'coverage', region: 'T1', year: 2020, value: 0.8 }] }));
  expect(response.status).toBe(201);
});

test('the message counts the problems after the first one', async () => {
  const { post } = await testApi();
  const figures = [5000, -1, 300].map((value, i) => ({ metric: 'coverage', region: 'T1', year: 2018 + i, value }));
  const { error } = (await (await post(batchBody({ figures }))).json()) as ApiErrorBody;
  expect(error.message).toBe('figures[0].value: share_out_of_range (5000) (and 2 more problems)');
});

test('a body over the size limit is refused with 413 before it is read, and nothing is stored', async () => {
  const { backend, post } = await testApi(undefined, { maxBatchBytes: 1000 });
  const response = await post(batchBody({ fileName: 'x'.repeat(2000) }));
  expect(response.status).toBe(413);
  expect(((await response.json()) as ApiErrorBody).error).toEqual({ code: 'payload_too_large', message: 'body: larger than the limit of 1000 bytes.' });
  expect(backend.batches).toEqual([]);
  expect(await storedRecords(backend.storage)).toEqual([]);
});

test('a viewer’s batch is refused with 403 before the body is looked at', async () => {
  const { backend, post } = await testApi();
  const response = await post('not even JSON', { as: 'viewer' });
  expect(response.status).toBe(403);
  expect(((await response.json()) as ApiErrorBody).error.code).toBe('forbidden');
  expect(backend.batches).toEqual([]);
});

test('a request nobody signed in for is refused with 401, reads included', async () => {
  const { app } = await testApi();
  const response = await app.request('/meta');
  expect(response.status).toBe(401);
  expect(((await response.json()) as ApiErrorBody).error.code).toBe('unauthenticated');
});

test('an unknown route is a JSON 404', async () => {
  const { get } = await testApi();
  const response = await get('/nope');
  expect(response.status).toBe(404);
  expect(((await response.json()) as ApiErrorBody).error.code).toBe('not_found');
});

test('a commit’s headers are read strictly: a malformed retry key or If-Match is a 400, nothing stored', async () => {
  const { backend, post } = await testApi();
  const cases: Record<string, string>[] = [{ 'Idempotency-Key': 'short' }, { 'Idempotency-Key': 'has spaces in it' }, { 'If-Match': 'yesterday' }, { 'If-Match': '"-1"' }];
  for (const headers of cases) {
    const response = await post(batchBody(), { headers });
    expect(response.status, JSON.stringify(headers)).toBe(400);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('bad_request');
  }
  expect(await storedRecords(backend.storage)).toEqual([]);
});

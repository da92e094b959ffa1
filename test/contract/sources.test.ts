// @vitest-environment node
import { expect, test } from 'vitest';
import { batchDetailResponseSchema, batchResponseSchema, undoResponseSchema } from '@/domain/contract/api-contract';
import { MAX_CITATION_LENGTH } from '@/domain/import/figure-rules';
import { analyst } from './host';
import { answer, batchRequest, describeEachHost, figureAt, keyMaker, post, refusal, undo } from './suite';

/**
 * Issue 9: a figure's qualifier (a published bound, "95%以上") and citation (its 来源 cell) go in with
 * the batch, come back from /actuals on every host — after a restart too, read back from the storage —
 * are replaced with the figure, come back with it on undo, and are refused when they make no sense.
 */
describeEachHost('figures with qualifiers and sources', (host) => {
  const key = keyMaker();
  const commit = async (figures: Parameters<typeof batchRequest>[0], fileName = 'sources.csv') =>
    (await answer(await post(host(), batchRequest(figures, fileName), analyst), 201, batchResponseSchema)).batch;

  test('a committed figure’s qualifier and citation come back from /actuals, and from the storage after a restart', async () => {
    const k = key();
    const citation = '《2020年全国教育事业发展统计公报》 "已达95%以上"';
    const batch = await commit([{ ...k, value: 95, qualifier: 'at_least', citation }]);
    expect(batch.figures).toEqual([{ ...k, value: 95, qualifier: 'at_least', citation }]);
    const expected = { ...k, value: 95, qualifier: 'at_least', citation, source: 'import', sourceNote: 'sources.csv', batchId: batch.id };
    expect(await figureAt(host(), k)).toEqual(expected);
    await host().restart();
    expect(await figureAt(host(), k)).toEqual(expected);
    const { batch: detail } = await answer(await host().request(`/batches/${batch.id}`), 200, batchDetailResponseSchema);
    expect(detail.figures).toEqual([{ ...k, value: 95, qualifier: 'at_least', citation }]);
  });

  test('replacing a figure replaces its qualifier and citation; undoing the replacement brings them back', async () => {
    const k = key();
    const first = await commit([{ ...k, value: 5, qualifier: 'at_most', citation: '省统计年鉴' }], 'first.csv');
    const second = await commit([{ ...k, value: 4.2 }], 'second.csv');
    expect(second.replaced).toEqual([{ ...k, value: 5, qualifier: 'at_most', citation: '省统计年鉴', source: 'import', sourceNote: 'first.csv', batchId: first.id }]);
    // The exact figure stands alone: no bound or source left over from the first batch.
    expect(await figureAt(host(), k)).toEqual({ ...k, value: 4.2, source: 'import', sourceNote: 'second.csv', batchId: second.id });
    await host().restart();
    const { batch: detail } = await answer(await host().request(`/batches/${second.id}`), 200, batchDetailResponseSchema);
    expect(detail.replaced.map((o) => [o.qualifier, o.citation])).toEqual([['at_most', '省统计年鉴']]);
    const { effect } = await answer(await undo(host(), second.id, analyst), 200, undoResponseSchema);
    expect(effect.restored).toEqual([{ ...k, value: 5, qualifier: 'at_most', citation: '省统计年鉴', source: 'import', sourceNote: 'first.csv', batchId: first.id }]);
    expect(await figureAt(host(), k)).toMatchObject({ value: 5, qualifier: 'at_most', citation: '省统计年鉴' });
  });

  test.each([
    ['a bound without a value', { numerator: 950, denominator: 1000, qualifier: 'at_least' }, 'invalid_figure', /qualifier: qualifier_without_value/],
    ['a bound beside its parts', { value: 95, numerator: 950, denominator: 1000, qualifier: 'at_least' }, 'invalid_figure', /qualifier: qualifier_with_parts/],
    ['an unknown qualifier', { value: 95, qualifier: 'about' }, 'invalid_batch', /figures\[0\]\.qualifier/],
    ['an empty citation', { value: 95, citation: '' }, 'invalid_batch', /figures\[0\]\.citation/],
    ['a citation too long', { value: 95, citation: '来'.repeat(MAX_CITATION_LENGTH + 1) }, 'invalid_batch', /figures\[0\]\.citation/],
    ['a citation with a NUL', { value: 95, citation: 'a\u0000b' }, 'invalid_figure', /citation: a NUL/],
    ['a citation that is not text', { value: 95, citation: 42 }, 'invalid_batch', /figures\[0\]\.citation/],
  ])('the server refuses %s', async (_what, fields, code, message) => {
    const k = key();
    const before = await figureAt(host(), k);
    const error = await refusal(await post(host(), batchRequest([{ ...k, ...fields } as never]), analyst), 400, code);
    expect(error.message).toMatch(message);
    expect(await figureAt(host(), k)).toEqual(before);
  });
});

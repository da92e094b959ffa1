// @vitest-environment node
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  apiErrorBodySchema,
  batchResponseSchema,
  targetSetFileResponseSchema,
  targetSetListResponseSchema,
  targetSetSavedResponseSchema,
  targetVersionListResponseSchema,
} from '@/domain/contract/api-contract';
import { admin, analyst, viewer, type ContractUser } from './host';
import { answer, batchRequest, describeEachHost, jsonHeaders, post, refusal, SET } from './suite';

const RUZHOU = readFileSync('targets/ruzhou-2020.yaml', 'utf8');

/** A small valid plan of its own, with no sub-units. */
const plan = (id: string, title = '新计划') => `id: ${id}
title: { zh: ${title}, en: New plan }
jurisdiction: "410000"
source: { title: 测试, publisher: 测试, date: 2021-01-01 }
categories:
  - id: preschool
    name: { zh: 学前教育, en: Preschool }
regions:
  - id: "410000"
    name: { zh: 河南省, en: Henan }
    kind: jurisdiction
metrics:
  - id: gross_rate
    name: { zh: 毛入园率, en: Gross enrolment rate }
    unit: percent
    kind: gross_rate
targets:
  - id: t1
    category: preschool
    metric: gross_rate
    comparator: at_least
    goal: 90
    deadline: "2025-12-31"
    source_text: 毛入园率达到90%
`;

describeEachHost('target files saved in the app', (host) => {
  const put = (id: string, body: unknown, as: ContractUser) =>
    host().request(`/target-sets/${encodeURIComponent(id)}`, { method: 'PUT', headers: jsonHeaders, body: JSON.stringify(body) }, as);
  const editor = () => (host().signIn ? admin : analyst);

  test('a new set is saved as version 1, listed and served; its figures can be imported', async () => {
    const saved = await answer(await put('henan-2025', { format: 'yaml', content: plan('henan-2025') }, editor()), 201, targetSetSavedResponseSchema);
    expect(saved.version.number).toBe(1);
    expect(saved.targetSet).toMatchObject({ id: 'henan-2025', file: 'henan-2025.yaml', valid: true, version: { number: 1 } });
    const { targetSets } = await answer(await host().request('/target-sets'), 200, targetSetListResponseSchema);
    expect(targetSets.map((s) => s.id)).toContain('henan-2025');
    const file = await answer(await host().request('/target-sets/henan-2025'), 200, targetSetFileResponseSchema);
    expect(file.content).toBe(plan('henan-2025'));
    expect(file.version?.number).toBe(1);
    const figures = [{ metric: 'gross_rate', region: '410000', year: 2021, value: 88.5 }];
    await answer(await post(host(), { ...batchRequest(figures), targetSet: 'henan-2025' }, host().signIn ? admin : analyst), 201, batchResponseSchema);
  });

  test('a save made from a version that is no longer current is a 409 and changes nothing; one made from the current version saves', async () => {
    const putFrom = (id: string, content: string, headers: Record<string, string>) =>
      host().request(`/target-sets/${encodeURIComponent(id)}`, { method: 'PUT', headers: { ...jsonHeaders, ...headers }, body: JSON.stringify({ format: 'yaml', content }) }, editor());
    const id = 'conflict-plan';
    // A new set's save says so (If-None-Match: *): saved while the id is free, refused once it is taken, bundled or saved.
    expect((await answer(await putFrom(id, plan(id), { 'If-None-Match': '*' }), 201, targetSetSavedResponseSchema)).version.number).toBe(1);
    await refusal(await putFrom(id, plan(id, '另一计划'), { 'If-None-Match': '*' }), 409, 'stale_version');
    await refusal(await putFrom(SET, RUZHOU, { 'If-None-Match': '*' }), 409, 'stale_version');
    // Two tabs open version 1; the first saves version 2.
    expect((await answer(await putFrom(id, plan(id, '甲'), { 'If-Match': '"1"' }), 200, targetSetSavedResponseSchema)).version.number).toBe(2);
    // The second, still edited from version 1, would have replaced it silently: refused, and nothing changes.
    const stale = await refusal(await putFrom(id, plan(id, '乙'), { 'If-Match': '"1"' }), 409, 'stale_version');
    expect(stale.message).toMatch(/^Version 2 of "conflict-plan" was saved by .+ on \d{4}-\d{2}-\d{2}, after version 1 this text was edited from; nothing was saved\./);
    await refusal(await putFrom(id, plan(id, '乙'), { 'If-Match': '"0"' }), 409, 'stale_version');
    expect((await answer(await host().request(`/target-sets/${id}`), 200, targetSetFileResponseSchema)).content).toBe(plan(id, '甲'));
    expect((await answer(await host().request(`/target-sets/${id}/versions`), 200, targetVersionListResponseSchema)).versions).toHaveLength(2);
    // Made from version 2 (the reader looked at it), it saves as version 3.
    expect((await answer(await putFrom(id, plan(id, '乙'), { 'If-Match': '"2"' }), 200, targetSetSavedResponseSchema)).version.number).toBe(3);
    const malformed: Record<string, string>[] = [{ 'If-Match': 'latest' }, { 'If-Match': '"3"', 'If-None-Match': '*' }, { 'If-None-Match': '"3"' }];
    for (const bad of malformed) await refusal(await putFrom(id, plan(id), bad), 400, 'bad_request');
  });

  test('each save is a new version; the earlier ones and the bundled file stay readable, after a restart too', async () => {
    const edited = RUZHOU.replace('汝州市2020年教育发展目标', '汝州市2020年教育发展目标（修订）');
    const first = await answer(await put(SET, { format: 'yaml', content: edited }, editor()), 200, targetSetSavedResponseSchema);
    const second = await answer(await put(SET, { format: 'yaml', content: edited.replace('（修订）', '（二次修订）') }, editor()), 200, targetSetSavedResponseSchema);
    expect(second.version.number).toBe(first.version.number + 1);
    await host().restart();
    const file = await answer(await host().request(`/target-sets/${SET}`), 200, targetSetFileResponseSchema);
    expect(file.content).toContain('（二次修订）');
    expect(file.version?.number).toBe(second.version.number);
    const list = await answer(await host().request(`/target-sets/${SET}/versions`), 200, targetVersionListResponseSchema);
    expect(list.bundled).toBe(true);
    expect(list.versions.map((v) => v.number)).toEqual([1, 2]);
    const earlier = await answer(await host().request(`/target-sets/${SET}/versions/1`), 200, targetSetFileResponseSchema);
    expect(earlier.content).toContain('（修订）');
    const bundled = await answer(await host().request(`/target-sets/${SET}/versions/0`), 200, targetSetFileResponseSchema);
    expect(bundled.content).toBe(RUZHOU);
    expect(bundled.version).toBeUndefined();
    await refusal(await host().request(`/target-sets/${SET}/versions/9`), 404, 'not_found');
  });

  test('an invalid file is refused with every problem located, and nothing is saved', async () => {
    const broken = plan('broken-1').replace('goal: 90', 'goal: 190').replace('metric: gross_rate\n    comparator', 'metric: nope\n    comparator');
    const response = await put('broken-1', { format: 'yaml', content: broken }, editor());
    expect(response.status).toBe(422);
    const { error } = apiErrorBodySchema.parse(await response.json());
    expect(error.code).toBe('invalid_target_file');
    const lines = broken.split('\n');
    const unknown = error.problems?.find((p) => p.code === 'unknown_reference');
    expect(unknown?.line).toBe(lines.findIndex((l) => l.includes('metric: nope')) + 1);
    await refusal(await host().request('/target-sets/broken-1'), 404, 'not_found');
  });

  test('a file whose id is not the set it is saved as is refused at its id line', async () => {
    const response = await put('other-id', { format: 'yaml', content: plan('henan-2025') }, editor());
    const { error } = apiErrorBodySchema.parse(await response.json());
    expect(response.status).toBe(422);
    expect(error.problems).toEqual([expect.objectContaining({ code: 'set_id_mismatch', line: 1, path: 'id' })]);
  });

  test('viewers may not save; on the server analysts may not either', async () => {
    await refusal(await put('henan-2025', { format: 'yaml', content: plan('henan-2025') }, viewer), 403, 'forbidden');
    if (host().signIn) await refusal(await put('henan-2025', { format: 'yaml', content: plan('henan-2025') }, analyst), 403, 'forbidden');
    await refusal(await put('henan-2025', { format: 'toml', content: '' }, editor()), 400, 'bad_request');
  });
});

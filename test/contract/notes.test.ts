// @vitest-environment node
import { expect, test } from 'vitest';
import { MAX_NOTE_LENGTH, noteListResponseSchema, noteResponseSchema } from '@/domain/contract/document-contract';
import { admin, analyst, viewer, type ContractUser } from './host';
import { answer, describeEachHost, jsonHeaders, meta, nameOf, refusal, SET } from './suite';

const TARGET = 'inclusive-kindergarten-2020';

describeEachHost('notes', (host) => {
  const add = (body: unknown, as: ContractUser = analyst, set = SET) =>
    host().request(`/target-sets/${set}/notes`, { method: 'POST', headers: jsonHeaders, body: typeof body === 'string' ? body : JSON.stringify(body) }, as);
  const list = async (query = '', as: ContractUser = viewer) => (await answer(await host().request(`/target-sets/${SET}/notes${query}`, {}, as), 200, noteListResponseSchema)).notes;

  test('an analyst adds a note; everyone reads it back newest first, dated and signed, after a restart too', async () => {
    const m0 = await meta(host());
    const first = (await answer(await add({ target: TARGET, text: '园舍改造推迟到9月' }), 201, noteResponseSchema)).note;
    expect(first).toMatchObject({ targetSet: SET, target: TARGET, text: '园舍改造推迟到9月', author: await nameOf(host(), analyst) });
    expect(Date.parse(first.createdAt)).not.toBeNaN();
    const second = (await answer(await add({ target: TARGET, text: '<b>x</b> 数据待区县上报' }, admin), 201, noteResponseSchema)).note;
    expect((await meta(host())).revision).toBe(m0.revision + 2);
    const notes = await list(`?target=${TARGET}`);
    expect(notes.slice(0, 2)).toEqual([second, first]);
    expect(second.text).toBe('<b>x</b> 数据待区县上报');
    expect((await list()).map((n) => n.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(await list('?target=preschool-ger-2020')).not.toContainEqual(first);
    await host().restart();
    expect((await list(`?target=${TARGET}`)).slice(0, 2)).toEqual([second, first]);
  });

  test('a viewer may read notes but not add one: 403, nothing stored', async () => {
    const before = await list();
    await refusal(await add({ target: TARGET, text: '官员' }, viewer), 403, 'forbidden');
    expect(await list()).toEqual(before);
  });

  test('refusals are located: an unknown target, a blank or too long text, a wrong field, an unknown set', async () => {
    const before = await list();
    expect((await refusal(await add({ target: 'nope', text: '说明' }), 400, 'invalid_note')).message).toMatch(/^target: no target "nope"/);
    expect((await refusal(await add({ target: TARGET, text: ' \n\t ' }), 400, 'invalid_note')).message).toMatch(/^text: must not be blank/);
    expect((await refusal(await add({ target: TARGET, text: '长'.repeat(MAX_NOTE_LENGTH + 1) }), 400, 'invalid_note')).message).toMatch(/^text: /);
    expect((await refusal(await add({ target: TARGET, text: '说明', author: 'someone else' }), 400, 'invalid_note')).message).toMatch(/author/);
    await refusal(await add('{not json'), 400, 'invalid_json');
    await refusal(await add({ target: TARGET, text: '说明' }, analyst, 'nope'), 404, 'not_found');
    await refusal(await host().request('/target-sets/nope/notes', {}, viewer), 404, 'not_found');
    expect(await list()).toEqual(before);
    // The longest note is taken.
    await answer(await add({ target: TARGET, text: '长'.repeat(MAX_NOTE_LENGTH) }), 201, noteResponseSchema);
  });
});

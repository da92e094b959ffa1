import { expect, test } from 'vitest';
import { matchesSubUnit, parentChoices } from '@/components/sub-unit-filter';
import type { Region } from '@/domain/targets/target-set';

/** A province's three levels: province → prefectures → counties → townships. */
type R = Pick<Region, 'id' | 'name' | 'parent'>;
const region = (id: string, zh: string, en: string, parent?: string): R => ({ id, name: { zh, en }, ...(parent ? { parent } : {}) }) as R;
const province = [
  region('henan', '河南省', 'Henan'),
  region('pds', '平顶山市', 'Pingdingshan', 'henan'),
  region('ly', '洛阳市', 'Luoyang', 'henan'),
  region('ruzhou', '汝州市', 'Ruzhou', 'pds'),
  region('yichuan', '伊川县', 'Yichuan', 'ly'),
  region('jiliao', '寄料镇', 'Jiliao Town', 'ruzhou'),
  region('wenquan', '温泉镇', 'Wenquan Town', 'ruzhou'),
  region('baisha', '白沙镇', 'Baisha Town', 'yichuan'),
];
const byId = new Map(province.map((r) => [r.id, r]));
const townships = province.filter((r) => ['jiliao', 'wenquan', 'baisha'].includes(r.id));
const matching = (query: Parameters<typeof matchesSubUnit>[2]) => townships.filter((r) => matchesSubUnit(byId, r, query)).map((r) => r.id);

test('filtering by a parent keeps the sub-units under it at any depth', () => {
  expect(matching({ within: 'ruzhou' })).toEqual(['jiliao', 'wenquan']); // the direct parent
  expect(matching({ within: 'pds' })).toEqual(['jiliao', 'wenquan']); // two levels up
  expect(matching({ within: 'ly' })).toEqual(['baisha']);
  expect(matching({ within: 'henan' })).toEqual(['jiliao', 'wenquan', 'baisha']); // three levels up
  expect(matching({ within: 'jiliao' })).toEqual(['jiliao']); // a region is within itself
  expect(matching({ within: 'nowhere' })).toEqual([]);
  expect(matching({})).toEqual(['jiliao', 'wenquan', 'baisha']);
});

test('the name search matches the Chinese name or the English name ignoring case, trimmed', () => {
  expect(matching({ q: '温泉' })).toEqual(['wenquan']);
  expect(matching({ q: '镇' })).toEqual(['jiliao', 'wenquan', 'baisha']);
  expect(matching({ q: 'wenquan' })).toEqual(['wenquan']);
  expect(matching({ q: 'BAISHA' })).toEqual(['baisha']);
  expect(matching({ q: '  jiliao  ' })).toEqual(['jiliao']);
  expect(matching({ q: 'town' })).toEqual(['jiliao', 'wenquan', 'baisha']);
  expect(matching({ q: '   ' })).toEqual(['jiliao', 'wenquan', 'baisha']);
  expect(matching({ q: 'Shanghai' })).toEqual([]);
});

test('parent and name together both have to match', () => {
  expect(matching({ within: 'ruzhou', q: 'town' })).toEqual(['jiliao', 'wenquan']);
  expect(matching({ within: 'ruzhou', q: 'baisha' })).toEqual([]);
});

test('the parent choices are the sub-units’ parents in the set’s order, and none for a one-level set', () => {
  expect(parentChoices(province as Region[], townships).map((r) => r.id)).toEqual(['ruzhou', 'yichuan']);
  // A city and its townships: one parent, so no picker.
  const city = [region('ruzhou', '汝州市', 'Ruzhou'), region('jiliao', '寄料镇', 'Jiliao Town', 'ruzhou'), region('wenquan', '温泉镇', 'Wenquan Town', 'ruzhou')];
  expect(parentChoices(city as Region[], city.slice(1))).toEqual([]);
});

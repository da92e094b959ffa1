import { expect, test } from 'vitest';
import { joinList, languageOf, localized, type Language, type Locale } from '@/domain/shared/locale';

const cases: [Locale, Language, string, string][] = [
  ['zh-CN', 'zh', '汝州市', '寄料镇、温泉镇'],
  ['en', 'en', 'Ruzhou City', 'Jiliao Town, Wenquan Town'],
];

test.each(cases)('the %s locale reads the %s text and writes lists with its own separator', (locale, language, text, list) => {
  expect(languageOf(locale)).toBe(language);
  expect(localized({ zh: '汝州市', en: 'Ruzhou City' }, locale)).toBe(text);
  const towns = locale === 'zh-CN' ? ['寄料镇', '温泉镇'] : ['Jiliao Town', 'Wenquan Town'];
  expect(joinList(towns, locale)).toBe(list);
});

test('a list of one is the item, a list of none is empty', () => {
  expect(joinList(['寄料镇'], 'zh-CN')).toBe('寄料镇');
  expect(joinList([], 'en')).toBe('');
});

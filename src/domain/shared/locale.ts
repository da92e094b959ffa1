/** The interface's locales: Simplified Chinese (the default) and English. */
export type Locale = 'zh-CN' | 'en';

/** The key of a target file's text in each language (`name: { zh, en }`). */
export type Language = 'zh' | 'en';

/** Text written in both languages, as target files hold names, notes and definitions. */
export type LocalizedText = Readonly<Record<Language, string>>;

/** The language key a locale reads: 'zh' for zh-CN, 'en' for en. */
export function languageOf(locale: Locale): Language {
  return locale === 'zh-CN' ? 'zh' : 'en';
}

/** A target file's text in the locale's language. */
export function localized(text: LocalizedText, locale: Locale): string {
  return text[languageOf(locale)];
}

/** Items of a list as the locale writes them: "寄料镇、温泉镇" / "Jiliao Town, Wenquan Town". */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

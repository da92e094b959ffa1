import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enPlanWords, zhCNPlanWords } from './plan-words';
import type { WithPlurals } from './plurals';
import { zhCN, type FirstPageMessages, type Messages } from './zh-cn';

/** The page's languages (the selection's `lang`). */
export type Lang = 'zh-CN' | 'en';

/**
 * The messages at hand, by language. Chinese (the default and the fallback) comes with the first page;
 * English is loaded on demand (`loadLanguage`), so a Chinese reader does not download it. A test provides
 * it up front (`provideMessages`) to render in English synchronously.
 */
const bundles: Partial<Record<Lang, WithPlurals<FirstPageMessages>>> = { 'zh-CN': zhCN };
const loading = new Map<Lang, Promise<void>>();

/** Makes `messages` the words of `lang` (in the running i18next too, if it is initialised). */
export function provideMessages(lang: Lang, messages: WithPlurals<Messages>): void {
  bundles[lang] = messages;
  if (i18next.isInitialized) i18next.addResourceBundle(lang, 'translation', withPlanWords(lang, messages), true, true);
}

/**
 * Adds part of a language's messages that loads with the pages using it (`import-words.ts`: the Chinese words
 * of the import and data pages), to what the language has and to the running i18next.
 */
export function provideMessageSection(lang: Lang, section: object): void {
  const known = bundles[lang];
  if (known === undefined) return; // provided with the whole language when it loads (English is one chunk)
  bundles[lang] = { ...known, ...section };
  if (i18next.isInitialized) i18next.addResourceBundle(lang, 'translation', section, true, true);
}

/** A language's messages with its plan words (`plan.*`, nested by the messages; see `plan-words.ts`). */
function withPlanWords(lang: Lang, messages: WithPlurals<FirstPageMessages>): object {
  return { ...messages, plan: lang === 'en' ? enPlanWords : zhCNPlanWords };
}

/**
 * Resolves once the messages of `lang` are at hand (at once if they are); a failed load rejects and may
 * be tried again. Only then may the page change to it: a language without its messages would show keys.
 */
export function loadLanguage(lang: Lang): Promise<void> {
  if (bundles[lang] !== undefined) return Promise.resolve();
  let pending = loading.get(lang);
  if (pending === undefined) {
    // A string literal in `import()`, so the bundler makes English a chunk of its own.
    pending = import('./en')
      .then(({ en }) => provideMessages(lang, en))
      .finally(() => loading.delete(lang));
    loading.set(lang, pending);
  }
  return pending;
}

/** The language last asked for: a slower load of an earlier choice does not override a later one. */
let wanted: Lang | undefined;

/**
 * Changes the page's words to `lang` once its messages are loaded (until then the page keeps the
 * language it has, so no key is ever shown), then sets `<html lang>`. A later call wins over an
 * earlier one still loading. Resolves to whether `lang` is now the language.
 */
export async function switchLanguage(lang: Lang): Promise<boolean> {
  wanted = lang;
  await loadLanguage(lang);
  if (wanted !== lang) return false;
  if (i18next.language !== lang) await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  return true;
}

/**
 * The selected plan's terms, which every message may use (`$t(plan.whole.{{planWhole}})`: 全市/全省/全国,
 * `$t(plan.subUnits.{{planUnits}})`: 乡镇/地市, `{{planNameZh}}`): keys into the `plan.*` words, so each
 * language words them itself. Set once where a target set is loaded (`TargetSetGate`), so no text names
 * one plan's jurisdiction or sub-units whatever the plan says; until then, no plan: neutral words.
 */
export type PlanTermKeys = { whole: string; units: string; nameZh: string; nameEn: string };

const NO_PLAN: PlanTermKeys = { whole: 'none', units: 'none', nameZh: '', nameEn: '' };
let planVariables = variablesOf(NO_PLAN);

function variablesOf(terms: PlanTermKeys): Record<string, string> {
  return { planWhole: terms.whole, planUnits: terms.units, planNameZh: terms.nameZh, planNameEn: terms.nameEn };
}

/** Makes `terms` (a set's `planTerms`) the plan every message speaks of; `undefined`: none. Idempotent. */
export function setPlanTerms(terms: PlanTermKeys | undefined): void {
  const next = variablesOf(terms ?? NO_PLAN);
  if (Object.entries(next).every(([key, value]) => planVariables[key] === value)) return;
  planVariables = next;
  // i18next reads its interpolation options at each `t`, so the words follow at the next render.
  if (i18next.isInitialized && i18next.options.interpolation) i18next.options.interpolation.defaultVariables = planVariables;
}

/**
 * Initialises i18next in `lang` with the messages at hand, synchronously; zh-CN is the fallback.
 * The messages of `lang` must be at hand: `await loadLanguage(lang)` first (tests provide them).
 */
export function setupI18n(lang: Lang): i18n {
  if (bundles[lang] === undefined) throw new Error(`The ${lang} messages are not loaded: await loadLanguage('${lang}') before setupI18n.`);
  wanted = lang;
  const resources = Object.fromEntries(Object.entries(bundles).map(([code, translation]) => [code, { translation: withPlanWords(code as Lang, translation) }]));
  void i18next.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: 'zh-CN',
    // React escapes text; file contents are never rendered as HTML.
    interpolation: { escapeValue: false, defaultVariables: planVariables },
    returnNull: false,
    initAsync: false,
  });
  return i18next;
}

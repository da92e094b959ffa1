import type { TFunction } from 'i18next';
import { joinList, type Locale } from '@/domain/shared/locale';

/** Up to this many regions a sentence names them all: a city's townships that lack a figure, say. */
export const NAMES_IN_FULL = 12;
/** A longer list names this many, then says how many more (a province's 2,000 townships are rows of its table, not words of a sentence). */
export const NAMES_FIRST = 10;

/**
 * Regions named in a sentence ("2,000 个乡镇只报送了比率（…）"), in the language's list form: all of them up to
 * NAMES_IN_FULL, else the first NAMES_FIRST and how many others ("…等，另有 1,990 个", "… and 1,990 more").
 */
export function nameList(t: TFunction, ids: readonly string[], regionName: (id: string) => string, locale: Locale): string {
  if (ids.length <= NAMES_IN_FULL) return joinList(ids.map(regionName), locale);
  return t('common.namesMore', { list: joinList(ids.slice(0, NAMES_FIRST).map(regionName), locale), rest: ids.length - NAMES_FIRST });
}

import { goalText, type Goal } from '@/domain/targets/comparator';
import type { Locale } from '@/domain/shared/locale';
import type { Unit } from '@/domain/targets/target-set';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number in the locale's style with at most `digits` decimals, or exactly
 * `digits` when `fixed` (so 47 reads "47.0" beside "85.7"). Cached Intl formatters.
 */
export function formatNumber(value: number, locale: Locale, digits = 1, fixed = false): string {
  const key = `${locale}|${digits}|${fixed}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 });
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}

const UNIT_WORDS: Record<Exclude<Unit, 'percent' | 'count'>, Record<Locale, [string, string]>> = {
  persons: { 'zh-CN': ['人', '人'], en: ['person', 'people'] },
  classes: { 'zh-CN': ['个班', '个班'], en: ['class', 'classes'] },
  classrooms: { 'zh-CN': ['间', '间'], en: ['classroom', 'classrooms'] },
  schools: { 'zh-CN': ['所', '所'], en: ['school', 'schools'] },
};

/** Decimals shown for a unit: one for percents, none for counts of people and things. */
export function unitDigits(unit: Unit): number {
  return unit === 'percent' ? 1 : 0;
}

/** A value with its unit: "85.2%", "42 人" / "42 people". */
export function formatMeasure(value: number, unit: Unit, locale: Locale): string {
  const number = formatNumber(value, locale, unitDigits(unit), unit === 'percent');
  if (unit === 'percent') return `${number}%`;
  if (unit === 'count') return number;
  const [one, many] = UNIT_WORDS[unit][locale];
  // Singular when the number shown reads 1 (0.6 people shows as "1 person").
  const shown = Number(Math.abs(value).toFixed(unitDigits(unit)));
  return `${number} ${shown === 1 ? one : many}`;
}

/** A difference in the unit of the goal: percentage points for percents ("0.9 个百分点" / "0.9 pp"). */
export function formatDifference(value: number, unit: Unit, locale: Locale): string {
  if (unit === 'percent') {
    const number = formatNumber(Math.abs(value), locale, 1, true);
    return locale === 'zh-CN' ? `${number} 个百分点` : `${number} pp`;
  }
  return formatMeasure(Math.abs(value), unit, locale);
}

/**
 * A goal as a short formula: "≥ 85%", "≤ 10%", "5% ± 1", "80%–90%", from the
 * comparator's pieces (`goalText`): values with their unit, a tolerance as a bare
 * number in the unit's decimals.
 */
export function formatGoal(goal: Goal, unit: Unit, locale: Locale): string {
  return goalText(goal)
    .map((piece) => {
      switch (piece.kind) {
        case 'symbol':
          return piece.text;
        case 'measure':
          return formatMeasure(piece.value, unit, locale);
        case 'amount':
          return formatNumber(piece.value, locale, unitDigits(unit), unit === 'percent');
      }
    })
    .join('');
}

import { boundMargin, goalInterval, goalText, marginToGoal, meetsGoal, proveAgainstGoal, type Goal } from '@/domain/targets/comparator';
import type { Locale } from '@/domain/shared/locale';
import type { FigureQualifier } from '@/domain/shared/observation';
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

/** Whether `value` names a unit (a message's `measure`, say): without the schema, so the words need no parser. */
export function isUnit(value: unknown): value is Unit {
  return value === 'percent' || value === 'count' || (typeof value === 'string' && Object.hasOwn(UNIT_WORDS, value));
}

/** Decimals shown for a unit: one for percents, none for counts of people and things. */
export function unitDigits(unit: Unit): number {
  return unit === 'percent' ? 1 : 0;
}

/** A value with its unit: "85.2%", "42 人" / "42 people". */
export function formatMeasure(value: number, unit: Unit, locale: Locale): string {
  return measureAt(value, unit, locale, unitDigits(unit));
}

/**
 * A value with its unit at `digits` decimals: fixed for percents ("79.98%"), at most
 * `digits` for counts ("11.6 人"), the unit word's number following the number shown.
 */
function measureAt(value: number, unit: Unit, locale: Locale, digits: number): string {
  const number = formatNumber(value, locale, digits, unit === 'percent');
  if (unit === 'percent') return `${number}%`;
  if (unit === 'count') return number;
  const [one, many] = UNIT_WORDS[unit][locale];
  // Singular when the number shown reads 1 (0.6 people shows as "1 person").
  const shown = Number(Math.abs(value).toFixed(digits));
  return `${number} ${shown === 1 ? one : many}`;
}

/** The value as shown at `digits` decimals, as a number (what a reader takes it to be). */
function roundedAt(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** Decimals a figure may gain beyond its unit's so that the number shown stays on its side of the goal. */
export const EXTRA_DIGITS = 2;

/** A meeting value may need more decimals than that only against a goal with many decimals; it is shown with up to this many. */
const MAX_DIGITS = 6;

/** The fewest decimals, from the unit's own up to `max`, that write `value` exactly ("80.0", "80.04"). */
function digitsFor(value: number, from: number, max: number): number {
  for (let digits = from; digits < max; digits++) if (roundedAt(value, digits) === value) return digits;
  return max;
}

const QUALIFIER_SYMBOLS: Record<FigureQualifier, string> = { at_least: '≥ ', at_most: '≤ ' };

/**
 * A figure as shown everywhere (cards, tables, tooltips, explanations, exports): the
 * unit's decimals ("79.9%", "12 人"). With a goal, the number shown is on the same
 * side of the goal as the value (the comparator's `meetsGoal` decides both): a value
 * that misses gains up to two decimals until its shown number misses too
 * (855/1069 = 79.9813… against ≥ 80 is "79.98%", never "80.0%"), else reads as
 * beyond the bound it misses ("<80.0%", ">10.0%"); a value that meets is never shown
 * as missing. A published bound carries its symbol ("≥ 95.0%", "≤ 5.0%").
 */
export function formatFigure(value: number, unit: Unit, locale: Locale, options: { goal?: Goal; qualifier?: FigureQualifier } = {}): string {
  const { goal, qualifier } = options;
  const prefix = qualifier ? QUALIFIER_SYMBOLS[qualifier] : '';
  const base = unitDigits(unit);
  if (!goal || !Number.isFinite(value)) return prefix + measureAt(value, unit, locale, base);
  const meets = meetsGoal(goal, value);
  const limit = meets ? MAX_DIGITS : base + EXTRA_DIGITS;
  for (let digits = base; digits <= limit; digits++) {
    if (meetsGoal(goal, roundedAt(value, digits)) === meets) return prefix + measureAt(value, unit, locale, digits);
  }
  if (meets) return prefix + measureAt(value, unit, locale, limit);
  // Still on the goal's side at every allowed precision: say which bound it misses.
  const { low, high } = goalInterval(goal);
  const below = value < low;
  const bound = below ? low : high;
  const symbol = below ? '<' : '>';
  return `${prefix}${symbol}${measureAt(bound, unit, locale, digitsFor(bound, base, base + EXTRA_DIGITS))}`;
}

/**
 * A stored figure as every page shows it (`formatFigure` with the figure's own qualifier): never on
 * the wrong side of `goal`, a published bound as a bound ("≥ 95.0%"). The one way a figure reaches the
 * screen, so a card, a table cell, an explanation and the report cannot show it differently.
 */
export function formatFigureOf(figure: { value: number; qualifier?: FigureQualifier | undefined }, unit: Unit, locale: Locale, goal?: Goal): string {
  return formatFigure(figure.value, unit, locale, { ...(goal ? { goal } : {}), ...(figure.qualifier ? { qualifier: figure.qualifier } : {}) });
}

/**
 * A gap as an absolute amount with its unit (percentage points for percents: "0.9 个百分点" /
 * "0.9 pp"), without a sign — the caller chooses the words ("差", "优于"). A non-zero gap
 * never reads "0.0": it gains up to two decimals ("0.02 个百分点"), else reads as less
 * than the unit's smallest step ("<0.1 个百分点", "<1 人"). Exactly 0 reads "0.0 个百分点".
 */
export function formatMargin(margin: number, unit: Unit, locale: Locale): string {
  const size = Math.abs(margin);
  const base = unitDigits(unit);
  let text: string | undefined;
  if (size === 0 || !Number.isFinite(size)) text = amountAt(size, unit, locale, base);
  else {
    for (let digits = base; digits <= base + EXTRA_DIGITS && text === undefined; digits++) {
      if (roundedAt(size, digits) !== 0) text = amountAt(size, unit, locale, digits);
    }
    text ??= `<${amountAt(10 ** -base, unit, locale, base)}`;
  }
  return text;
}

/** A change as a signed amount of the unit: "+1.2 个百分点", "−3 人" (a true minus sign), "0.0 个百分点" for none. */
export function formatSignedMargin(change: number, unit: Unit, locale: Locale): string {
  const size = formatMargin(change, unit, locale);
  return change > 0 ? `+${size}` : change < 0 ? `−${size}` : size;
}

/** An amount of the unit: percentage points for percents, else the unit's measure. */
function amountAt(size: number, unit: Unit, locale: Locale, digits: number): string {
  if (unit === 'percent') {
    const number = formatNumber(size, locale, digits, true);
    return locale === 'zh-CN' ? `${number} 个百分点` : `${number} pp`;
  }
  return measureAt(size, unit, locale, digits);
}

/**
 * A difference in the unit of the goal, without a sign: `formatMargin` (kept for the
 * callers that name it so; the same rule, so no non-zero gap reads "0.0").
 */
export function formatDifference(value: number, unit: Unit, locale: Locale): string {
  return formatMargin(value, unit, locale);
}

/**
 * The margin of a value to its goal as words' material: the comparator's signed margin
 * (≥ 0 meets) and its absolute amount via `formatMargin`.
 */
export function marginFigure(goal: Goal, value: number, unit: Unit, locale: Locale): { meets: boolean; margin: number; text: string } {
  const margin = marginToGoal(goal, value);
  return { meets: meetsGoal(goal, value), margin, text: formatMargin(margin, unit, locale) };
}

/**
 * A goal as a short formula: "≥ 85.0%", "≤ 10.0%", "5.0% ± 1.0 个百分点" / "5.0% ± 1.0 pp",
 * "80.0%–90.0%", from the comparator's pieces (`goalText`): values with their unit, a
 * band's tolerance as an amount of the unit (percentage points for percents).
 */
export function formatGoal(goal: Goal, unit: Unit, locale: Locale): string {
  return goalText(goal)
    .map((piece) => {
      switch (piece.kind) {
        case 'symbol':
          return piece.text;
        case 'measure':
          return measureAt(piece.value, unit, locale, digitsFor(piece.value, unitDigits(unit), unitDigits(unit) + EXTRA_DIGITS));
        case 'amount':
          return amountAt(piece.value, unit, locale, digitsFor(piece.value, unitDigits(unit), unitDigits(unit) + EXTRA_DIGITS));
      }
    })
    .join('');
}

/**
 * What the margin line of a figure can say, from the comparator's margin (`marginToGoal`,
 * `meetsGoal`), with `amount` the absolute gap in the goal's unit (for `formatMargin`):
 * - an exact figure: `exact` (on a floor's or cap's bound), `better` by amount, `within` a
 *   band (never "better than the goal" inside one), `short` by amount;
 * - a bound ("≥ 93"), over every value it allows: `boundMet` (better by at least amount,
 *   0 when the bound is the goal), `boundShort` (short by at least amount), and when it
 *   proves neither way `boundUndecided`, with `shortAtMost` when the shortfall is limited.
 */
export type FigureMargin =
  | { kind: 'exact' }
  | { kind: 'better'; amount: number }
  | { kind: 'within' }
  | { kind: 'short'; amount: number }
  | { kind: 'boundMet'; amount: number }
  | { kind: 'boundShort'; amount: number }
  | { kind: 'boundUndecided'; shortAtMost?: number };

/** Below this absolute margin a meeting figure is on the goal's bound ("exactly at the goal"). */
const ON_BOUND = 1e-9;

export function figureMargin(goal: Goal, value: number, qualifier?: FigureQualifier): FigureMargin {
  const atValue = marginToGoal(goal, value);
  const meets = meetsGoal(goal, value);
  const { low, high } = goalInterval(goal);
  if (!qualifier) {
    if (!meets) return { kind: 'short', amount: -atValue };
    if (Number.isFinite(low) && Number.isFinite(high)) return { kind: 'within' };
    return Math.abs(atValue) < ON_BOUND * Math.max(1, Math.abs(value)) ? { kind: 'exact' } : { kind: 'better', amount: atValue };
  }
  // What the bound proves is the comparator's rule, the one the status rests on.
  switch (proveAgainstGoal(goal, value, qualifier)) {
    case 'met':
      return { kind: 'boundMet', amount: Math.max(0, atValue) };
    case 'missed':
      return { kind: 'boundShort', amount: -atValue };
    case 'undecided':
      // The bound is the worst value it allows: the shortfall is at most the bound's.
      return !meets && boundMargin(goal, value, qualifier)?.known === 'at_least'
        ? { kind: 'boundUndecided', shortAtMost: -atValue }
        : { kind: 'boundUndecided' };
  }
}

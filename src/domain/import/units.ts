import type { Unit } from '@/domain/targets/target-set';

/**
 * Units as files write them — in brackets after a header ("实际值(%)", "人数（人）")
 * or in a unit row below it — and whether one fits a metric's unit. Table
 * detection reads them; the row checks compare them with each row's metric.
 */

/** A unit as written, without brackets and spaces: "（%）" → "%", "单位：人" → "单位：人". */
export function unbracketed(cell: string): string {
  let text = cell.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  while (text.length >= 2 && '([{【'.includes(text[0]!) && ')]}】'.includes(text[text.length - 1]!)) text = text.slice(1, -1);
  return text;
}

/** A unit as written, without brackets, spaces and a "单位：" label: "（%）" → "%", "单位：人" → "人". */
const bareUnit = (cell: string): string => unbracketed(cell).replace(/^单位[:：]?/, '');

/**
 * What a unit as written measures, for comparing with a metric's unit: a percent, persons, classes,
 * classrooms, schools, a bare count ("个", which any count may use), or `other` for a unit no metric of
 * a target set has ("万人" — ten thousands —, "元", "‰").
 */
export type WrittenUnit = Unit | 'other';

const WRITTEN_UNITS: ReadonlyMap<string, WrittenUnit> = new Map(
  (
    [
      ['percent', ['%', '百分比', 'percent', 'pct']],
      ['persons', ['人', '名', '人次', 'persons', 'person', 'people']],
      ['classes', ['班', '个班', 'classes']],
      ['classrooms', ['间', 'classrooms', 'rooms']],
      ['schools', ['所', '校', '个学校', 'schools']],
      ['count', ['个', '项', '件', 'count', 'number']],
      ['other', ['‰', '万人', '元', '万元', '千元', '亿元']],
    ] as const
  ).flatMap(([unit, words]) => words.map((word): [string, WrittenUnit] => [word, unit])),
);

/** What a unit as written ("%", "（人）", "单位：所") measures; undefined for text that is not a unit. */
export function writtenUnit(text: string): WrittenUnit | undefined {
  return WRITTEN_UNITS.get(bareUnit(text));
}

/**
 * True when a column whose unit is written `written` cannot hold a value of a metric with `unit`: a
 * percent column for a count, a count column (人, 所 …) for a percent, persons for schools, 万人 for
 * anything. A bare count ("个") fits every count, and a metric counted in `count` fits every count unit.
 */
export function unitMismatch(written: WrittenUnit, unit: Unit): boolean {
  if (written === unit) return false;
  if (written === 'other' || written === 'percent' || unit === 'percent') return true;
  return written !== 'count' && unit !== 'count';
}

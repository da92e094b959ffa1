import { rosterMetricOf } from '@/domain/targets/target-helpers';
import type { TargetSet } from '@/domain/targets/target-set';
import { parseNumberCell } from './cells';
import { cellAt, type LayoutRowMapper, type RowChecks } from './row-checks';
import type { Candidate, ColumnMapping, ImportMessage } from './types';

/**
 * The class-roster tally: rows are classes with their number of students,
 * counted per sub-unit and year and for the whole jurisdiction into the
 * metric the target file names for rosters (`class_roster`): classes of at
 * least its `large_class_size` students over all classes, both counts kept.
 */

/** How many source rows a roster figure keeps in `rows`. */
export const ROSTER_ROWS_KEPT = 5;

type Tally = { region: string; year: number; classes: number; large: number; rows: number[] };

/** Counts classes; see `createRosterTally`. */
export type RosterTally = {
  /** Counts one class of `students` (see `classSize`) of `region` in `year`, read from `row`. */
  count(region: string, year: number, students: number, row: number): void;
  /**
   * The figures counted — per sub-unit and year in the order first seen, then
   * the jurisdiction per year — with numerator = large classes, denominator =
   * classes and the first `ROSTER_ROWS_KEPT` rows, and the `roster_aggregated`
   * note summing them up. Undefined when no class was counted.
   */
  finish(): { figures: Candidate[]; note: ImportMessage } | undefined;
};

/**
 * The number of students a class-size cell gives: a whole number above 0,
 * written without "%"; undefined for anything else (including a gap).
 */
export function classSize(raw: string): number | undefined {
  const parsed = parseNumberCell(raw);
  return parsed.kind === 'number' && !parsed.percent && !parsed.qualifier && Number.isInteger(parsed.value) && parsed.value > 0 ? parsed.value : undefined;
}

/**
 * A tally for the set's roster metric (`rosterMetricOf`), or undefined when
 * the set declares none. A class under the jurisdiction itself (a city-run
 * school) counts towards the jurisdiction only.
 */
export function createRosterTally(set: Pick<TargetSet, 'metrics' | 'jurisdiction'>): RosterTally | undefined {
  const metric = rosterMetricOf(set);
  const largeClassSize = metric?.class_roster?.large_class_size;
  if (!metric || largeClassSize === undefined) return undefined;
  const city = set.jurisdiction;
  /** Sub-unit tallies by region id, then year (no key string built per row), and in the order first seen. */
  const byRegion = new Map<string, Map<number, Tally>>();
  const townships: Tally[] = [];
  const byYear = new Map<number, Tally>();

  const tally = (entry: Tally, large: number, row: number) => {
    entry.classes += 1;
    entry.large += large;
    if (entry.rows.length < ROSTER_ROWS_KEPT) entry.rows.push(row);
  };

  return {
    count(region, year, students, row) {
      const large = students >= largeClassSize ? 1 : 0;
      if (region !== city) {
        let years = byRegion.get(region);
        if (!years) byRegion.set(region, (years = new Map()));
        let entry = years.get(year);
        if (!entry) {
          years.set(year, (entry = { region, year, classes: 0, large: 0, rows: [] }));
          townships.push(entry);
        }
        tally(entry, large, row);
      }
      let entry = byYear.get(year);
      if (!entry) byYear.set(year, (entry = { region: city, year, classes: 0, large: 0, rows: [] }));
      tally(entry, large, row);
    },
    finish() {
      if (byYear.size === 0) return undefined;
      let classes = 0;
      let large = 0;
      for (const entry of byYear.values()) {
        classes += entry.classes;
        large += entry.large;
      }
      const figures = [...townships, ...byYear.values()].map(
        (entry): Candidate => ({ metric: metric.id, region: entry.region, year: entry.year, numerator: entry.large, denominator: entry.classes, rows: entry.rows }),
      );
      const note: ImportMessage = { severity: 'note', code: 'roster_aggregated', params: { classes, large, townships: byRegion.size, size: largeClassSize } };
      return { figures, note };
    },
  };
}

/**
 * Maps roster rows: each is a class, counted into `roster` when its size
 * (`classSize` of the students cell), region and year are good; a bad size is
 * `students_invalid`.
 */
export function createRosterRowMapper(roster: RosterTally, studentsColumn: ColumnMapping | undefined, checks: RowChecks): LayoutRowMapper {
  return (cells, row, region, year) => {
    const raw = cellAt(cells, studentsColumn);
    const students = classSize(raw);
    if (students === undefined) checks.error('students_invalid', row, studentsColumn, raw);
    if (students === undefined || !region || year === undefined || checks.failed) return;
    roster.count(region.id, year, students, row);
  };
}

import { rollupSubUnits, rosterMetricOf } from '@/domain/targets/target-helpers';
import type { SchoolLevel, TargetSet } from '@/domain/targets/target-set';
import { foldText, parseNumberCell } from './cells';
import { cacheByCell } from './names';
import { cellAt, type LayoutRowMapper, type RowChecks } from './row-checks';
import type { Candidate, ColumnMapping, ImportMessage } from './types';

/**
 * The class-roster tally: rows are classes with their number of students,
 * counted per sub-unit and year into the metric the target file names for
 * rosters (`class_roster`): classes of at least its `large_class_size`
 * students over all classes, both counts kept. The rule is the target file's:
 * which school levels count (`school_levels`: a high-school share counts
 * high-school classes only) and the largest plausible class (`max_class_size`).
 *
 * The jurisdiction's figure is written only for a year the roster covers every
 * sub-unit of: a roster of some townships leaves the city to the roll-up of its
 * townships' figures (`roster_partial`), so three classes in one township can
 * never become the whole city's share.
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
   * the jurisdiction per year where every sub-unit has classes that year — with
   * numerator = large classes, denominator = classes and the first
   * `ROSTER_ROWS_KEPT` rows; the `roster_aggregated` note summing them up, and
   * one `roster_partial` message per year the jurisdiction's figure is not
   * written for. Undefined when no class was counted.
   */
  finish(): { figures: Candidate[]; note: ImportMessage; partial: ImportMessage[] } | undefined;
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
 * A class or school name as duplicates are compared: `foldText`, the rule
 * names are compared by (full-width brackets and digits become ASCII, so
 * 八（３）班 = 八(3)班; spaces and invisible characters removed; lower case).
 */
export function normalizeClassName(raw: string): string {
  return foldText(raw);
}

const GRADE_WORDS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function levelOfGrade(grade: number): SchoolLevel | undefined {
  if (grade >= 1 && grade <= 6) return 'primary';
  if (grade >= 7 && grade <= 9) return 'junior_secondary';
  if (grade >= 10 && grade <= 12) return 'senior_secondary';
  return undefined;
}

/**
 * The school level a class name says (normalised, see `normalizeClassName`):
 * 高一…高三 / 高中 → senior secondary; 初一…初三 / 初中 / 七…九年级 / 八(3)班 →
 * junior secondary; 一…六年级 / 三(2)班 → primary; "Grade 10" → senior, 7–9
 * junior, 1–6 primary. Undefined when the name does not say.
 */
function levelOfClass(name: string): SchoolLevel | undefined {
  if (/^高[一二三123中]/.test(name)) return 'senior_secondary';
  if (/^初[一二三123中]/.test(name)) return 'junior_secondary';
  const grade = /^([一二三四五六七八九]|1[0-2]|[1-9])(?:年级|\()/.exec(name);
  if (grade) return levelOfGrade(GRADE_WORDS[grade[1]!] ?? Number(grade[1]));
  const english = /^(?:grade|g)(\d{1,2})/.exec(name);
  return english ? levelOfGrade(Number(english[1])) : undefined;
}

/** The school level a school's name says: 高级中学 / 高中 / high school, 初级中学 / 初中 / middle school, 小学 / primary. */
function levelOfSchool(name: string): SchoolLevel | undefined {
  if (/高级中学|高中|highschool|seniorhigh/.test(name)) return 'senior_secondary';
  if (/初级中学|初中|middleschool|juniorhigh/.test(name)) return 'junior_secondary';
  if (/小学|primary|elementary/.test(name)) return 'primary';
  return undefined;
}

/**
 * The school level of a class, from its class name (高二(3)班, 八年级1班, Grade 7
 * Class 2) or else its school's name (某某高级中学, 某某中心小学); both
 * normalised (`normalizeClassName`). Undefined when neither says: a 完全中学's
 * "3班" could be either level.
 */
export function schoolLevelOf(school: string, className: string): SchoolLevel | undefined {
  return levelOfClass(normalizeClassName(className)) ?? levelOfSchool(normalizeClassName(school));
}

/**
 * A tally for the set's roster metric (`rosterMetricOf`), or undefined when
 * the set declares none. A class under the jurisdiction itself (a city-run
 * school) counts towards the jurisdiction only, and so only in a year the
 * jurisdiction's figure is written.
 */
export function createRosterTally(set: Pick<TargetSet, 'metrics' | 'jurisdiction' | 'regions'>): RosterTally | undefined {
  const metric = rosterMetricOf(set);
  const largeClassSize = metric?.class_roster?.large_class_size;
  if (!metric || largeClassSize === undefined) return undefined;
  const city = set.jurisdiction;
  const subUnits = rollupSubUnits(set).length;
  /** Sub-unit tallies by region id, then year (no key string built per row), and in the order first seen. */
  const byRegion = new Map<string, Map<number, Tally>>();
  const townships: Tally[] = [];
  const byYear = new Map<number, Tally>();
  /** Classes under the jurisdiction itself, per year. */
  const cityOwn = new Map<number, number>();

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
      } else cityOwn.set(year, (cityOwn.get(year) ?? 0) + 1);
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
      const covered = new Map<number, number>();
      for (const entry of townships) covered.set(entry.year, (covered.get(entry.year) ?? 0) + 1);
      const whole: Tally[] = [];
      const partial: ImportMessage[] = [];
      for (const entry of byYear.values()) {
        const townshipsCovered = covered.get(entry.year) ?? 0;
        if (townshipsCovered >= subUnits) {
          whole.push(entry);
          continue;
        }
        const cityClasses = cityOwn.get(entry.year) ?? 0;
        partial.push({
          // Classes of the city's own schools that no figure will hold are worth a warning; otherwise a note.
          severity: cityClasses > 0 ? 'warning' : 'note',
          code: 'roster_partial',
          params: { region: city, metric: metric.id, year: entry.year, covered: townshipsCovered, total: subUnits, cityClasses },
        });
      }
      const figures = [...townships, ...whole].map(
        (entry): Candidate => ({ metric: metric.id, region: entry.region, year: entry.year, numerator: entry.large, denominator: entry.classes, rows: entry.rows }),
      );
      const note: ImportMessage = { severity: 'note', code: 'roster_aggregated', params: { classes, large, townships: byRegion.size, size: largeClassSize } };
      return { figures, note, partial };
    },
  };
}

/** The columns a roster row reads; school and class are optional (duplicates and levels need them). */
export type RosterColumns = { students?: ColumnMapping | undefined; school?: ColumnMapping | undefined; class?: ColumnMapping | undefined };

/** Small integers for the folded school and class names, in the order first seen. */
function interner(): (name: string) => number {
  const ids = new Map<string, number>();
  return (name) => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = ids.size));
    return id;
  };
}

/**
 * Maps roster rows: each is a class, counted into `roster` when its size
 * (`classSize` of the students cell), region and year are good. Errors: a size
 * that is not a whole number above 0 (`students_invalid`), one above the
 * metric's `max_class_size` (`class_size_implausible`), a class whose school
 * level cannot be told when the metric counts only some levels
 * (`class_level_unknown`), and the same school and class (names normalised)
 * again with another size (`class_conflict`: the first is counted). The same
 * class again with the same size is a warning (`class_duplicate`) and counted
 * once. Classes of a level the metric does not count are left out and counted
 * for `finish`'s `roster_level_skipped` note.
 */
export function createRosterRowMapper(
  roster: RosterTally,
  columns: RosterColumns,
  set: Pick<TargetSet, 'metrics'>,
  checks: RowChecks,
): LayoutRowMapper & { finish(): ImportMessage | undefined } {
  const rule = rosterMetricOf(set)?.class_roster;
  const maxSize = rule?.max_class_size ?? Number.POSITIVE_INFINITY;
  const levels = rule?.school_levels ? new Set<SchoolLevel>(rule.school_levels) : undefined;
  const { students: studentsColumn, school: schoolColumn, class: classColumn } = columns;
  // Duplicates need both names: "七年级1班" is in every school.
  const dedupe = schoolColumn !== undefined && classColumn !== undefined;
  /**
   * Classes seen by region, year, then the normalised school and class names (as small integers): each
   * the place of its first row's size and row in `firstStudents` and `firstRows` (no object per class).
   */
  const seen = new Map<string, Map<number, Map<number, Map<number, number>>>>();
  const firstStudents: number[] = [];
  const firstRows: number[] = [];
  let skipped = 0;
  // Folded names and school levels cached by the cell as written (see `cacheByCell`): a school's classes
  // come in turn, each school in the same order, so a million rows fold a few thousand distinct cells.
  const schoolId = interner();
  const classId = interner();
  const schoolKey = cacheByCell((raw: string) => schoolId(normalizeClassName(raw)));
  const classKey = cacheByCell((raw: string) => classId(normalizeClassName(raw)));
  const classLevel = cacheByCell((raw: string) => levelOfClass(normalizeClassName(raw)) ?? null);
  const schoolLevel = cacheByCell((raw: string) => levelOfSchool(normalizeClassName(raw)) ?? null);

  const mapRow: LayoutRowMapper = (cells, row, region, year) => {
    const raw = cellAt(cells, studentsColumn);
    const students = classSize(raw);
    if (students === undefined) checks.error('students_invalid', row, studentsColumn, raw);
    else if (students > maxSize) checks.error('class_size_implausible', row, studentsColumn, raw, { students, max: maxSize });
    const schoolRaw = cellAt(cells, schoolColumn);
    const classRaw = cellAt(cells, classColumn);
    let counted = true;
    if (levels) {
      // As `schoolLevelOf`: the class name's level, else the school name's.
      const level = classLevel(classRaw) ?? schoolLevel(schoolRaw) ?? undefined;
      if (level === undefined) checks.error('class_level_unknown', row, classColumn ?? schoolColumn, classColumn ? classRaw : schoolRaw, { levels: [...levels].join(',') });
      else if (!levels.has(level)) counted = false;
    }
    if (students === undefined || !region || year === undefined || checks.failed) return;
    // Duplicates are checked before the level, so a class of a level left out, written twice, is skipped once.
    if (dedupe) {
      let years = seen.get(region.id);
      if (!years) seen.set(region.id, (years = new Map()));
      let schools = years.get(year);
      if (!schools) years.set(year, (schools = new Map()));
      const school = schoolKey(schoolRaw);
      let classes = schools.get(school);
      if (!classes) schools.set(school, (classes = new Map()));
      const key = classKey(classRaw);
      const first = classes.get(key);
      if (first !== undefined) {
        const params = { school: schoolRaw.trim(), class: classRaw.trim(), students, firstStudents: firstStudents[first]!, firstRow: firstRows[first]! };
        if (firstStudents[first] === students) checks.notice('warning', 'class_duplicate', row, classColumn, classRaw, params);
        else checks.error('class_conflict', row, studentsColumn, raw, params);
        return;
      }
      classes.set(key, firstRows.length);
      firstStudents.push(students);
      firstRows.push(row);
    }
    if (!counted) {
      skipped += 1;
      return;
    }
    roster.count(region.id, year, students, row);
  };
  return Object.assign(mapRow, {
    finish: (): ImportMessage | undefined =>
      skipped > 0 && levels ? { severity: 'note', code: 'roster_level_skipped', params: { classes: skipped, levels: [...levels].join(',') } } : undefined,
  });
}

import { useEffect, useMemo } from 'react';
import { asOfYears, selectableYears } from '@/domain/evaluation/evaluate-target-set';
import { languageOf, type Language, type Locale } from '@/domain/shared/locale';
import type { Observation } from '@/domain/shared/observation';
import type { Region, TargetSet } from '@/domain/targets/target-set';
import { useSelection, type LinkProblem } from '@/stores/selection-store';

export type View = {
  locale: Locale;
  /** The key of the target file's texts for the locale (`name[lang]`). */
  lang: Language;
  /** Years that have figures, ascending; the as-of year is one of them. */
  years: number[];
  year: number;
  /** Regions a person can choose: the jurisdiction and its sub-units (not comparison areas). */
  selectable: Region[];
  regionId: string;
  regionName: (id: string) => string;
};

/**
 * The as-of years of a set's figures, once per (figures, set), not once per component: a page's frame, grid and
 * header each show them, and counting them is a scan of every figure (240,000 in a province). `counted`: the
 * years as the server counted them over all the set's figures (`years` in an `/actuals` answer), when the page
 * was sent fewer (a target's page, one metric's): those, not the years of the figures at hand.
 */
const yearsCache = new WeakMap<readonly Observation[], WeakMap<Pick<TargetSet, 'targets'>, number[]>>();
export function asOfYearsOf(set: TargetSet, observations: readonly Observation[], counted?: readonly number[]): number[] {
  let bySet = yearsCache.get(observations);
  if (!bySet) yearsCache.set(observations, (bySet = new WeakMap()));
  let years = bySet.get(set);
  if (!years) bySet.set(set, (years = counted ? asOfYears(set, counted) : selectableYears(set, observations)));
  return years;
}

/**
 * The region and as-of year a page shows, resolved from the URL's selection
 * against the data: an unknown region falls back to the jurisdiction, a year
 * without figures to the latest year that has them — and the address is
 * corrected to what is shown, with a message saying what the link asked for.
 */
export function useView(set: TargetSet, years: number[]): View {
  const selection = useSelection();
  const locale = selection.lang;
  const lang = languageOf(locale);
  const year = selection.year !== undefined && years.includes(selection.year) ? selection.year : (years.at(-1) ?? new Date().getFullYear());
  const selectable = useMemo(() => set.regions.filter((r) => r.kind !== 'comparison'), [set]);
  const regionId = selectable.some((r) => r.id === selection.region) ? selection.region! : set.jurisdiction;
  const badRegion = selection.region !== undefined && regionId !== selection.region ? selection.region : undefined;
  const badYear = selection.year !== undefined && year !== selection.year ? selection.year : undefined;
  const correct = selection.correct;
  useEffect(() => {
    if (badRegion === undefined && badYear === undefined) return;
    const problems: LinkProblem[] = [];
    if (badRegion !== undefined) problems.push({ kind: 'region', value: badRegion });
    if (badYear !== undefined) problems.push({ kind: 'year', value: String(badYear) });
    correct({ ...(badRegion === undefined ? {} : { region: undefined }), ...(badYear === undefined ? {} : { year: undefined }) }, problems);
  }, [badRegion, badYear, correct]);
  const names = useMemo(() => new Map(set.regions.map((r) => [r.id, r.name[lang]])), [set, lang]);
  const regionName = useMemo(() => (id: string) => names.get(id) ?? id, [names]);
  return { locale, lang, years, year, selectable, regionId, regionName };
}

import { useCallback, useEffect, useMemo } from 'react';
import { matchesSubUnit, parentChoices, type SubUnitQuery } from '@/components/sub-unit-filter';
import type { Region } from '@/domain/targets/target-set';
import { useSelection } from '@/stores/selection-store';

export type SubUnitQueryView = {
  /** The parents the sub-units can be filtered by (`parentChoices`); empty when they share one. */
  parents: Region[];
  /** The filter as the address has it, a parent that is not among `parents` dropped. */
  query: SubUnitQuery;
  /** Whether a parent or a name part is chosen. */
  filtered: boolean;
  /** The items whose region passes the filter (`matchesSubUnit`), in their order; the same array when nothing is chosen. */
  shown: <T>(items: readonly T[], regionOf: (item: T) => string) => readonly T[];
  /** Writes a change of the filter into the address (`?within=`, `?q=`): for SubUnitFilter's `onChange`. */
  onChange: (patch: SubUnitQuery) => void;
};

/**
 * The sub-unit filter (`?within=` parent, `?q=` name part) of a page listing `subUnits`, read from and
 * written to the address. A `?within=` that is not one of the parents is corrected away with a message,
 * as any unknown region in a link is. Typing a name replaces the address instead of adding a history
 * entry per keystroke; choosing a parent adds one. A change also drops the report's page (`?page=`):
 * a new selection starts at its first page.
 */
export function useSubUnitQuery(regions: ReadonlyMap<string, Region>, allRegions: readonly Region[], subUnits: readonly Region[]): SubUnitQueryView {
  const selection = useSelection();
  const { correct, select } = selection;
  const parents = useMemo(() => parentChoices(allRegions, subUnits), [allRegions, subUnits]);
  const within = selection.within !== undefined && parents.some((r) => r.id === selection.within) ? selection.within : undefined;
  const unknownWithin = selection.within !== undefined && within === undefined ? selection.within : undefined;
  useEffect(() => {
    if (unknownWithin !== undefined) correct({ within: undefined }, [{ kind: 'region', value: unknownWithin }]);
  }, [unknownWithin, correct]);
  const q = selection.q;
  const query = useMemo(() => ({ within, q }), [within, q]);
  const filtered = Boolean(within || q?.trim());
  const shown = useCallback(
    <T,>(items: readonly T[], regionOf: (item: T) => string): readonly T[] =>
      filtered ? items.filter((item) => { const region = regions.get(regionOf(item)); return region !== undefined && matchesSubUnit(regions, region, query); }) : items,
    [filtered, regions, query],
  );
  const onChange = useCallback(
    (patch: SubUnitQuery) => ('q' in patch && !('within' in patch) ? correct({ ...patch, listPage: undefined }, []) : select({ ...patch, listPage: undefined })),
    [correct, select],
  );
  return { parents, query, filtered, shown, onChange };
}

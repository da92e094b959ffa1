import { regionWithin } from '@/domain/targets/target-helpers';
import type { Region } from '@/domain/targets/target-set';

/** The regions the rule reads: ids and parents. */
type Regions = { regions: readonly Pick<Region, 'id' | 'parent'>[] };

/**
 * An analyst limited to one region (and the regions under it) imports only
 * there. The rule is the backend's own (`regionWithin`, which `scopeRefusal`
 * applies to every posted figure); the import preview applies it to every row
 * so that rows of other regions are refused, located, and never sent.
 */

/** The analyst's region, and the file being imported (named in the refusal messages). */
export type ImportScope = { region: string; file: string };

/** Whether a region id is the scope's region or lies under it, by the set's regions (answers cached per id). */
export function regionInScope(set: Regions, scope: string): (region: string) => boolean {
  const regions = new Map(set.regions.map((r) => [r.id, r]));
  const answers = new Map<string, boolean>();
  return (region) => {
    let answer = answers.get(region);
    if (answer === undefined) answers.set(region, (answer = regionWithin(regions, region, scope)));
    return answer;
  };
}

/** Whether every figure lies in the scope: what the backend asks before it lets a scoped analyst commit or undo a batch. */
export function figuresInScope(set: Regions, figures: readonly { region: string }[], scope: string | undefined): boolean {
  if (scope === undefined) return true;
  const within = regionInScope(set, scope);
  return figures.every((f) => within(f.region));
}

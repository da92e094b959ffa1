import type { BatchFigure, Role } from '@/domain/contract/api-contract';
import { roleMayWrite } from '@/domain/contract/contract-values';
import { regionWithin } from '@/domain/targets/target-helpers';
import type { TargetSet } from '@/domain/targets/target-set';
import type { Refusal } from './refusal';
import { indexOf } from './target-files';

/**
 * Who is asking, as the host resolved it: the demo from its `X-Demo-Role`
 * header, a real server from its session. The core never reads credentials.
 * `region` limits an analyst's writes to that region and the regions under it
 * (DHIS2's data-capture organisation units).
 */
export type Caller = { name: string; role: Role; region?: string | undefined };

/** Reads are open to every caller; writes (import, undo) need the analyst or admin role. */
export function writeRefusal(caller: Caller): Refusal | undefined {
  if (roleMayWrite(caller.role)) return undefined;
  return { status: 403, code: 'forbidden', message: 'Only analysts can change data. Officials (viewer role) can read but not import or remove.' };
}

/**
 * The first figure outside the caller's region, as a 403 naming it, or
 * undefined when every figure is the caller's to write (or the caller has no
 * region). The import preview marks the same rows with the same rule.
 */
export function scopeRefusal(caller: Caller, set: TargetSet, figures: readonly Pick<BatchFigure, 'region'>[], where = 'figures'): Refusal | undefined {
  const scope = caller.region;
  if (scope === undefined) return undefined;
  const { regions } = indexOf(set);
  const outside = figures.findIndex((f) => !regionWithin(regions, f.region, scope));
  if (outside < 0) return undefined;
  const count = figures.filter((f) => !regionWithin(regions, f.region, scope)).length;
  return {
    status: 403,
    code: 'region_out_of_scope',
    message: `${where}[${outside}].region: region_out_of_scope (${JSON.stringify(figures[outside]!.region.slice(0, 60))} is outside ${scope}, the only region ${caller.name} may change)${count > 1 ? ` (and ${count - 1} more)` : ''}.`,
  };
}

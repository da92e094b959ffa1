import type { AuditEntry, BatchFigure, Role, SessionUser } from '@/domain/contract/api-contract';
import { roleMayWrite } from '@/domain/contract/contract-values';
import { regionWithin } from '@/domain/targets/target-helpers';
import type { Region, TargetSet } from '@/domain/targets/target-set';
import type { Refusal } from './refusal';
import { indexOf } from './target-files';

/**
 * Who is asking, as the host resolved it: the demo from its `X-Demo-Role`
 * header, a real server from its session. The core never reads credentials.
 * `region` limits an analyst's writes to that region and the regions under it
 * (DHIS2's data-capture organisation units).
 */
export type Caller = { name: string; role: Role; region?: string | undefined };

/**
 * Who the caller is, as `GET /session` (and the server's sign-in) answers:
 * name, role, and for a scoped analyst the region's id and its name in both
 * languages from the target files (absent if no file declares it any more).
 */
export function sessionUserOf({ name, role, region }: Caller, regions: ReadonlyMap<string, Pick<Region, 'name'>>): SessionUser {
  if (region === undefined) return { name, role };
  const declared = regions.get(region);
  return { name, role, region, ...(declared ? { regionName: declared.name } : {}) };
}

/** Reads are open to every caller; writes (import, undo) need the analyst or admin role. */
export function writeRefusal(caller: Caller): Refusal | undefined {
  if (roleMayWrite(caller.role)) return undefined;
  return { status: 403, code: 'forbidden', message: 'Only analysts can change data. Officials (viewer role) can read but not import or remove.' };
}

/**
 * Who may read the audit log (`GET /audit`): the people who change data —
 * analysts and admins — since it names who changed what; officials (viewer
 * role) read the figures, not the log, and are refused.
 */
export function auditRefusal(caller: Caller): Refusal | undefined {
  if (roleMayWrite(caller.role)) return undefined;
  return { status: 403, code: 'forbidden', message: 'Only analysts and admins can read the audit log. Officials (viewer role) can read the figures.' };
}

/**
 * Which audit entries a caller sees: an admin every one; an analyst every
 * commit and undo, and of the sign-ins, failed sign-ins and sign-outs only
 * those under their own name. Who else signs in (or fails to: a guessed
 * password for someone's name) and user changes are the admin's to see.
 */
export function auditVisible(caller: Caller, entry: Pick<AuditEntry, 'action' | 'user'>): boolean {
  if (caller.role === 'admin') return true;
  if (!roleMayWrite(caller.role)) return false;
  switch (entry.action) {
    case 'commit':
    case 'undo':
      return true;
    case 'sign_in':
    case 'sign_in_failed':
    case 'sign_out':
      return entry.user === caller.name;
    default:
      return false;
  }
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

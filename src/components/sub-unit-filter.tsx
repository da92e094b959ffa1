import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@/domain/shared/locale';
import { regionWithin } from '@/domain/targets/target-helpers';
import type { Region } from '@/domain/targets/target-set';

/** The choice a sub-unit table is filtered by: a parent region (any level above) and a part of the name. */
export type SubUnitQuery = { within?: string | undefined; q?: string | undefined };

/**
 * The parents a set's sub-units can be filtered by: the regions that are the parent of at least one of
 * `subUnits`, in the set's order. Empty when they all share one parent (a city and its townships): a
 * filter with one choice is not shown.
 */
export function parentChoices(regions: readonly Region[], subUnits: readonly Pick<Region, 'parent'>[]): Region[] {
  const parents = new Set(subUnits.map((r) => r.parent));
  const choices = regions.filter((r) => parents.has(r.id));
  return choices.length > 1 ? choices : [];
}

/**
 * Whether a sub-unit passes the filter: under `within` (following `parent`, so a province's county or a
 * prefecture both work) and, when `q` is given, its Chinese name contains it or its English name contains
 * it ignoring case. Surrounding spaces in `q` are ignored.
 */
export function matchesSubUnit(byId: ReadonlyMap<string, Pick<Region, 'parent'>>, region: Pick<Region, 'id' | 'name'>, query: SubUnitQuery): boolean {
  if (query.within && !regionWithin(byId, region.id, query.within)) return false;
  const q = query.q?.trim();
  if (!q) return true;
  return region.name.zh.includes(q) || region.name.en.toLowerCase().includes(q.toLowerCase());
}

type Props = {
  lang: Language;
  /** The parent choices (`parentChoices`); no parent picker when empty. */
  parents: readonly Region[];
  query: SubUnitQuery;
  shown: number;
  total: number;
  onChange: (patch: SubUnitQuery) => void;
};

/** A parent picker (when the set has more than one level) and a name search, with how many rows are shown. */
export function SubUnitFilter({ lang, parents, query, shown, total, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const filtered = Boolean(query.within || query.q?.trim());
  return (
    <div className="filters sub-unit-filter no-print" role="search" aria-label={t('subUnits.search')}>
      {parents.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-within`}>{t('subUnits.within')}</label>
          <select id={`${id}-within`} value={query.within ?? ''} onChange={(e) => onChange({ within: e.target.value || undefined })}>
            <option value="">{t('subUnits.allWithin')}</option>
            {parents.map((region) => (
              <option key={region.id} value={region.id}>
                {region.name[lang]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('subUnits.search')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query.q ?? ''}
          placeholder={t('subUnits.searchHint')}
          onChange={(e) => onChange({ q: e.target.value || undefined })}
        />
      </div>
      {/* Always in the DOM, so the count is announced as the filter changes. */}
      <p className="sub-unit-filter__count" role="status">
        {filtered && (
          <>
            {t('subUnits.matches', { count: shown, total })}{' '}
            <button type="button" className="link-button" onClick={() => onChange({ within: undefined, q: undefined })}>
              {t('subUnits.clear')}
            </button>
          </>
        )}
      </p>
    </div>
  );
}

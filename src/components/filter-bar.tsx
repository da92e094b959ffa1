import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetSetSummary } from '@/domain/contract/api-contract';
import { languageOf, type Locale } from '@/domain/shared/locale';
import type { Region, RegionKind } from '@/domain/targets/target-set';

type FilterBarProps = {
  locale: Locale;
  targetSets: readonly TargetSetSummary[];
  targetSet: string;
  regions: readonly Region[];
  region: string;
  years: readonly number[];
  year: number;
  /** The card order; no order picker when absent. */
  sort?: 'plan' | 'worst';
  onChange: (patch: { targetSet?: string; region?: string; year?: number; sort?: 'plan' | 'worst' }) => void;
};

type GroupLabel = 'jurisdictionGroup' | 'nationGroup' | 'provinceGroup' | 'prefectureGroup' | 'countyGroup' | 'districtGroup' | 'subdistrictGroup' | 'townGroup' | 'townshipGroup';

/** Every kind a person can choose, coarsest first (comparison areas are not offered). */
const GROUPS: readonly { kind: RegionKind; label: GroupLabel }[] = [
  { kind: 'jurisdiction', label: 'jurisdictionGroup' },
  { kind: 'nation', label: 'nationGroup' },
  { kind: 'province', label: 'provinceGroup' },
  { kind: 'prefecture', label: 'prefectureGroup' },
  { kind: 'county', label: 'countyGroup' },
  { kind: 'district', label: 'districtGroup' },
  { kind: 'subdistrict', label: 'subdistrictGroup' },
  { kind: 'town', label: 'townGroup' },
  { kind: 'township', label: 'townshipGroup' },
];

/**
 * Target set (when there is more than one), region (when regions are given),
 * as-of year and order (when given). Native selects: keyboard and phone friendly.
 */
export function FilterBar(props: FilterBarProps) {
  const { t } = useTranslation();
  const id = useId();
  const lang = languageOf(props.locale);
  return (
    <div className="filters" role="group" aria-label={t('filters.label')}>
      {props.targetSets.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-set`}>{t('filters.targetSet')}</label>
          <select id={`${id}-set`} value={props.targetSet} onChange={(e) => props.onChange({ targetSet: e.target.value })}>
            {props.targetSets.map((set) => (
              <option key={set.id} value={set.id}>
                {set.title ? set.title[lang] : set.file}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.regions.length > 0 && (
      <div className="field">
        <label htmlFor={`${id}-region`}>{t('filters.region')}</label>
        <select id={`${id}-region`} value={props.region} onChange={(e) => props.onChange({ region: e.target.value })}>
          {GROUPS.map((group) => {
            const members = props.regions.filter((r) => r.kind === group.kind);
            if (members.length === 0) return null;
            return (
              <optgroup key={group.kind} label={t(`filters.${group.label}`)}>
                {members.map((region) => (
                  <option key={region.id} value={region.id}>
                    {region.name[lang]}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('filters.year')}</label>
        <select id={`${id}-year`} value={props.year} onChange={(e) => props.onChange({ year: Number(e.target.value) })}>
          {props.years.map((year) => (
            <option key={year} value={year}>
              {t('filters.yearOption', { year })}
            </option>
          ))}
        </select>
      </div>
      {props.sort && (
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('filters.sort')}</label>
        <select
          id={`${id}-sort`}
          value={props.sort}
          onChange={(e) => props.onChange({ sort: e.target.value === 'worst' ? 'worst' : 'plan' })}
        >
          <option value="plan">{t('filters.sortPlan')}</option>
          <option value="worst">{t('filters.sortWorst')}</option>
        </select>
      </div>
      )}
    </div>
  );
}

/**
 * The words for a plan's jurisdiction as a whole and its sub-units, in both languages, by the keys of
 * `planTerms` (src/domain/display/plan-terms.ts). `setupI18n` adds them to each language's messages as
 * `plan.*`, and messages nest them: `$t(plan.whole.{{planWhole}})` (全市 / the city),
 * `$t(plan.subUnits.{{planUnits}})` (乡镇 / townships). They are kept out of the typed message shape
 * (no `t('plan.…')` is ever written): only nested, so the typed keys stay few.
 *
 * whole: the jurisdiction as a whole (全市, the city); level: capitalised (City); wide: city-wide;
 * subUnit / subUnits / SubUnit / SubUnits: a sub-unit, several, capitalised.
 */
type Whole = 'nation' | 'province' | 'prefecture' | 'city' | 'county' | 'district' | 'league' | 'banner' | 'none';
type Units = 'province' | 'prefecture' | 'county' | 'district' | 'county_district' | 'subdistrict' | 'town_township' | 'none';
export type PlanWords = {
  whole: Record<Whole, string>;
  level: Record<Whole, string>;
  wide: Record<Whole, string>;
  Wide: Record<Whole, string>;
  subUnit: Record<Units, string>;
  subUnits: Record<Units, string>;
  SubUnit: Record<Units, string>;
  SubUnits: Record<Units, string>;
};

const zhWhole: Record<Whole, string> = {
  nation: '全国',
  province: '全省',
  prefecture: '全州',
  city: '全市',
  county: '全县',
  district: '全区',
  league: '全盟',
  banner: '全旗',
  none: '{{planNameZh}}',
};
const zhUnits: Record<Units, string> = {
  province: '省',
  prefecture: '地市',
  county: '县',
  district: '区',
  county_district: '县（区）',
  subdistrict: '街道',
  town_township: '乡镇',
  none: '下辖地区',
};

export const zhCNPlanWords: PlanWords = {
  whole: zhWhole,
  level: zhWhole,
  wide: zhWhole,
  Wide: zhWhole,
  subUnit: zhUnits,
  subUnits: zhUnits,
  SubUnit: zhUnits,
  SubUnits: zhUnits,
};

export const enPlanWords: PlanWords = {
  whole: {
    nation: 'the country',
    province: 'the province',
    prefecture: 'the prefecture',
    city: 'the city',
    county: 'the county',
    district: 'the district',
    league: 'the league',
    banner: 'the banner',
    none: '{{planNameEn}}',
  },
  level: {
    nation: 'Country',
    province: 'Province',
    prefecture: 'Prefecture',
    city: 'City',
    county: 'County',
    district: 'District',
    league: 'League',
    banner: 'Banner',
    none: '{{planNameEn}}',
  },
  wide: {
    nation: 'nationwide',
    province: 'province-wide',
    prefecture: 'prefecture-wide',
    city: 'city-wide',
    county: 'county-wide',
    district: 'district-wide',
    league: 'league-wide',
    banner: 'banner-wide',
    none: 'jurisdiction-wide',
  },
  Wide: {
    nation: 'Nationwide',
    province: 'Province-wide',
    prefecture: 'Prefecture-wide',
    city: 'City-wide',
    county: 'County-wide',
    district: 'District-wide',
    league: 'League-wide',
    banner: 'Banner-wide',
    none: 'Jurisdiction-wide',
  },
  subUnit: {
    province: 'province',
    prefecture: 'prefecture',
    county: 'county',
    district: 'district',
    county_district: 'county or district',
    subdistrict: 'subdistrict',
    town_township: 'township',
    none: 'sub-unit',
  },
  subUnits: {
    province: 'provinces',
    prefecture: 'prefectures',
    county: 'counties',
    district: 'districts',
    county_district: 'counties and districts',
    subdistrict: 'subdistricts',
    town_township: 'townships',
    none: 'sub-units',
  },
  SubUnit: {
    province: 'Province',
    prefecture: 'Prefecture',
    county: 'County',
    district: 'District',
    county_district: 'County or district',
    subdistrict: 'Subdistrict',
    town_township: 'Township',
    none: 'Sub-unit',
  },
  SubUnits: {
    province: 'Provinces',
    prefecture: 'Prefectures',
    county: 'Counties',
    district: 'Districts',
    county_district: 'Counties and districts',
    subdistrict: 'Subdistricts',
    town_township: 'Townships',
    none: 'Sub-units',
  },
};

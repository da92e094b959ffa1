import { useTranslation } from 'react-i18next';
import type { UndoEffect } from '@/domain/contract/api-contract';
import { formatFigure, formatMeasure, formatNumber } from '@/domain/display/format';
import { languageOf, type Locale } from '@/domain/shared/locale';
import { hasParts, ratioValue, type FigureValues } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { FigureTable } from './figure-table';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** How many figures of each list are shown (the counts are complete). */
export const EFFECT_LIST_LIMIT = 200;

/** Names and values of a set's figures for the data page: names in the page's language, values in the metric's unit. */
export function figureWords(set: TargetSet, locale: Locale) {
  const lang = languageOf(locale);
  const metric = (id: string) => set.metrics.find((m) => m.id === id);
  return {
    region: (id: string) => set.regions.find((r) => r.id === id)?.name[lang] ?? id,
    metric: (id: string) => metric(id)?.name[lang] ?? id,
    /** A stated value in the metric's unit; parts with the ratio they give (a percent, or a plain number). */
    value(v: FigureValues): string {
      const unit = metric(v.metric)?.unit ?? 'count';
      if (v.value !== undefined) return formatFigure(v.value, unit, locale, v.qualifier ? { qualifier: v.qualifier } : {});
      if (!hasParts(v)) return '—';
      const ratio = formatMeasure(ratioValue(v.numerator, v.denominator, unit === 'percent'), unit, locale);
      return `${formatNumber(v.numerator, locale, 0)} / ${formatNumber(v.denominator, locale, 0)} = ${ratio}`;
    },
  };
}

type Props = {
  effect: UndoEffect;
  set: TargetSet;
  locale: Locale;
  /** `preview`: what undoing would do (before confirming); `done`: what the undo did. */
  tense: 'preview' | 'done';
};

/**
 * What an undo does, figure by figure: the values that come back, the figures
 * that become gaps, and those that stay because a later batch set them again
 * (named by that batch's file) — counts first, then each list as a table.
 */
export function UndoEffectView({ effect, set, locale, tense }: Props) {
  const { t } = useTranslation();
  const words = figureWords(set, locale);
  const n = (value: number) => formatNumber(value, locale, 0);
  const names = (f: { metric: string; region: string; year: number }) => ({ region: words.region(f.region), metric: words.metric(f.metric), year: f.year });
  const { restored, cleared, kept } = effect;
  const more = (count: number) => count > EFFECT_LIST_LIMIT && <p className="muted">{t('data.firstOnly', { count: EFFECT_LIST_LIMIT })}</p>;
  return (
    <div className="undo-effect">
      <p>{t(`data.effect.${tense}`, { restored: n(restored.length), cleared: n(cleared.length), kept: n(kept.length) })}</p>
      {restored.length > 0 && (
        <>
          <FigureTable
            caption={t(`data.effect.restoredCaption.${tense}`, { count: restored.length })}
            headers={[t('data.colRestoredValue')]}
            rows={restored.slice(0, EFFECT_LIST_LIMIT).map((f, i) => ({ key: String(i), ...names(f), cells: [words.value(f)], ...(f.citation !== undefined ? { citation: f.citation } : {}) }))}
          />
          {more(restored.length)}
        </>
      )}
      {cleared.length > 0 && (
        <>
          <FigureTable
            caption={t(`data.effect.clearedCaption.${tense}`, { count: cleared.length })}
            headers={[t('data.colAfterUndo')]}
            rows={cleared.slice(0, EFFECT_LIST_LIMIT).map((f, i) => ({ key: String(i), ...names(f), cells: [t('data.effect.gap')] }))}
          />
          {more(cleared.length)}
        </>
      )}
      {kept.length > 0 && (
        <>
          <FigureTable
            caption={t(`data.effect.keptCaption.${tense}`, { count: kept.length })}
            headers={[t('data.colKeptBy')]}
            rows={kept.slice(0, EFFECT_LIST_LIMIT).map((f, i) => ({ key: String(i), ...names(f), cells: [f.fileName] }))}
          />
          {more(kept.length)}
        </>
      )}
    </div>
  );
}

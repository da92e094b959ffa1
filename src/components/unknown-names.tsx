import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { visibleText } from '@/domain/import/cells';
import type { ValueMap } from '@/domain/import/types';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** A name the file uses that the target set does not know, with the id of the suggested match, if any. */
export type NameToMatch = { label: string; suggested?: string };
type Choice = { id: string; name: { zh: string; en: string } };
type Kind = 'region' | 'metric';

type Props = {
  names: { regions: readonly NameToMatch[]; metrics: readonly NameToMatch[] };
  /** What each kind of name can be matched to (regions without the comparison areas). */
  choices: { regions: readonly Choice[]; metrics: readonly Choice[] };
  lang: 'zh' | 'en';
  busy: boolean;
  onRemap: (values: ValueMap) => void;
};

/** Names the file uses that the target file does not know, each matchable to a region or metric by hand; the suggestion is preselected. */
export function UnknownNames({ names, choices, lang, busy, onRemap }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  if (names.regions.length === 0 && names.metrics.length === 0) return null;
  // A suggestion is preselected only when it can be chosen (a scoped analyst's choices leave other regions out).
  const offered = (kind: Kind, id: string | undefined) => id !== undefined && (kind === 'region' ? choices.regions : choices.metrics).some((c) => c.id === id);
  const valueOf = (kind: Kind, name: NameToMatch) => chosen[`${kind}:${name.label}`] ?? (offered(kind, name.suggested) ? name.suggested! : '');
  const fields = (kind: Kind, list: readonly NameToMatch[], options: readonly Choice[]) =>
    list.map((name, i) => (
      <div className="field field--inline" key={`${kind}:${name.label}`}>
        <label htmlFor={`${id}-${kind}-${i}`}>
          <code>{visibleText(name.label)}</code> →
        </label>
        <select id={`${id}-${kind}-${i}`} value={valueOf(kind, name)} onChange={(e) => setChosen({ ...chosen, [`${kind}:${name.label}`]: e.target.value })}>
          <option value="">{t('import.leaveUnmatched')}</option>
          {options.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name[lang]}
            </option>
          ))}
        </select>
      </div>
    ));
  const picked = (kind: Kind, list: readonly NameToMatch[]) =>
    Object.fromEntries(list.flatMap((name) => (valueOf(kind, name) ? [[name.label, valueOf(kind, name)]] : [])));
  return (
    <fieldset className="mapping">
      <legend>{t('import.unknownNamesLegend')}</legend>
      <p className="muted">{t('import.unknownNamesHint')}</p>
      {fields('region', names.regions, choices.regions)}
      {fields('metric', names.metrics, choices.metrics)}
      <button
        type="button"
        className="button button--secondary"
        disabled={busy}
        onClick={() => onRemap({ regions: picked('region', names.regions), metrics: picked('metric', names.metrics) })}
      >
        {t('import.recheckWithNames')}
      </button>
    </fieldset>
  );
}

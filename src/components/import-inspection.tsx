import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@/domain/shared/locale';
import { ENCODINGS, type CsvRecord, type Encoding, type ImportMessage, type TableShape } from '@/domain/import/types';
import type { ReadProgress } from '@/domain/import/progress';
import type { Metric } from '@/domain/targets/target-set';
import { ColumnMappingEditor } from './column-mapping-editor';
import { importMessageText, type RegionName } from './import-message-list';
import { ProgressBar } from './progress-bar';
import { SampleTable } from './sample-table';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

type Props = {
  fileName: string;
  /** The encoding in use, and what sniffing found. */
  encoding: Encoding;
  detected: { encoding: Encoding; fromBom: boolean };
  sample: readonly CsvRecord[];
  /** What detection said about the table (errors block the check until corrected). */
  messages: readonly ImportMessage[];
  /** The table as recognised and corrected; absent when none was found. */
  shape?: TableShape;
  metrics: readonly Metric[];
  lang: 'zh' | 'en';
  locale: Locale;
  /** A region's name by id in the UI language, for messages that give one (the id when absent). */
  regionName?: RegionName;
  /** Present while the file is being checked. */
  progress?: ReadProgress | undefined;
  /** Why the last check failed, from the file. */
  failure?: ImportMessage;
  /** A line about the last check (cancelled, or an error on the way). */
  notice?: string;
  onEncoding: (encoding: Encoding) => void;
  /** For a workbook: the sheet read and all its sheets (no encoding to choose then). */
  workbook?: { sheet: string; sheets: readonly string[] };
  onSheet?: (sheet: string) => void;
  onShape: (shape: Pick<TableShape, 'headerRow' | 'layout' | 'columns'> & { defaultYear?: number }) => void;
  onCheck: () => void;
  onCancel: () => void;
  onDiscard: () => void;
};

/** What was recognised in a file's head — encoding, first rows, table shape — every part correctable, then the check. */
export function ImportInspection(props: Props) {
  const { t } = useTranslation();
  const { shape, metrics, lang, progress, failure, notice } = props;
  const blocking = props.messages.filter((m) => m.severity === 'error');
  // UTF-16 without a byte-order mark: the encoding is a guess, said beside the picker.
  const guessed = props.messages.find((m) => m.code === 'encoding_guessed');
  // Messages name metrics and regions as the UI does, and format numbers for its locale.
  const metricName = (id: string) => metrics.find((metric) => metric.id === id)?.name[lang] ?? id;
  const text = (message: ImportMessage) => importMessageText(t, message, props.regionName, metricName, props.locale);
  return (
    <div className="inspection">
      <div className="panel">
        <h3>{t('import.fileHeading', { name: props.fileName })}</h3>
        {props.workbook ? (
          <SheetField workbook={props.workbook} disabled={progress !== undefined} onChange={(sheet) => props.onSheet?.(sheet)} />
        ) : (
          <>
            <EncodingField encoding={props.encoding} detected={props.detected} disabled={progress !== undefined} onChange={props.onEncoding} />
            {guessed ? <p role="status">{importMessageText(t, guessed)}</p> : !props.detected.fromBom && <p className="muted">{t('import.encodingHint')}</p>}
          </>
        )}
        <SampleTable records={props.sample} {...(shape ? { shape } : {})} locale={props.locale} />
      </div>

      {blocking.length > 0 && (
        <div className="error-state" role="alert">
          {blocking.map((message, i) => (
            <p key={i}>{text(message)}</p>
          ))}
        </div>
      )}
      {shape && <ColumnMappingEditor shape={shape} metrics={metrics} lang={lang} locale={props.locale} onChange={props.onShape} />}
      {failure && (
        <div className="error-state" role="alert">
          <p>
            {failure.row !== undefined && `${t('import.colRow')} ${failure.row}: `}
            {text(failure)}
          </p>
          <p className="muted">{t('import.nothingChanged')}</p>
        </div>
      )}
      {notice && <p role="status">{notice}</p>}
      {progress ? (
        <ProgressBar progress={progress} locale={props.locale} onCancel={props.onCancel} />
      ) : (
        <p className="actions">
          <button type="button" className="button" disabled={!shape} onClick={props.onCheck}>
            {t('import.check')}
          </button>
          <button type="button" className="button button--secondary" onClick={props.onDiscard}>
            {t('import.discard')}
          </button>
        </p>
      )}
    </div>
  );
}

/** The sheet of a workbook to import; sheet names are text from the file. */
function SheetField({ workbook, disabled, onChange }: { workbook: { sheet: string; sheets: readonly string[] }; disabled: boolean; onChange: (sheet: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={`${id}-sheet`}>{t('import.sheetLabel')}</label>
      <select id={`${id}-sheet`} value={workbook.sheet} disabled={disabled || workbook.sheets.length < 2} onChange={(e) => onChange(e.target.value)}>
        {workbook.sheets.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <span className="muted">{t('import.sheetHint')}</span>
    </div>
  );
}

function EncodingField({
  encoding,
  detected,
  disabled,
  onChange,
}: {
  encoding: Encoding;
  detected: { encoding: Encoding; fromBom: boolean };
  disabled: boolean;
  onChange: (encoding: Encoding) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field field--inline">
      <label htmlFor={`${id}-encoding`}>{t('import.encodingLabel')}</label>
      <select id={`${id}-encoding`} value={encoding} disabled={disabled || detected.fromBom} onChange={(e) => onChange(e.target.value as Encoding)}>
        {ENCODINGS.map((option) => (
          <option key={option} value={option}>
            {t(`import.encoding.${option}`)}
          </option>
        ))}
      </select>
      <span className="muted">
        {t(detected.fromBom ? 'import.detectedByBom' : 'import.detectedByContent', { encoding: t(`import.encoding.${detected.encoding}`) })}
      </span>
    </div>
  );
}

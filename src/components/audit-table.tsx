import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@/domain/contract/api-contract';
import { formatNumber } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/**
 * The audit log as a table, in the order given (the API sends it newest
 * first): when, who, what, which file, its counts and the entry's detail
 * (whom a user change was about, an undo's effect, a failed sign-in's count).
 * Names, file names and details are people's or the server's text and
 * rendered as text.
 */
export function AuditTable({ entries, locale }: { entries: readonly AuditEntry[]; locale: Locale }) {
  const { t } = useTranslation();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  const n = (value: number) => formatNumber(value, locale, 0);
  const at = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : when.format(date);
  };
  const counts = (entry: AuditEntry) => {
    if (entry.counts) {
      return t('data.auditCounts', {
        figures: n(entry.figureCount ?? entry.counts.added + entry.counts.replaced),
        added: n(entry.counts.added),
        replaced: n(entry.counts.replaced),
        rejected: n(entry.counts.rejectedRows),
      });
    }
    return entry.figureCount !== undefined ? t('data.auditFigures', { figures: n(entry.figureCount) }) : '';
  };
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{t('data.auditCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('data.colWhen')}</th>
            <th scope="col">{t('data.colWho')}</th>
            <th scope="col">{t('data.colAction')}</th>
            <th scope="col">{t('data.colFile')}</th>
            <th scope="col">{t('data.colCounts')}</th>
            <th scope="col">{t('data.colDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, i) => (
            <tr key={`${entry.at}|${i}`}>
              <td>
                <time dateTime={entry.at}>{at(entry.at)}</time>
              </td>
              <td>{entry.user}</td>
              <td>{t(`data.auditAction.${entry.action}`)}</td>
              <td>{entry.fileName ?? ''}</td>
              <td>{counts(entry)}</td>
              <td>{entry.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

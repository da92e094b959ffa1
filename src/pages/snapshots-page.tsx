import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { snapshotMutations, snapshotQueries } from '@/api/snapshots';
import { ErrorState } from '@/components/error-state';
import { dayOf } from './snapshot-banner';
import { StatusBadge } from '@/components/status-badge';
import type { SnapshotComparisonResponse, SnapshotSummary } from '@/domain/contract/document-contract';
import { formatFigureOf } from '@/domain/display/format';
import { joinList, languageOf } from '@/domain/shared/locale';
import { observationValue, type Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { useSelection } from '@/stores/selection-store';
import { errorMessage, RequestError, TargetSetGate, type TargetSetData } from './target-set-gate';
import { useCaller } from './use-caller';

/** 已发布快照: publish one (analysts), the list with their marks, and the comparison of one with now or another. */
export function SnapshotsPage() {
  return <TargetSetGate>{(data) => <Snapshots {...data} />}</TargetSetGate>;
}

function Snapshots({ set, setId, years }: TargetSetData) {
  const { t } = useTranslation();
  const headingId = useId();
  const caller = useCaller();
  const compare = useSelection((s) => s.compare);
  const list = useQuery(snapshotQueries.list(setId));
  const snapshots = list.data?.snapshots ?? [];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('snapshots.heading')}</h2>
      <p className="muted">{t('snapshots.intro')}</p>
      {compare !== undefined ? (
        <Comparison set={set} setId={setId} id={compare} snapshots={snapshots} />
      ) : (
        <>
          {caller.canWrite ? <PublishForm setId={setId} years={years} snapshots={snapshots} /> : <p className="panel">{t('snapshots.viewerOnly')}</p>}
          <div className="panel">
            <h3>{t('snapshots.listHeading')}</h3>
            {list.isError ? (
              <RequestError error={list.error} onRetry={() => void list.refetch()} />
            ) : !list.data ? (
              <p className="muted">{t('loading')}</p>
            ) : snapshots.length === 0 ? (
              <p className="muted">{t('snapshots.empty')}</p>
            ) : (
              <SnapshotTable setId={setId} snapshots={snapshots} canWrite={caller.canWrite} />
            )}
          </div>
        </>
      )}
    </section>
  );
}

function PublishForm({ setId, years, snapshots }: { setId: string; years: number[]; snapshots: SnapshotSummary[] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [asOf, setAsOf] = useState<number | undefined>(undefined);
  const [supersedes, setSupersedes] = useState('');
  const publish = useMutation(snapshotMutations.publish(setId));
  const year = asOf ?? years.at(-1);
  const open = snapshots.filter((s) => !s.withdrawn && !s.supersededBy);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (year === undefined) return;
    publish.mutate({ name, asOf: year, ...(supersedes ? { supersedes } : {}) }, { onSuccess: () => (setName(''), setSupersedes('')) });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label={t('snapshots.publishHeading')}>
      <h3>{t('snapshots.publishHeading')}</h3>
      <div className="snapshot-form">
        <label>
          {t('snapshots.name')}
          <input type="text" required maxLength={100} value={name} placeholder={t('snapshots.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('snapshots.asOf')}
          <select value={year ?? ''} onChange={(e) => setAsOf(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {open.length > 0 && (
          <label>
            {t('snapshots.supersedes')}
            <select value={supersedes} onChange={(e) => setSupersedes(e.target.value)}>
              <option value="">{t('snapshots.supersedesNone')}</option>
              {open.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} · {dayOf(s.publishedAt)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button" disabled={publish.isPending || name.trim() === '' || year === undefined}>
          {publish.isPending ? t('snapshots.publishing') : t('snapshots.publish')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {publish.isSuccess && t('snapshots.published', { name: publish.data.snapshot.name })}
      </p>
      {publish.isError && <ErrorState message={errorMessage(t, publish.error)} />}
    </form>
  );
}

function SnapshotTable({ setId, snapshots, canWrite }: { setId: string; snapshots: SnapshotSummary[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const go = useSelection((s) => s.go);
  const [withdrawing, setWithdrawing] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const withdraw = useMutation(snapshotMutations.withdraw(setId));
  const nameOf = (id: string) => snapshots.find((s) => s.id === id)?.name ?? id;
  return (
    <>
      <table className="snapshot-table">
        <thead>
          <tr>
            <th scope="col">{t('snapshots.colName')}</th>
            <th scope="col">{t('snapshots.colAsOf')}</th>
            <th scope="col">{t('snapshots.colPublished')}</th>
            <th scope="col">{t('snapshots.colState')}</th>
            <th scope="col">{t('snapshots.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td>{s.asOf}</td>
              <td>{t('snapshots.publishedBy', { date: dayOf(s.publishedAt), by: s.publishedBy })}</td>
              <td className={s.withdrawn || s.supersededBy ? 'snapshot-state--closed' : undefined}>
                {s.withdrawn
                  ? t('snapshots.stateWithdrawn', { reason: s.withdrawn.reason })
                  : s.supersededBy !== undefined
                    ? t('snapshots.stateSuperseded', { name: nameOf(s.supersededBy) })
                    : t('snapshots.stateOpen')}
              </td>
              <td>
                <div className="actions">
                  <button type="button" className="button button--secondary" onClick={() => go('dashboard', { snapshot: s.id, year: s.asOf })}>
                    {t('snapshots.open')}
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => go('snapshots', { compare: s.id })}>
                    {t('snapshots.compare')}
                  </button>
                  {canWrite && !s.withdrawn && (
                    <button type="button" className="button button--secondary" onClick={() => (setWithdrawing(s.id), setReason(''))}>
                      {t('snapshots.withdraw')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {withdrawing !== undefined && (
        <form
          className="snapshot-form panel"
          onSubmit={(e) => {
            e.preventDefault();
            withdraw.mutate({ id: withdrawing, reason }, { onSuccess: () => setWithdrawing(undefined) });
          }}
        >
          <label>
            {t('snapshots.withdrawReason')} · {nameOf(withdrawing)}
            <input type="text" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="button button--danger" disabled={withdraw.isPending || reason.trim() === ''}>
            {t('snapshots.withdrawConfirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setWithdrawing(undefined)}>
            {t('snapshots.cancel')}
          </button>
          {withdraw.isError && <ErrorState message={errorMessage(t, withdraw.error)} />}
        </form>
      )}
    </>
  );
}

function Comparison({ set, setId, id, snapshots }: { set: TargetSet; setId: string; id: string; snapshots: SnapshotSummary[] }) {
  const { t } = useTranslation();
  const locale = useSelection((s) => s.lang);
  const other = useSelection((s) => s.with) ?? 'current';
  const select = useSelection((s) => s.select);
  const go = useSelection((s) => s.go);
  const lang = languageOf(locale);
  const comparison = useQuery(snapshotQueries.compare(setId, id, other));
  const withId = useId();
  const sideName = (side: SnapshotComparisonResponse['from']) => (side.kind === 'current' ? t('snapshots.compareNow') : `${side.name} · ${dayOf(side.publishedAt)}`);
  return (
    <div>
      <p>
        <button type="button" className="button button--secondary" onClick={() => go('snapshots')}>
          {t('snapshots.back')}
        </button>
      </p>
      <div className="snapshot-form snapshot-form--inline panel">
        <label htmlFor={withId}>{t('snapshots.compareWith')}</label>
        <select id={withId} value={other} onChange={(e) => select({ with: e.target.value === 'current' ? undefined : e.target.value })}>
          <option value="current">{t('snapshots.compareNow')}</option>
          {snapshots
            .filter((s) => s.id !== id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {dayOf(s.publishedAt)}
              </option>
            ))}
        </select>
      </div>
      {comparison.isError ? (
        <RequestError error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : !comparison.data ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <ComparisonTables set={set} comparison={comparison.data} lang={lang} locale={locale} heading={t('snapshots.compareHeading', { from: sideName(comparison.data.from), to: sideName(comparison.data.to) })} />
      )}
    </div>
  );
}

function ComparisonTables({
  set,
  comparison,
  lang,
  locale,
  heading,
}: {
  set: TargetSet;
  comparison: SnapshotComparisonResponse;
  lang: ReturnType<typeof languageOf>;
  locale: ReturnType<typeof useSelection.getState>['lang'];
  heading: string;
}) {
  const { t } = useTranslation();
  const metric = (id: string) => set.metrics.find((m) => m.id === id);
  const region = (id: string) => set.regions.find((r) => r.id === id)?.name[lang] ?? id;
  const target = (id: string) => {
    const found = set.targets.find((x) => x.id === id);
    return found ? (metric(found.metric)?.name[lang] ?? id) : id;
  };
  // A figure as the views show it; one without a usable value (a zero denominator) is a gap, shown as "—", never 0.
  const figure = (o: Observation | undefined, metricId: string) => {
    if (o === undefined) return undefined;
    const m = metric(metricId);
    const value = observationValue(o, m?.unit === 'percent');
    if (value === undefined) return '—';
    return m ? formatFigureOf({ value, ...(o.qualifier ? { qualifier: o.qualifier } : {}) }, m.unit, locale) : String(value);
  };
  return (
    <section aria-label={heading}>
      <h3>{heading}</h3>
      <div className="panel">
        <h4>{t('snapshots.figuresHeading')}</h4>
        {comparison.figures.length === 0 ? (
          <p className="muted">{t('snapshots.noFigureChanges')}</p>
        ) : (
          <table className="snapshot-table" aria-label={t('snapshots.figuresHeading')}>
            <thead>
              <tr>
                <th scope="col">{t('snapshots.colTarget')}</th>
                <th scope="col">{t('snapshots.colRegion')}</th>
                <th scope="col">{t('snapshots.colYear')}</th>
                <th scope="col">{t('snapshots.colChange')}</th>
                <th scope="col">{t('snapshots.colBatch')}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.figures.map((f) => (
                <tr key={`${f.metric}|${f.region}|${f.year}|${f.before?.source ?? f.after?.source}`}>
                  <td>{metric(f.metric)?.name[lang] ?? f.metric}</td>
                  <td>{region(f.region)}</td>
                  <td>{f.year}</td>
                  <td className="num">
                    <span className="snapshot-change__old">{figure(f.before, f.metric) ?? t('snapshots.added')}</span>
                    <span className="snapshot-change__arrow"> → </span>
                    <span className="snapshot-change__new">{figure(f.after, f.metric) ?? t('snapshots.gone')}</span>
                  </td>
                  <td>{f.after ? (f.after.sourceNote ?? f.after.batchId ?? f.after.source) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h4>{t('snapshots.statusesHeading')}</h4>
        {comparison.statuses.length === 0 ? (
          <p className="muted">{t('snapshots.noStatusChanges')}</p>
        ) : (
          <table className="snapshot-table" aria-label={t('snapshots.statusesHeading')}>
            <thead>
              <tr>
                <th scope="col">{t('snapshots.colTarget')}</th>
                <th scope="col">{t('snapshots.colRegion')}</th>
                <th scope="col">{t('snapshots.colStatusChange')}</th>
              </tr>
            </thead>
            <tbody>
              {comparison.statuses.map((s) => (
                <tr key={`${s.target}|${s.region}`}>
                  <td>{target(s.target)}</td>
                  <td>{region(s.region)}</td>
                  <td>
                    <StatusBadge status={s.before} />
                    <span className="snapshot-change__arrow"> → </span>
                    <StatusBadge status={s.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h4>{t('snapshots.targetsHeading')}</h4>
        {comparison.targetsAdded.length === 0 && comparison.targetsRemoved.length === 0 && <p className="muted">{t('snapshots.noTargetChanges')}</p>}
        {comparison.targetsAdded.length > 0 && <p>{t('snapshots.targetsAdded', { list: joinList(comparison.targetsAdded.map(target), locale) })}</p>}
        {comparison.targetsRemoved.length > 0 && <p>{t('snapshots.targetsRemoved', { list: joinList(comparison.targetsRemoved, locale) })}</p>}
      </div>
    </section>
  );
}

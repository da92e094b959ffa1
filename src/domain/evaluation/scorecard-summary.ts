import { needsAttention, STATUS_ORDER, type Evaluation, type Status } from './evaluate-target';

/**
 * What a scorecard row says in one cell: how many of its targets are met ("5/9 达成") and its worst
 * status. Pure; the page words it.
 */
export type RowSummary = {
  /** Targets achieved (`achieved`). */
  met: number;
  /** Targets that apply to the region (every status but `not_applicable`): the "of how many". */
  applicable: number;
  /** The worst status of the applicable targets (`STATUS_ORDER`); `not_applicable` when none applies. */
  worst: Status;
  /** Targets that need attention (`ATTENTION_STATUSES`: missed, off track, at risk): the scorecard's default order counts these. */
  bad: number;
};

const rank = (status: Status) => STATUS_ORDER.indexOf(status);

/**
 * A row's summary from its evaluations. `met` counts `achieved` only: a target on track is not yet met.
 * A target that does not apply to the region counts neither way; a row with none applicable has
 * `applicable` 0 and worst `not_applicable`.
 */
export function summarizeRow(evaluations: Iterable<Evaluation>): RowSummary {
  let met = 0;
  let applicable = 0;
  let bad = 0;
  let worst: Status = 'not_applicable';
  for (const evaluation of evaluations) {
    const status = evaluation.status;
    if (status === 'not_applicable') continue;
    applicable += 1;
    if (status === 'achieved') met += 1;
    if (needsAttention(status)) bad += 1;
    if (rank(status) < rank(worst)) worst = status;
  }
  return { met, applicable, worst, bad };
}

/**
 * Orders row summaries worst first: the smaller share of targets met first (a row with nothing that
 * applies last), then the worse worst status, then more targets missed, off track or at risk. 0 for
 * rows that summarise alike (the caller breaks the tie, by id).
 */
export function compareSummariesWorstFirst(a: RowSummary, b: RowSummary): number {
  if ((a.applicable === 0) !== (b.applicable === 0)) return a.applicable === 0 ? 1 : -1;
  // a.met / a.applicable < b.met / b.applicable, without division.
  const byShare = a.met * b.applicable - b.met * a.applicable;
  if (byShare !== 0) return byShare;
  return rank(a.worst) - rank(b.worst) || b.bad - a.bad;
}

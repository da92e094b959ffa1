import { render, screen } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { ScoreCell, type ScoreCellView } from '@/components/score-cell';

/**
 * A scorecard cell is drawn again when its view or its link changes — except that a cell of a stale grid (a
 * province's year change shows the last year's grid, inert, while the new one is evaluated) keeps its link:
 * every link of the grid would otherwise be drawn again for the year just chosen, before its figures exist.
 */
const view: ScoreCellView = { status: 'achieved', statusText: '已达成', value: '85.7%', notes: [], label: '城区 学前三年毛入园率 85.7% 已达成' };
const onOpen = vi.fn();

function cell(props: { cell?: ScoreCellView; href: string; stale?: boolean }) {
  return (
    <table>
      <tbody>
        <tr>
          <ScoreCell cell={props.cell ?? view} href={props.href} targetId="preschool-gross-enrolment-2020" regionId="410482001" onOpen={onOpen} stale={props.stale} />
        </tr>
      </tbody>
    </table>
  );
}

test('a fresh cell takes its new link; a stale one keeps its link until its view changes', () => {
  const { rerender } = render(cell({ href: '/targets/a?year=2020' }));
  const link = () => screen.getByRole('link').getAttribute('href');
  rerender(cell({ href: '/targets/a?year=2019' }));
  expect(link()).toBe('/targets/a?year=2019');
  rerender(cell({ href: '/targets/a?year=2018', stale: true }));
  expect(link()).toBe('/targets/a?year=2019');
  // The new grid: a view of its own, and not stale.
  const next: ScoreCellView = { ...view, status: 'missed', value: '80.1%' };
  rerender(cell({ cell: next, href: '/targets/a?year=2018' }));
  expect(link()).toBe('/targets/a?year=2018');
  expect(screen.getByText('80.1%')).toBeInTheDocument();
  // The same view, stale and then no longer: the link waits, then is the one the address now gives.
  rerender(cell({ cell: next, href: '/targets/a?year=2017', stale: true }));
  expect(link()).toBe('/targets/a?year=2018');
  rerender(cell({ cell: next, href: '/targets/a?year=2017' }));
  expect(link()).toBe('/targets/a?year=2017');
});

import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();

const CAPTION = '2020年各乡镇目标计分卡';
const table = () => screen.findByRole('table', { name: CAPTION }, { timeout: 15_000 });
/** The rows' names after the header and the city's own row (which a filter of its sub-units keeps). */
const townships = (scorecard: HTMLElement) => {
  const names = within(scorecard)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);
  expect(names[0]).toBe('汝州市');
  return names.slice(1);
};

test('?q= keeps the townships whose Chinese or English name contains it', async () => {
  const first = renderApp('?q=温泉', '/scorecard');
  let scorecard = await table();
  await waitFor(() => expect(townships(scorecard)).toEqual([expect.stringContaining('温泉镇')]));
  expect(screen.getByRole('searchbox')).toHaveValue('温泉');
  expect(scorecard).toHaveAttribute('aria-rowcount', '3');
  first.unmount();

  // English names, ignoring case: every "… Town" and "… Township" (镇, 乡), no "… Subdistrict" (街道).
  renderApp('?q=TOWN', '/scorecard');
  scorecard = await table();
  const towns = townships(scorecard);
  expect(towns.length).toBeGreaterThan(1);
  expect(towns.every((name) => /[镇乡]$/.test(name ?? ''))).toBe(true);
  expect(towns.some((name) => name?.endsWith('镇'))).toBe(true);
  expect(towns.some((name) => name?.endsWith('乡'))).toBe(true);
  expect(towns.some((name) => name?.includes('街道'))).toBe(false);
});

test('without a filter every township is a row', async () => {
  renderApp('', '/scorecard');
  const scorecard = await table();
  expect(townships(scorecard).length).toBeGreaterThan(20);
});

test('?within= keeps the sub-units under the chosen parent, when the set has more than one level', async () => {
  // The Ruzhou file with 温泉镇 placed under 寄料镇: two parents to filter by.
  const file = ruzhouTargetFile();
  const twoLevels = file.content.replace(/(id: "410482102"\n(?:.*\n){2}\s*parent: )"410482"/, '$1"410482101"');
  expect(twoLevels).not.toBe(file.content);
  api.useBackend([{ ...file, content: twoLevels }]);

  renderApp('?within=410482101', '/scorecard');
  const scorecard = await table();
  // In the scorecard's order (worst first), which the demo's figures decide.
  await waitFor(() => {
    const names = townships(scorecard);
    expect(names).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining([expect.stringContaining('寄料镇'), expect.stringContaining('温泉镇')]));
  });
  expect(scorecard).toHaveAttribute('aria-rowcount', '4');
});

import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, test, vi } from 'vitest';
import { apiBaseUrl } from '@/api/http';
import { commitBatch } from '@/backend/figure-store';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();
vi.setConfig({ testTimeout: 30_000 });
const SLOW = { timeout: 10_000 };

/**
 * The dashboard's "updated" line is about the set's own figures (the last
 * import, or the demo's synthetic ones), never the reference series' date:
 * with none of its own it says nothing has been imported.
 */
test('with no figures of the set’s own (/meta has no lastUpdated) the footer says no data has been imported yet', async () => {
  const backend = api.useBackend();
  const meta = () => HttpResponse.json({ demo: false, revision: backend.revision < 0 ? 0 : backend.revision });
  api.server.use(http.get(`${apiBaseUrl()}/meta`, meta));
  renderApp();
  expect(await screen.findByText('尚无导入数据', undefined, SLOW)).toBeInTheDocument();
  expect(screen.queryByText(/数据更新于/)).not.toBeInTheDocument();
});

test('after an import the footer gives the import’s time', async () => {
  const backend = api.useBackend();
  const result = await commitBatch(
    backend,
    {
      fileName: 'a.csv',
      encoding: 'utf-8',
      layout: 'long',
      targetSet: 'ruzhou-2020',
      counts: { rows: 1, added: 0, replaced: 1, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 },
      figures: [{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 88 }],
    },
    { caller: { name: 'li', role: 'analyst' }, now: new Date('2026-11-30T02:00:00Z') },
  );
  if (result.kind !== 'created') throw new Error(result.kind);
  renderApp();
  expect(await screen.findByText('数据更新于 2026年11月30日 10:00', undefined, SLOW)).toBeInTheDocument();
  expect(screen.queryByText('尚无导入数据')).not.toBeInTheDocument();
});

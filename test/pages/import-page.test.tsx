import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { apiBaseUrl, setApiRole } from '@/api/http';
import { createApi } from '@/backend/app';
import { commitBatch } from '@/backend/figure-store';
import { demoCaller } from '@/mocks/core-app';
import { useRole } from '@/stores/role-store';
import type { ImportSession } from '@/workers/import-client';
import type { PendingBatch } from '@/workers/import-pipeline';
import { buildXlsx } from '../domain/import/xlsx-fixture';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

/**
 * The import worker runs in-process here: jsdom has no Worker, and its File
 * has no `stream()`, so a check reads the same bytes through Node's File.
 */
vi.mock('@/workers/import-client', async () => {
  const { File: NodeFile } = await import('node:buffer');
  const pipeline = await import('@/workers/import-pipeline');
  const createImportSession = (): ImportSession => {
    let batch: PendingBatch | undefined;
    return {
      inspect: (file, set, choices) => pipeline.inspectFile(file, set, choices),
      async run(input, onProgress) {
        const file = new NodeFile([new Uint8Array(await input.file.arrayBuffer())], input.file.name) as unknown as File;
        const ran = await pipeline.runImport({ ...input, file }, onProgress);
        batch = ran.batch;
        return ran.result;
      },
      batchBody: async () => {
        const body = pipeline.batchRequest(batch!);
        return { type: 'batch-body', bytes: new TextEncoder().encode(JSON.stringify(body)).buffer, figures: body.figures.length };
      },
      cancel: () => undefined,
    };
  };
  return { createImportSession };
});

const api = setupMockApi();
/** The import page is lazy-loaded and the machine may be busy: wait generously, never for a fixed time. */
const LAZY = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });

beforeEach(() => {
  useRole.setState({ role: 'analyst' });
  setApiRole('analyst');
});
afterEach(() => {
  useRole.setState({ role: 'viewer' });
  setApiRole('viewer');
});

async function chooseFile(lines: string[], name = 'figures.csv') {
  await userEvent.upload(await screen.findByLabelText('选择文件', undefined, LAZY), new File([`${lines.join('\r\n')}\r\n`], name, { type: 'text/csv' }));
  return screen.findByRole('heading', { name: `文件：${name}` }, LAZY);
}

test('an analyst checks a file, sees what it replaces and confirms it as one batch', async () => {
  const backend = api.useBackend();
  renderApp('', '/import');
  await chooseFile(['汝州市2020年统计表', '地区,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3%']);
  expect(screen.getByLabelText('文字编码')).toHaveValue('utf-8');
  expect(screen.getByRole('table', { name: /文件前几行/ })).toHaveTextContent('汝州市2020年统计表');
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  await userEvent.click(await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY));
  expect(await screen.findByText(/已导入“figures.csv”：新增 0 条，替换 1 条/, undefined, LAZY)).toBeInTheDocument();
  expect(backend.batches).toHaveLength(1);
  expect(backend.batches[0]).toMatchObject({ fileName: 'figures.csv', encoding: 'utf-8', layout: 'long', figureCount: 1 });
});

test('the import page reads none of the set\'s figures until a file is checked, and none after a commit', async () => {
  api.useBackend();
  const figureReads: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (new URL(request.url).pathname.endsWith('/actuals')) figureReads.push(new URL(request.url).search);
  };
  api.server.events.on('request:start', listener);
  try {
    renderApp('', '/import');
    await screen.findByLabelText('选择文件', undefined, LAZY);
    expect(figureReads).toEqual([]);
    await chooseFile(['地区,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3%']);
    await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
    await userEvent.click(await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY));
    await screen.findByText(/已导入“figures.csv”/, undefined, LAZY);
    // One read, the check's own (the stored figures a preview is checked against); no refetch after the commit.
    expect(figureReads).toEqual(['?set=ruzhou-2020']);
  } finally {
    api.server.events.removeListener('request:start', listener);
  }
});

test('a file with a byte-order mark locks the encoding picker and says why; UTF-16 without one is read with a warning that it was guessed', async () => {
  renderApp('', '/import');
  const text = '地区,年份,指标,数值\r\n寄料镇,2020,普惠性幼儿园覆盖率,85.3%\r\n';
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  await userEvent.upload(await screen.findByLabelText('选择文件', undefined, LAZY), new File([bom], 'bom.csv', { type: 'text/csv' }));
  await screen.findByRole('heading', { name: '文件：bom.csv' }, LAZY);
  expect(screen.getByLabelText('文字编码')).toBeDisabled();
  expect(screen.getByText(/按 UTF-8 读取：文件开头有该编码的字节顺序标记/)).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: '放弃这个文件' }));
  const utf16 = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) utf16.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], i * 2);
  await userEvent.upload(await screen.findByLabelText('选择文件', undefined, LAZY), new File([utf16], 'unicode.csv', { type: 'text/csv' }));
  await screen.findByRole('heading', { name: '文件：unicode.csv' }, LAZY);
  expect(screen.getByLabelText('文字编码')).toHaveValue('utf-16le');
  expect(screen.getByLabelText('文字编码')).toBeEnabled();
  expect(screen.getByRole('status')).toHaveTextContent('文件开头没有字节顺序标记（BOM），编码是按内容推测的：UTF-16 LE（Unicode 文本）');
  expect(screen.getByRole('table', { name: /文件前几行/ })).toHaveTextContent('寄料镇');
});

test('an analyst imports an .xlsx with Chinese headers, choosing its sheet, and confirms it as one batch', async () => {
  const backend = api.useBackend();
  renderApp('', '/import');
  const bytes = buildXlsx([
    { name: '说明', rows: { 1: ['填报说明'] } },
    { name: '2020年', rows: { 1: ['汝州市2020年统计表'], 2: ['乡镇', '年份', '指标', '数值'], 3: ['寄料镇', { n: 2020 }, '普惠性幼儿园覆盖率', { n: 0.853, s: 1 }] } },
  ]);
  const file = new File([new Uint8Array(bytes)], '统计.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  await userEvent.upload(await screen.findByLabelText('选择文件', undefined, LAZY), file);
  await screen.findByRole('heading', { name: '文件：统计.xlsx' }, LAZY);
  // A workbook has no text encoding to choose; its first visible sheet with data is 说明, so the analyst picks 2020年.
  expect(screen.queryByLabelText('文字编码')).toBeNull();
  expect(screen.getByLabelText('工作表')).toHaveValue('说明');
  await userEvent.selectOptions(screen.getByLabelText('工作表'), '2020年');
  expect(await screen.findByRole('table', { name: /文件前几行/ }, LAZY)).toHaveTextContent('汝州市2020年统计表');
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  await userEvent.click(await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY));
  expect(await screen.findByText(/已导入“统计.xlsx”/, undefined, LAZY)).toBeInTheDocument();
  expect(backend.batches).toHaveLength(1);
  expect(backend.batches[0]).toMatchObject({ fileName: '统计.xlsx', layout: 'long', figureCount: 1 });
});

test('an unknown name comes with its suggestion preselected, an alias included, and checking again uses the choice', async () => {
  const backend = api.useBackend();
  renderApp('', '/import');
  await chooseFile(['地区,年份,指标,数值', '风穴,2020,普惠性幼儿园覆盖率,85.3']);
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  expect(await screen.findByLabelText('风穴 →', undefined, LAZY)).toHaveValue('410482002');
  await userEvent.click(screen.getByRole('button', { name: '按所选名称重新检查' }));
  await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY);
  expect(screen.queryByLabelText('风穴 →')).not.toBeInTheDocument();
  expect(backend.batches).toEqual([]);
});

test('a file whose headers are all unknown words opens the header-row and column editor; mapped by hand, it is checked', async () => {
  const backend = api.useBackend();
  renderApp('', '/import');
  await chooseFile(['甲,乙,丙,丁', '寄料镇,2020,普惠性幼儿园覆盖率,85.3']);
  expect(screen.getByRole('alert')).toHaveTextContent('找不到表头行');
  expect(screen.getByLabelText('表头所在行')).toHaveValue(1);
  for (const [column, meaning] of [['甲', '地区'], ['乙', '年份'], ['丙', '指标'], ['丁', '数值']] as const) {
    await userEvent.selectOptions(screen.getByLabelText(`“${column}”列的含义`), meaning);
  }
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY);
  expect(backend.batches).toEqual([]);
});

test('a header row of 5,000 empty columns opens a bounded column editor, and the file is checked', async () => {
  renderApp('', '/import');
  const empty = ','.repeat(5_000);
  await chooseFile([`地区,年份,指标,数值${empty}`, `寄料镇,2020,普惠性幼儿园覆盖率,85.3${empty}`]);
  // Four meaning selects (the columns with a header), not 5,004; the rest are found by number.
  expect(screen.getAllByLabelText(/列的含义$/)).toHaveLength(4);
  expect(screen.getByText(/列出 4 列中的 4 列（表头行共 5,004 列）/)).toBeInTheDocument();
  await userEvent.type(screen.getByLabelText('查找列（表头文字或列号）'), '4711');
  expect(screen.getAllByLabelText(/列的含义$/)).toHaveLength(1);
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY);
});

test('a discarded file changes nothing', async () => {
  const backend = api.useBackend();
  renderApp('', '/import');
  await chooseFile(['地区,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3']);
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  const discard = await screen.findByRole('button', { name: '放弃这个文件' }, LAZY);
  await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY);
  await userEvent.click(discard);
  expect(await screen.findByText('已放弃，没有修改任何数据。', undefined, LAZY)).toBeInTheDocument();
  expect(backend.batches).toEqual([]);
});

test('a workbook renamed .csv is read as one; a broken one is refused, naming the file and saying what it is', async () => {
  renderApp('', '/import');
  const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('[Content_Types].xml xl/workbook.xml')]);
  await userEvent.upload(await screen.findByLabelText('选择文件', undefined, LAZY), new File([bytes], 'book.csv', { type: 'text/csv' }));
  const status = await screen.findByText(/“book\.csv”不是可读取的 Excel 工作簿/, undefined, LAZY);
  expect(status).toHaveTextContent('另存为 CSV');
});

/** The API as a server answers an analyst limited to 寄料镇: `GET /session` says so and the core enforces it. */
function scopedAnalyst(region = '410482101') {
  const backend = api.useBackend();
  const app = createApi(backend, { basePath: new URL(apiBaseUrl()).pathname, identify: () => ({ name: 'zhang', role: 'analyst', region }) });
  api.server.use(http.all(`${apiBaseUrl()}/*`, ({ request }) => app.fetch(request)));
  return backend;
}

test('an analyst limited to a township sees other regions’ rows refused in the preview, located, and they are not sent', async () => {
  const backend = scopedAnalyst();
  renderApp('', '/import');
  expect(await screen.findByText(/您只能导入“寄料镇”及其下属地区的数据/, undefined, LAZY)).toBeInTheDocument();
  await chooseFile(['地区,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3', '温泉镇,2020,普惠性幼儿园覆盖率,80'], 'towns.csv');
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  const confirm = await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY);
  const messages = screen.getByRole('table', { name: /检查结果/ });
  const refused = within(messages).getByText('“towns.csv”第 3 行：地区“温泉镇”不在您负责的范围（寄料镇及其下属地区）内，这一行不会导入。');
  expect(refused.closest('tr')).toHaveTextContent(/错误\s*3\s*地区\s*温泉镇/);
  await userEvent.click(confirm);
  expect(await screen.findByText(/已导入“towns.csv”：新增 0 条，替换 1 条/, undefined, LAZY)).toBeInTheDocument();
  expect(backend.batches).toHaveLength(1);
  expect(backend.batches[0]).toMatchObject({ committedBy: 'zhang', figures: [{ region: '410482101', value: 85.3 }] });
});

test('a scoped analyst can match an unknown name only to a region of theirs: no other region is suggested or offered', async () => {
  scopedAnalyst();
  renderApp('', '/import');
  await chooseFile(['地区,年份,指标,数值', '风穴,2020,普惠性幼儿园覆盖率,85.3']);
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  const select = await screen.findByLabelText('风穴 →', undefined, LAZY);
  expect(select).toHaveValue('');
  expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['（不指定，不导入）', '寄料镇']);
});

test('the same refusal reads in English', async () => {
  scopedAnalyst();
  renderApp('?lang=en', '/import');
  await userEvent.upload(
    await screen.findByLabelText('Choose a file', undefined, LAZY),
    new File(['地区,年份,指标,数值\r\n温泉镇,2020,普惠性幼儿园覆盖率,80\r\n'], 'towns.csv', { type: 'text/csv' }),
  );
  await userEvent.click(await screen.findByRole('button', { name: 'Check the file' }, LAZY));
  expect(
    await screen.findByText('“towns.csv”, row 2: the region “温泉镇” is outside yours (Jiliao Town and the regions under it); this row is not imported.', undefined, LAZY),
  ).toBeInTheDocument();
});

test('when another import lands before confirming, the page checks again by itself, says so, and the next confirm stores it once', async () => {
  const backend = api.useBackend();
  renderApp('', '/import');
  await chooseFile(['地区,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3']);
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  const confirm = await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY);
  await commitBatch(
    backend,
    { fileName: 'other.csv', encoding: 'utf-8', layout: 'long', targetSet: 'ruzhou-2020', counts: { rows: 1, added: 0, replaced: 1, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 1 }, figures: [{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 60 }] },
    { caller: { name: 'li', role: 'analyst' } },
  );
  await userEvent.click(confirm);
  expect(await screen.findByText(/保存前发现已保存的数据有了变化.*已按最新数据重新检查.*请核对后再次确认/, undefined, LAZY)).toBeInTheDocument();
  // The new preview is against the figure other.csv stored: 60 → 85.3.
  expect(screen.getByRole('table', { name: /检查结果/ })).toHaveTextContent('将把已有数值 60 替换为 85.3');
  expect(backend.batches.map((b) => b.fileName)).toEqual(['other.csv']);
  await userEvent.click(screen.getByRole('button', { name: '确认导入 1 条数据' }));
  expect(await screen.findByText(/已导入“figures.csv”/, undefined, LAZY)).toBeInTheDocument();
  expect(backend.batches.map((b) => b.fileName)).toEqual(['other.csv', 'figures.csv']);
});

test('a save whose answer is lost says so, and confirming again does not store it twice', async () => {
  const backend = api.useBackend();
  const app = createApi(backend, { basePath: new URL(apiBaseUrl()).pathname, identify: demoCaller });
  let posts = 0;
  api.server.use(
    http.post(`${apiBaseUrl()}/batches`, async ({ request }) => {
      const answer = await app.fetch(request);
      posts += 1;
      return posts === 1 ? HttpResponse.error() : answer;
    }),
  );
  renderApp('', '/import');
  await chooseFile(['地区,年份,指标,数值', '寄料镇,2020,普惠性幼儿园覆盖率,85.3']);
  await userEvent.click(screen.getByRole('button', { name: '检查文件' }));
  await userEvent.click(await screen.findByRole('button', { name: '确认导入 1 条数据' }, LAZY));
  expect(await screen.findByRole('alert', undefined, LAZY)).toHaveTextContent('保存请求没有收到服务器的答复');
  await userEvent.click(screen.getByRole('button', { name: '确认导入 1 条数据' }));
  expect(await screen.findByText(/已导入“figures.csv”/, undefined, LAZY)).toBeInTheDocument();
  expect(posts).toBe(2);
  expect(backend.batches).toHaveLength(1);
});

import { expect, test } from 'vitest';
import { hasDemoFigures, sourceLine, sourceText } from '@/domain/display/export-labels';
import { tableRows } from '@/domain/display/export-table';
import { toCsv, withBom } from '@/domain/import/csv-export';
import { createCsvReader } from '@/domain/import/csv-reader';
import { enExport } from '@/i18n/en-export';
import { zhCNExport } from '@/i18n/zh-cn-export';

const ZH = zhCNExport.export;

function parse(text: string): string[][] {
  const rows: string[][] = [];
  const reader = createCsvReader(',', (record) => rows.push(record.cells));
  reader.push(text.startsWith('\ufeff') ? text.slice(1) : text);
  reader.end();
  return rows;
}

test.each([
  [{ source: 'demo' as const }, '模拟演示数据'],
  [{ source: 'demo' as const, sourceNote: '教育部公报', citation: '教育部公报' }, '模拟演示数据'],
  [{ source: 'reference' as const, sourceNote: '教育部《2020年全国教育事业发展统计公报》' }, '教育部《2020年全国教育事业发展统计公报》'],
  [{ source: 'reference' as const }, '公开发布数据'],
  [{ source: 'import' as const, sourceNote: 'a.csv', citation: ' 河南省统计公报 ' }, '河南省统计公报'],
  [{ source: 'import' as const, sourceNote: 'a.csv' }, 'a.csv'],
  [{ source: 'import' as const, sourceNote: '  ' }, '导入数据'],
  [undefined, ''],
])('the source words of %j are %j', (figure, expected) => {
  expect(sourceText(figure, ZH)).toBe(expected);
});

test('English says "Synthetic demo data"', () => {
  expect(sourceText({ source: 'demo' }, enExport.export)).toBe('Synthetic demo data');
});

test('a source line names each source once, the demo label first', () => {
  const figures = [{ source: 'import' as const, sourceNote: 'a.csv' }, undefined, { source: 'demo' as const }, { source: 'import' as const, sourceNote: 'a.csv' }];
  expect(sourceLine(figures, ZH, '；')).toBe('模拟演示数据；a.csv');
  expect(sourceLine([], ZH, '；')).toBe('');
  expect(hasDemoFigures(figures)).toBe(true);
  expect(hasDemoFigures([{ source: 'import' }, undefined])).toBe(false);
});

type Row = { name: string; rank: number; status: string; figure?: { source: 'demo' | 'import'; sourceNote?: string } };

test('a table’s CSV has the shown cells, then the region, the as-of year and each row’s source', () => {
  const rows: Row[] = [
    { name: '温泉镇', rank: 0, status: '未达成', figure: { source: 'demo' } },
    { name: '寄料镇', rank: 1, status: '暂无数据' },
    { name: '=cmd', rank: 2, status: '已达成', figure: { source: 'import', sourceNote: '统计表.csv' } },
  ];
  const text = withBom(toCsv(tableRows(
    [
      { header: '乡镇', cell: (r: Row) => r.name },
      { header: '状态', cell: (r: Row) => r.status },
    ],
    rows,
    { region: '汝州市', asOf: 2020, figure: (r) => r.figure, words: ZH },
  )));
  expect(text.startsWith('\ufeff')).toBe(true);
  expect(parse(text)).toEqual([
    ['乡镇', '状态', '地区', '截至年份', '数据来源'],
    ['温泉镇', '未达成', '汝州市', '2020', '模拟演示数据'],
    ['寄料镇', '暂无数据', '汝州市', '2020', ''],
    ["'=cmd", '已达成', '汝州市', '2020', '统计表.csv'],
  ]);
});

test('without a scope a table CSV is its own columns only', () => {
  expect(tableRows([{ header: 'a', cell: (r: { a: number }) => r.a }], [{ a: 1 }])).toEqual([['a'], [1]]);
});

test('a row of several figures (a scorecard row) gets their source line: each source once, the demo label first, an empty cell for none', () => {
  const rows = [
    { name: '寄料镇', figures: [{ source: 'import' as const, sourceNote: '乡镇统计.csv' }, { source: 'demo' as const }, undefined] },
    { name: '温泉镇', figures: [undefined, undefined] },
  ];
  const cells = tableRows([{ header: '乡镇', cell: (r: (typeof rows)[number]) => r.name }], rows, {
    region: '汝州市',
    asOf: 2020,
    figure: (r) => r.figures,
    words: ZH,
  });
  expect(cells).toEqual([
    ['乡镇', '地区', '截至年份', '数据来源'],
    ['寄料镇', '汝州市', 2020, '模拟演示数据；乡镇统计.csv'],
    ['温泉镇', '汝州市', 2020, ''],
  ]);
});

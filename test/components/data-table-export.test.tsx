import { expect, test } from 'vitest';
import { exportCell, type Column } from '@/components/data-table';
import { wrapText } from '@/components/chart-png';

type Row = { rank: number; value: number };
const row: Row = { rank: 3, value: 77.84172661870502 };

test('a column that draws an element exports its text, never its sort key', () => {
  const status: Column<Row> = { key: 's', header: '状态', value: (r) => r.rank, text: () => '未达成', render: () => <span className="badge">未达成</span> };
  expect(exportCell(status, row)).toBe('未达成');
  const noText: Column<Row> = { key: 's', header: '状态', value: (r) => r.rank, render: () => <span>未达成</span> };
  expect(exportCell(noText, row)).toBeUndefined();
});

test('a column that renders text exports what it shows; one without render exports its value', () => {
  const shown: Column<Row> = { key: 'v', header: '数值', value: (r) => r.value, render: () => '77.8%' };
  expect(exportCell(shown, row)).toBe('77.8%');
  const plain: Column<Row> = { key: 'y', header: '年份', value: () => 2020 };
  expect(exportCell(plain, row)).toBe(2020);
});

test('wrapText breaks Chinese between characters and English at spaces, within the width', () => {
  const measure = (s: string) => s.length * 10;
  expect(wrapText('数据来源：模拟演示数据；全国：教育部', 60, measure)).toEqual(['数据来源：模', '拟演示数据；', '全国：教育部']);
  expect(wrapText('Source: synthetic demo data', 100, measure)).toEqual(['Source:', 'synthetic', 'demo data']);
  expect(wrapText('', 100, measure)).toEqual([]);
  for (const line of wrapText('Synthetic demo data · generated examples, not real statistics', 120, measure)) expect(measure(line)).toBeLessThanOrEqual(120);
});

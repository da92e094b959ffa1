/** Simplified Chinese: what exports (CSV and PNG) say about themselves — region, as-of year, source, demo label. */
export const zhCNExport = {
  export: {
    region: '地区',
    asOf: '截至年份',
    source: '数据来源',
    demo: '模拟演示数据',
    reference: '公开发布数据',
    imported: '导入数据',
    regionYear: '{{region}} · 截至{{year}}年',
    sourceLine: '数据来源：{{sources}}',
    sourceSeparator: '；',
    benchmarkSource: '{{region}}：{{sources}}',
    targetSource: '目标：{{publisher}}《{{title}}》（{{date}}）',
    demoLabel: '模拟演示数据 · 程序生成的示例，并非真实统计',
    watermark: '模拟演示数据',
    dataTitle: '{{title}} · 全部数据（{{count}} 条）· 导出于 {{date}}',
    dataTitleDemo: '{{title}} · 全部数据（{{count}} 条，含模拟演示数据 {{demo}} 条）· 导出于 {{date}}',
  },
} as const;

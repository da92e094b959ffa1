import type { Messages } from './zh-cn';

/** English: what exports (CSV and PNG) say about themselves — region, as-of year, source, demo label; part of `en.ts`. */
export const enExport: Pick<Messages, 'export'> = {
  export: {
    region: 'Region',
    asOf: 'As of',
    source: 'Data source',
    demo: 'Synthetic demo data',
    reference: 'Published figure',
    imported: 'Imported figure',
    regionYear: '{{region}} · as of {{year}}',
    sourceLine: 'Source: {{sources}}',
    sourceSeparator: '; ',
    benchmarkSource: '{{region}}: {{sources}}',
    targetSource: 'Targets: {{publisher}}, “{{title}}” ({{date}})',
    demoLabel: 'Synthetic demo data · generated examples, not real statistics',
    watermark: 'Synthetic demo data',
    dataTitle: '{{title}} · all figures ({{count}}) · exported {{date}}',
    dataTitleDemo: '{{title}} · all figures ({{count}}, of which {{demo}} synthetic demo data) · exported {{date}}',
  },
};

import { expect, test } from 'vitest';
import { readActualsQuery, selectObservations } from '@/backend/actuals-query';
import { loadTargetFiles } from '@/backend/target-files';
import type { Observation } from '@/domain/shared/observation';

/** A county plan sharing a metric with the Ruzhou demo: it must not be served Ruzhou's figures. */
const county = `id: county
title: { zh: 某县目标, en: A county }
jurisdiction: "410425"
source: { title: 测试, publisher: 测试, date: 2022-03-01 }
categories:
  - id: preschool
    name: { zh: 学前教育, en: Preschool }
regions:
  - id: "410425"
    name: { zh: 郏县, en: Jia County }
    kind: county
metrics:
  - id: preschool_gross_enrollment_rate
    name: { zh: 学前三年毛入园率, en: GER }
    unit: percent
    kind: gross_rate
targets:
  - id: ger
    metric: preschool_gross_enrollment_rate
    comparator: at_least
    goal: 90
    deadline: 2022-12-31
    category: preschool
    source_text: 达到90%
`;

test('a set is served only the figures of the regions it declares, not another set’s under the same metric', () => {
  const files = loadTargetFiles([{ file: 'county.yaml', content: county }]);
  expect(files[0]?.set, 'the test plan is valid').toBeDefined();
  const query = readActualsQuery(new URLSearchParams('set=county'), files);
  if (!query.ok) throw new Error('query refused');
  const own: Observation = { metric: 'preschool_gross_enrollment_rate', source: 'import', region: '410425', year: 2022, value: 91 } as Observation;
  const ruzhouTown: Observation = { metric: 'preschool_gross_enrollment_rate', source: 'demo', region: '410482001', year: 2020, value: 80 } as Observation;
  const byMetric = new Map([['preschool_gross_enrollment_rate', [own, ruzhouTown]]]);
  expect(selectObservations(byMetric, query.filter)).toEqual([own]);
  // Without a set, every figure of the metric (unchanged).
  expect(selectObservations(byMetric, {})).toHaveLength(2);
});

import * as z from 'zod';

/**
 * The target file schema: the one source for validation (zod) and for the
 * published JSON Schema (`targets/target-file.schema.json`, written by
 * `npm run schema` and kept in sync by a test).
 *
 * Keys are snake_case because analysts write and review these files by hand.
 */

const text = z.string().trim().min(1);

export const localizedTextSchema = z
  .strictObject({
    zh: text.describe('简体中文'),
    en: text.describe('English'),
  })
  .describe('Text in Simplified Chinese and English');

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/)
  .describe('Identifier: letters, digits, "_", "-" or "."; quote numeric ids in YAML ("001")');

/** A calendar date written YYYY-MM-DD; impossible dates are rejected by the consistency checks. */
const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('Date written YYYY-MM-DD');

const yearSchema = z.number().int().min(1949).max(2100);

/**
 * A region's kind: its administrative level (nation … township), or `jurisdiction` (an area that governs
 * without saying its level) or `comparison` (a benchmark area: published figures, no targets).
 * The set's sub-units are the regions under its jurisdiction of the finest level declared there
 * (`rollupSubUnits`): a province's prefectures, a county's townships (乡镇/街道).
 */
export const regionKindSchema = z
  .enum(['jurisdiction', 'nation', 'province', 'prefecture', 'county', 'district', 'subdistrict', 'town', 'township', 'comparison'])
  .describe(
    'nation (全国), province (省), prefecture (地市, 州, 盟), county (县, 县级市), district (区), subdistrict/town/township (街道/镇/乡): administrative levels — the jurisdiction has one of them (or jurisdiction: a governing area of unstated level), and its sub-units are the regions under it of the finest level declared; comparison: a benchmark area with figures but no targets',
  );

export const regionSchema = z.strictObject({
  id: idSchema.describe('Stable id; for Chinese areas the statistical division code'),
  name: localizedTextSchema,
  kind: regionKindSchema,
  parent: idSchema.optional().describe('The jurisdiction a sub-unit belongs to'),
  aliases: z.array(text).default([]).describe('Other names analysts write for this area'),
});

export const unitSchema = z
  .enum(['percent', 'persons', 'classes', 'classrooms', 'schools', 'count'])
  .describe('Unit of the value; percent values are 0–100, not fractions');

export const metricKindSchema = z
  .enum(['share', 'gross_rate', 'count'])
  .describe('share: part of a whole, 0–100%; gross_rate: a rate that may exceed 100%; count: an absolute number');

export const schoolLevelSchema = z
  .enum(['primary', 'junior_secondary', 'senior_secondary'])
  .describe('primary: 小学; junior_secondary: 初中; senior_secondary: 高中 (普通高中)');

export const metricSchema = z.strictObject({
  id: idSchema,
  name: localizedTextSchema,
  aliases: z.array(text).default([]).describe('Names analysts write in spreadsheets'),
  unit: unitSchema,
  kind: metricKindSchema,
  numerator: localizedTextSchema.optional().describe('For ratios: what is counted above the line'),
  denominator: localizedTextSchema.optional().describe('For ratios: what is counted below the line'),
  definition: localizedTextSchema.optional(),
  warn_above: z
    .number()
    .optional()
    .describe('The import warns about a value above this (a rate that may pass 100% but rarely should, such as retention: 100)'),
  change_threshold: z
    .number()
    .nonnegative()
    .optional()
    .describe('A change on the previous year is shown (an arrow) only when larger than this, in the unit (percentage points for percents); default 0.5 for percents, 0 for counts'),
  class_roster: z
    .strictObject({
      large_class_size: z
        .number()
        .int()
        .positive()
        .describe('A class of this many students or more counts above the line (大班额: 56)'),
      max_class_size: z
        .number()
        .int()
        .positive()
        .default(150)
        .describe('A class above this many students is an error in a roster (a typing slip, not a class)'),
      school_levels: z
        .array(schoolLevelSchema)
        .min(1)
        .optional()
        .describe('Only classes of these school levels count (a high-school share counts high-school classes only); all classes when absent'),
    })
    .optional()
    .describe(
      'This metric is what a class roster (one row per class with its number of students) rolls up to: classes of at least large_class_size students ÷ all classes, per sub-unit and for the jurisdiction',
    ),
});

export const categorySchema = z.strictObject({
  id: idSchema,
  name: localizedTextSchema,
});

/** A published document: the plan a file comes from, or another that one target cites. */
const documentSchema = z.strictObject({
  title: text,
  publisher: text,
  date: isoDateSchema,
  authors: text.optional(),
  url: z.string().optional(),
});

const baselineSchema = z.strictObject({
  value: z.number(),
  year: yearSchema,
  note: localizedTextSchema.optional(),
});

const targetCommon = {
  id: idSchema,
  metric: idSchema.describe('Id of a metric declared in this file'),
  deadline: isoDateSchema.describe('The date by which the goal should be reached'),
  deadline_note: localizedTextSchema
    .optional()
    .describe('Why this deadline, when the plan does not state one exactly'),
  baseline: baselineSchema.optional(),
  binding: z
    .boolean()
    .default(true)
    .describe('false when the plan says 原则上 (in principle)'),
  applies_to: z
    .enum(['all', 'jurisdiction'])
    .default('all')
    .describe('jurisdiction: a city-wide goal that has no meaning per township'),
  category: idSchema.describe('Id of a category declared in this file'),
  source_text: text.describe('The exact sentence of the plan the target comes from (or, with `source_paraphrase: true`, its substance in other words)'),
  source_paraphrase: z
    .boolean()
    .optional()
    .describe('true when `source_text` restates the plan rather than quoting it (the wording could not be checked against the document): shown as a paraphrase, never as a quotation'),
  source: documentSchema
    .optional()
    .describe('The document the sentence comes from, when it is not the file\'s `source` (a national goal in a local plan\'s file)'),
  note: localizedTextSchema.optional(),
  office: localizedTextSchema
    .optional()
    .describe('The office responsible for the target (责任科室), as the plan or the bureau names it; left out when no one is named'),
};

const regionGoals = z
  .record(z.string(), z.number())
  .optional()
  .describe('Per-region goals that replace the goal for those regions (region id → goal)');

export const targetSchema = z.discriminatedUnion('comparator', [
  z.strictObject({
    ...targetCommon,
    comparator: z.literal('at_least').describe('Met when the value is at or above the goal'),
    goal: z.number(),
    region_goals: regionGoals,
  }),
  z.strictObject({
    ...targetCommon,
    comparator: z.literal('at_most').describe('A cap: met when the value is at or below the goal'),
    goal: z.number(),
    region_goals: regionGoals,
  }),
  z.strictObject({
    ...targetCommon,
    comparator: z.literal('approximately').describe('Met within goal ± tolerance (inclusive)'),
    goal: z.number(),
    tolerance: z.number().positive(),
    region_goals: regionGoals,
  }),
  z.strictObject({
    ...targetCommon,
    comparator: z.literal('between').describe('Met from min to max, both inclusive'),
    min: z.number(),
    max: z.number(),
  }),
]);

export const targetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: idSchema,
  title: localizedTextSchema,
  jurisdiction: idSchema.describe('Id of the region the plan governs'),
  benchmark: idSchema
    .optional()
    .describe('Id of the comparison region whose published figures are shown beside every target as the headline benchmark (for example the national figures)'),
  default: z
    .boolean()
    .optional()
    .describe('true: the set the dashboard opens with when the address names none (one file says so; otherwise the first valid file by name)'),
  demo: z
    .boolean()
    .optional()
    .describe('true: the demo backend fills this set with synthetic figures (模拟演示数据) for its jurisdiction and sub-units; any other set starts empty until figures are imported'),
  source: documentSchema.describe('The plan the targets come from'),
  categories: z.array(categorySchema).min(1),
  regions: z.array(regionSchema).min(1),
  metrics: z.array(metricSchema).min(1),
  targets: z.array(targetSchema).describe('The goals; an empty list is a draft, accepted with a warning and shown as an empty dashboard'),
});

export type LocalizedText = z.infer<typeof localizedTextSchema>;
export type Region = z.infer<typeof regionSchema>;
export type RegionKind = z.infer<typeof regionKindSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type MetricKind = z.infer<typeof metricKindSchema>;
export type Unit = z.infer<typeof unitSchema>;
export type SchoolLevel = z.infer<typeof schoolLevelSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Target = z.infer<typeof targetSchema>;
export type Comparator = Target['comparator'];
export type TargetSet = z.infer<typeof targetFileSchema>;
export type SourceDocument = z.infer<typeof documentSchema>;

/** The JSON Schema editors use to autocomplete target files (draft 2020-12, input shape). */
export function targetFileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(targetFileSchema, { io: 'input', target: 'draft-2020-12' }),
    title: '目标文件 Target file',
    description:
      'A declarative set of education targets: regions, metrics and goals. Validated by the dashboard with located messages.',
  };
}

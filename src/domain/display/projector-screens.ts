import { ATTENTION_STATUSES, compareWorstFirst, needsAttention, type Evaluation } from '@/domain/evaluation/evaluate-target';
import type { Category } from '@/domain/targets/target-set';

/** The id of projector mode's first screen, the summary (also what an absent `?screen=` means). */
export const SUMMARY_SCREEN = 'summary';

/**
 * At most this many targets on one category screen: at projector type sizes (32 px body text at
 * 1080 p) five rows with a name wrapped on two lines fit under the heading. A larger category is split into parts.
 */
export const TARGETS_PER_SCREEN = 5;

/** At most this many targets in the summary's "needs attention" list; the rest are counted. */
export const ATTENTION_LIMIT = 5;

/** The statuses a meeting is asked to look at first (the one rule, in evaluate-target.ts). */
export { ATTENTION_STATUSES };

export type ProjectorScreen =
  | { kind: 'summary'; id: typeof SUMMARY_SCREEN }
  | {
      kind: 'category';
      /** `category.id` for the first part, `<id>~<part>` for later ones ("~" cannot occur in an id). */
      id: string;
      category: Category;
      /** 1-based; `parts` is 1 for a category that fits on one screen. */
      part: number;
      parts: number;
      /** Worst first (`compareWorstFirst`), at most `perScreen`. */
      evaluations: Evaluation[];
    };

/**
 * Projector mode's screens for one region and year: the summary, then one screen per category in the
 * target file's order with that category's applicable targets worst first, a category with more than
 * `perScreen` targets split into parts (worst on the first). A category without applicable targets (a
 * township's view of city-wide ones) has no screen. `evaluations` are a region's, in any order.
 */
export function projectorScreens(categories: readonly Category[], evaluations: readonly Evaluation[], perScreen = TARGETS_PER_SCREEN): ProjectorScreen[] {
  const size = Math.max(1, Math.floor(perScreen));
  const screens: ProjectorScreen[] = [{ kind: 'summary', id: SUMMARY_SCREEN }];
  for (const category of categories) {
    const members = evaluations.filter((e) => e.target.category === category.id && e.status !== 'not_applicable').sort(compareWorstFirst);
    const parts = Math.ceil(members.length / size);
    for (let part = 1; part <= parts; part++) {
      screens.push({
        kind: 'category',
        id: part === 1 ? category.id : `${category.id}~${part}`,
        category,
        part,
        parts,
        evaluations: members.slice((part - 1) * size, part * size),
      });
    }
  }
  return screens;
}

/**
 * The targets to look at first across the whole plan: those with an `ATTENTION_STATUSES` status,
 * worst first (`compareWorstFirst`: by status, then by the relative gap to the goal).
 */
export function needingAttention(evaluations: readonly Evaluation[]): Evaluation[] {
  return evaluations.filter((e) => needsAttention(e.status)).sort(compareWorstFirst);
}

/** The position of a screen by its id, or undefined when there is no such screen (an absent id is the summary). */
export function screenIndex(screens: readonly ProjectorScreen[], id: string | undefined): number | undefined {
  const index = screens.findIndex((screen) => screen.id === (id ?? SUMMARY_SCREEN));
  return index < 0 ? undefined : index;
}

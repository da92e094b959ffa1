import { isClipped } from '@/domain/import/message-sink';
import type { ImportMessage } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import type { UnknownName, UnknownNames } from './import-protocol';

type Named = { id: string; name: { zh: string; en: string }; aliases: readonly string[] };

/**
 * Every name the mapper may suggest (id, Chinese and English name, alias) → the
 * id it belongs to; the first to claim a name keeps it, as in the mapper.
 */
function idsByName(items: readonly Named[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const item of items) {
    for (const name of [item.id, item.name.zh, item.name.en, ...item.aliases]) if (!ids.has(name)) ids.set(name, item.id);
  }
  return ids;
}

/**
 * The names a file uses that the target set does not know, from the mapper's
 * `region_unknown` / `metric_unknown` messages, once each, with the id of the
 * region or metric the message's "did you mean" names. The mapper words its
 * hint as a name (for the message text); it is resolved to an id here, once,
 * so the page and the analyst's choices deal in ids only. A name the message
 * carries cut short (`MESSAGE_TEXT_LIMIT`) is not offered: a choice for it
 * could never match the cell, and no region or metric has such a name.
 */
export function unknownNames(messages: readonly ImportMessage[], set: TargetSet): UnknownNames {
  const regionIds = idsByName(set.regions.filter((region) => region.kind !== 'comparison'));
  const metricIds = idsByName(set.metrics);
  const collect = (code: 'region_unknown' | 'metric_unknown', ids: ReadonlyMap<string, string>): UnknownName[] => {
    const byLabel = new Map<string, UnknownName>();
    for (const message of messages) {
      const { label, suggestion } = message.params;
      if (message.code !== code || typeof label !== 'string' || label === '' || isClipped(label) || byLabel.has(label)) continue;
      const suggested = typeof suggestion === 'string' ? ids.get(suggestion) : undefined;
      byLabel.set(label, suggested !== undefined ? { label, suggested } : { label });
    }
    return [...byLabel.values()];
  };
  return { regions: collect('region_unknown', regionIds), metrics: collect('metric_unknown', metricIds) };
}

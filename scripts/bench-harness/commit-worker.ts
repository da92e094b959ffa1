/// <reference lib="webworker" />
import { provinceFigures, provinceTargetFile } from '../bench/lib/province.mjs';
import type { BodyRequest, BodyResponse } from './commit-protocol';

/**
 * The commit benchmark's stand-in for the import worker: `prepare` makes a
 * checked batch's figures (a generated province's, lib/province.mjs), and
 * `body` serialises the batch and transfers its UTF-8 bytes to the page —
 * what the app's import worker does when the analyst confirms (`batch-body`),
 * so the page receives what the import page commits.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: BodyResponse) => scope.postMessage(message);
let batch: object | undefined;
let count = 0;

scope.onmessage = (event: MessageEvent<BodyRequest>) => {
  try {
    const message = event.data;
    if (message.type === 'prepare') {
      const province = provinceTargetFile(message.province);
      const figures = provinceFigures(province, { firstYear: message.firstYear, count: message.count });
      count = figures.length;
      const counts = { rows: count, added: count, replaced: 0, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 };
      batch = { fileName: message.fileName, encoding: 'utf-8', layout: 'long', targetSet: province.id, counts, figures };
      post({ type: 'prepared', figures: count });
    } else {
      if (!batch) throw new Error('body asked for before prepare');
      const { buffer } = new TextEncoder().encode(JSON.stringify(batch));
      scope.postMessage({ type: 'body', bytes: buffer, figures: count } satisfies BodyResponse, [buffer]);
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};

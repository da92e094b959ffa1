import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fetchActualsOffThread } from '@/api/figures-off-thread';
import { checkColumnsAnswer } from '@/api/figures-check';
import type { FiguresMessage, FiguresRequest } from '@/api/figures-protocol';
import { ApiError, getJson } from '@/api/http';
import { RUZHOU_SET, setupMockApi } from '../mock-server';

/**
 * On a server, the figures request leaves from the page at once (beside the page's other first requests, not
 * after the figures worker has loaded), and its body goes to the worker unread. The worker here is a stand-in
 * that does what `figures-worker.ts` does with a `read` (jsdom has no workers): reads the body, parses it and
 * checks it with the same `checkColumnsAnswer`.
 */
setupMockApi();

const asked: FiguresRequest[] = [];
class StandInWorker {
  onmessage: ((event: MessageEvent<FiguresMessage>) => void) | null = null;
  onerror: (() => void) | null = null;
  postMessage(request: FiguresRequest) {
    asked.push(request);
    void this.answer(request);
  }
  terminate() {}
  private async answer(request: FiguresRequest) {
    const post = (data: FiguresMessage) => this.onmessage?.({ data } as MessageEvent<FiguresMessage>);
    if (request.type !== 'read') return post({ type: 'failed', message: 'the page was to ask itself' });
    const checked = checkColumnsAnswer(JSON.parse(await new Response(request.body).text()));
    post(checked.ok ? { type: 'figures', packed: checked.packed, rest: checked.rest } : { type: 'failed', message: checked.message });
  }
}

beforeEach(() => {
  asked.length = 0;
  vi.stubEnv('VITE_API_MODE', 'real');
  vi.stubGlobal('Worker', StandInWorker);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

test('the page asks, the worker reads the body it is handed: the same figures as the ordinary answer', async () => {
  const answer = await fetchActualsOffThread({ targetSet: RUZHOU_SET });
  expect(asked.map((request) => request.type)).toEqual(['read']);
  const ordinary = await getJson('/actuals', { set: RUZHOU_SET }, undefined, (c) => c.actualsResponseSchema);
  expect(answer.observations.length).toBeGreaterThan(0);
  expect(answer).toEqual(ordinary);
});

test('a refusal is not handed to the worker: it is asked again the ordinary way, which words it', async () => {
  const failed = fetchActualsOffThread({ targetSet: 'no-such-set' });
  await expect(failed).rejects.toBeInstanceOf(ApiError);
  await expect(failed).rejects.toMatchObject({ status: 404 });
  expect(asked).toEqual([]);
});

import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ZodType } from 'zod';
import {
  actualsResponseSchema,
  apiErrorBodySchema,
  metaResponseSchema,
  sessionResponseSchema,
  type BatchFigure,
  type CreateBatchRequest,
  type MetaResponse,
} from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';
import type { ContractHost, ContractHostFactory, ContractUser } from './host';
import { contractHosts } from './hosts';

/**
 * The contract suite's frame: each `describeEachHost` block runs once per
 * host of `hosts.ts`, against one host started for the block (its tests share
 * it, so every expectation compares before and after instead of assuming what
 * the host started with: the demo serves synthetic figures, the server only
 * published reference figures). A host that cannot run here is skipped with
 * its reason printed.
 */
export function describeEachHost(title: string, body: (host: () => ContractHost) => void, factories: readonly ContractHostFactory[] = contractHosts): void {
  for (const factory of factories) {
    const reason = factory.unavailable();
    if (reason !== undefined) console.warn(`Contract suite "${title}" skipped on ${factory.name}: ${reason}`);
    describe.skipIf(reason !== undefined)(`${title} [${factory.name}]`, () => {
      let host: ContractHost | undefined;
      beforeAll(async () => {
        host = await factory.start();
      }, 120_000);
      afterAll(async () => {
        await host?.close();
      }, 60_000);
      body(() => {
        if (!host) throw new Error(`${factory.name} did not start`);
        return host;
      });
    });
  }
}

export const SET = 'ruzhou-2020';
export const CITY = '410482';
/** Sub-units of the city in targets/ruzhou-2020.yaml. */
export const TOWNS = ['410482101', '410482102', '410482103', '410482104', '410482105', '410482106', '410482107', '410482108', '410482109', '410482110'] as const;
export const SHARE = 'inclusive_kindergarten_coverage';

export const townAnalyst: ContractUser = { name: 'town-analyst', role: 'analyst', region: TOWNS[0] };
export const cityAnalyst: ContractUser = { name: 'city-analyst', role: 'analyst', region: CITY };

export type Key = Pick<BatchFigure, 'metric' | 'region' | 'year'>;

/**
 * Figure keys no other test of the file touches, so tests sharing a host stay
 * independent: each key a new year of its region (2020, 2019, …), the
 * regions taken in turn unless one is asked for. 2016–2020 have demo figures
 * in the demo; earlier years are gaps on every host.
 */
export function keyMaker() {
  const used = new Map<string, number>();
  let turn = 0;
  return (region: string = TOWNS[turn++ % TOWNS.length]!): Key => {
    const n = used.get(region) ?? 0;
    used.set(region, n + 1);
    return { metric: SHARE, region, year: 2020 - n };
  };
}

export const counts = { rows: 1, added: 1, replaced: 0, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 };

export function batchRequest(figures: BatchFigure[], fileName = 'contract.csv'): CreateBatchRequest {
  return { fileName, encoding: 'utf-8', layout: 'long', targetSet: SET, counts: { ...counts, rows: figures.length, added: figures.length }, figures };
}

export const jsonHeaders = { 'Content-Type': 'application/json' };

/** Posts a batch (an object is sent as JSON; a string as it is). */
export function post(host: Pick<ContractHost, 'request'>, body: unknown, as: ContractUser | 'anonymous', headers: Record<string, string> = {}): Promise<Response> {
  return host.request('/batches', { method: 'POST', headers: { ...jsonHeaders, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }, as);
}

export function undo(host: Pick<ContractHost, 'request'>, id: string, as: ContractUser): Promise<Response> {
  return host.request(`/batches/${encodeURIComponent(id)}`, { method: 'DELETE' }, as);
}

/** A JSON answer with `status`, checked against the contract's `schema`. */
export async function answer<T>(response: Response, status: number, schema: ZodType<T>): Promise<T> {
  const text = await response.text();
  expect(response.status, `${response.status} ${text.slice(0, 300)}`).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`answer does not match the contract: ${parsed.error.message.slice(0, 500)}`);
  return parsed.data;
}

/** A refusal: `status`, the contract's error body, `code` when given; never a stack. */
export async function refusal(response: Response, status: number, code?: string): Promise<{ code: string; message: string }> {
  const { error } = await answer(response, status, apiErrorBodySchema);
  if (code !== undefined) expect(error.code, error.message).toBe(code);
  expect(error.message).not.toMatch(/\bat .+:\d+:\d+/);
  expect(error.message.length).toBeLessThan(1000);
  return error;
}

export async function meta(host: Pick<ContractHost, 'request'>, as?: ContractUser): Promise<MetaResponse> {
  return answer(await host.request('/meta', {}, as), 200, metaResponseSchema);
}

/** The imported or seeded figure at a key (reference figures aside), or undefined for a gap. */
export async function figureAt(host: Pick<ContractHost, 'request'>, key: Key, as?: ContractUser): Promise<Observation | undefined> {
  const query = new URLSearchParams({ set: SET, metric: key.metric, region: key.region, from: String(key.year), to: String(key.year) });
  const { observations } = await answer(await host.request(`/actuals?${query}`, {}, as), 200, actualsResponseSchema);
  const found = observations.filter((o) => o.source !== 'reference');
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

/** The name a host knows a user by (`GET /session`): the demo has one name for everybody. */
export async function nameOf(host: Pick<ContractHost, 'request'>, user: ContractUser): Promise<string> {
  return (await answer(await host.request('/session', {}, user), 200, sessionResponseSchema)).user.name;
}

/** What a figure is without the fields that only say where it came from. */
export const valueOf = (o: Observation | undefined) => (o ? { value: o.value, numerator: o.numerator, denominator: o.denominator, source: o.source } : undefined);

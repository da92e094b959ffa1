import type { Role } from '@/domain/contract/api-contract';

/**
 * One contract suite, every host: the suite (`test/contract/*.test.ts`) sends
 * the same requests with the same expectations to each host of the API — the
 * MSW demo handlers and the Node server over PGlite (and over a PostgreSQL
 * server where its binaries exist).
 */

/** Whom a request is sent as. A host signs in however it signs in (the demo: its role header; the server: a session cookie). */
export type ContractUser = { name: string; role: Role; region?: string };

export type ContractHost = {
  readonly name: string;
  /** True where people sign in (the server): anonymous requests get 401 and regions can scope an analyst. */
  readonly signIn: boolean;
  /** The target files it serves: the repository's `targets/`. */
  /**
   * Sends a request below the API base (`/actuals?set=ruzhou-2020`, `/batches`) as `as`
   * (default: a viewer), or with no credentials at all (`'anonymous'`).
   */
  request(path: string, init?: RequestInit, as?: ContractUser | 'anonymous'): Promise<Response>;
  /** A new backend over the same storage, as after a restart (the server: a new process's worth of state). */
  restart(): Promise<void>;
  /** A second backend over the same storage, as a second tab or server process; closed with the host. */
  sibling(): Promise<Pick<ContractHost, 'request'>>;
  close(): Promise<void>;
};

export type ContractHostFactory = {
  readonly name: string;
  /** Why this host cannot run here (no PostgreSQL binaries), or undefined when it can. */
  unavailable(): string | undefined;
  start(): Promise<ContractHost>;
};

export const viewer: ContractUser = { name: 'official', role: 'viewer' };
export const analyst: ContractUser = { name: 'analyst', role: 'analyst' };
export const admin: ContractUser = { name: 'admin', role: 'admin' };

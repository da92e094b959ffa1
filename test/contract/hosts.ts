import type { ContractHostFactory } from './host';
import { mswHost } from './msw-host';
// SERVER HOSTS — to wire at merge (test/server/contract-host.ts is being written on h/server):
// import { serverOverPglite, serverOverPostgres } from '../server/contract-host';

/** Every host the contract suite runs against, in this order. */
export const contractHosts: readonly ContractHostFactory[] = [
  mswHost,
  // serverOverPglite, serverOverPostgres, // ← SERVER HOSTS: add here at merge
];

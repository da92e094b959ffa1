import { serverOverPglite, serverOverPostgres } from '../server/contract-host';
import type { ContractHostFactory } from './host';
import { mswHost } from './msw-host';

/**
 * Every host the contract suite runs against, in this order: the MSW demo
 * handlers, the Node server over PGlite, and the Node server over a throwaway
 * PostgreSQL cluster (skipped, with the reason printed, where no PostgreSQL
 * binaries exist).
 */
export const contractHosts: readonly ContractHostFactory[] = [mswHost, serverOverPglite, serverOverPostgres];

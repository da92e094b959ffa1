/**
 * The API's base path (`/api`) from its absolute base URL; empty for an API at the origin's root. A module of
 * its own: the core worker (`core-app.ts`, never `msw`) and the page's MSW handlers (`proxy-handlers.ts`,
 * never the backend) both need it.
 */
export const basePathOf = (base: string) => new URL(base).pathname.replace(/\/$/, '');

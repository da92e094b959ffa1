/**
 * An HTTP request and its answer as messages over a `MessagePort`, bodies as
 * transferred ArrayBuffers: how the demo's page and workers talk to its
 * backend core worker (`src/mocks/core-host.ts`). The page's Mock Service
 * Worker handler forwards requests this way, and a worker that must not route
 * a large body through the page (the figures refetch, `src/api/figures-worker.ts`)
 * sends its request straight to the core the same way.
 */
export type CoreRequest = {
  type: 'request';
  id: number;
  url: string;
  method: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
};

export type CoreResponse = {
  type: 'response';
  id: number;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
};

/** A request as sent to the core, before it is numbered. */
export type CoreRequestInit = Omit<CoreRequest, 'type' | 'id'>;

/**
 * Numbers the requests sent to the core with `send` (bodies transferred) and
 * pairs each answer handed to `settle` with its request; `call` resolves to
 * the core's answer as a `Response`.
 */
export function coreCalls(send: (message: CoreRequest, transfer: Transferable[]) => void) {
  const pending = new Map<number, (reply: CoreResponse) => void>();
  let next = 0;
  return {
    async call(request: CoreRequestInit): Promise<Response> {
      const id = (next += 1);
      const reply = await new Promise<CoreResponse>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'request', id, ...request }, request.body ? [request.body] : []);
      });
      const status = reply.status;
      const nullBody = status === 204 || status === 205 || status === 304;
      return new Response(nullBody ? null : reply.body, { status, statusText: reply.statusText, headers: reply.headers });
    },
    settle(reply: CoreResponse): void {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    },
  };
}

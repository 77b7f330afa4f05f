// A webhook receiver on loopback for tests: records every request as received (raw body, headers) and answers
// as the test says, per path; by default 200.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly path: string;
  readonly body: string;
  readonly event: string;
  readonly delivery: string;
  readonly signature: string;
  readonly contentType: string;
}

/** How to answer one request: a status and body, or `hold` to keep it open until the connection dies. */
export type Answer = { readonly status: number; readonly body?: string } | 'hold';

export interface Receiver {
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
  /** Every request so far, in order of arrival. */
  readonly received: Received[];
  /** Requests to one path. */
  at(path: string): Received[];
  /** Sets how requests to `path` are answered; `answer` sees how many came to that path before this one. */
  answer(path: string, answer: (count: number, request: Received) => Answer): void;
  /** Resolves when `count` requests have reached `path`. */
  waitFor(path: string, count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers = new Map<string, (count: number, request: Received) => Answer>();
  const held = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const entry: Received = {
        path,
        body: Buffer.concat(chunks).toString('utf8'),
        event: header(request, 'Truceline-Event'),
        delivery: header(request, 'Truceline-Delivery'),
        signature: header(request, 'Truceline-Signature'),
        contentType: header(request, 'content-type'),
      };
      const before = received.filter((r) => r.path === path).length;
      received.push(entry);
      const answer = answers.get(path)?.(before, entry) ?? { status: 200 };
      if (answer === 'hold') {
        held.add(response);
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path) => received.filter((r) => r.path === path),
    answer: (path, answer) => answers.set(path, answer),
    async waitFor(path, count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.filter((r) => r.path === path).length < count) {
        if (Date.now() > deadline)
          throw new Error(`${path} received ${received.filter((r) => r.path === path).length} of ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return received.filter((r) => r.path === path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

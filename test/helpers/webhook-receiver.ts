import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  /** The request path, so one receiver can serve several endpoints (`${url}/a`, `${url}/b`). */
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Real time it arrived (ms since the epoch). */
  at: number;
}

/** What the receiver does with a request: answer with a status (after a delay), or never answer. */
export type Reply = { status: number; delayMs?: number; body?: string } | 'hang';

export interface WebhookReceiver {
  url: string;
  /** Every request, in arrival order, recorded once its body has arrived (before it is answered). */
  requests: ReceivedWebhook[];
  /** Requests received whose answer has not been sent yet. */
  open(): number;
  /** How the following requests are answered; the default is 200 at once. */
  reply(how: Reply | ((request: ReceivedWebhook) => Reply)): void;
  /** Resolves once `predicate` holds for the requests so far; rejects after `timeoutMs`. */
  waitFor(predicate: (requests: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** A real HTTP server on 127.0.0.1 (a free port) that records the webhooks it receives. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let how: Reply | ((request: ReceivedWebhook) => Reply) = { status: 200 };
  let unanswered = 0;
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedWebhook = { path: req.url ?? '', headers: flatHeaders(req), body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(received);
      const reply = typeof how === 'function' ? how(received) : how;
      unanswered++;
      const answered = () => {
        unanswered--;
      };
      if (reply === 'hang') {
        hanging.add(res);
        res.on('close', () => {
          if (hanging.delete(res)) answered();
        });
        return;
      }
      const send = () => {
        answered();
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? `status ${reply.status}`);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    open: () => unanswered,
    reply: (next) => {
      how = next;
    },
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms (${requests.length} requests received)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

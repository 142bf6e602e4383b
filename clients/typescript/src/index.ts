import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.ts';

export type { components, operations, paths };

/** Every schema of the API document by name, e.g. `Schemas['Member']`. */
export type Schemas = components['schemas'];

/** The problem+json body of every error answer, as the API document describes it. */
export type Problem = Schemas['Problem'];

type StandardMember = 'type' | 'title' | 'status' | 'detail' | 'code' | 'instance' | 'request_id' | 'errors';

/** The code of an answer that was not problem+json (a proxy's HTML 502, say): no code of the API's own. */
export const UNEXPECTED_RESPONSE = 'unexpected_response';

/** One field a 400 validation_failed refused: `pointer` is a JSON Pointer into the part `location` names. */
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

/**
 * An error answer of the API (RFC 9457 problem+json). Every non-2xx answer is thrown as one, once retries are spent:
 * a call that returns has succeeded, so read `data` and never `error`. Network failures and timeouts that outlast the
 * retries are thrown as they came from fetch (a TypeError, or a DOMException named TimeoutError).
 */
export class LedgerProblem extends Error {
  override readonly name = 'LedgerProblem';
  readonly status: number;
  /** The stable machine-readable code (`insufficient_points`, `validation_failed`, …), or UNEXPECTED_RESPONSE. */
  readonly code: Problem['code'] | typeof UNEXPECTED_RESPONSE;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly instance: string | undefined;
  /** The service's x-request-id for this answer: quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** For validation_failed, each refused field with its JSON Pointer; empty otherwise. */
  readonly errors: ProblemFieldError[];
  /** The code's own members, e.g. `available` and `requested` on insufficient_points. */
  readonly extensions: Omit<Problem, StandardMember>;
  readonly response: Response;

  constructor(problem: Problem, response: Response) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    const { type, title, status, detail, code, instance, request_id, errors, ...extensions } = problem;
    this.status = status;
    this.code = code;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.instance = instance;
    this.requestId = request_id ?? response.headers.get('x-request-id') ?? undefined;
    this.errors = errors ?? [];
    this.extensions = extensions;
    this.response = response;
  }

  /** Reads a non-2xx response: its problem+json body, or a stand-in with code UNEXPECTED_RESPONSE for anything else. */
  static async from(response: Response): Promise<LedgerProblem> {
    const text = await response.text();
    if (/^application\/(problem\+)?json/i.test(response.headers.get('content-type') ?? '')) {
      try {
        const body: unknown = JSON.parse(text);
        if (isProblem(body)) return new LedgerProblem(body, response);
      } catch {
        // Not JSON after all: described below like any other body.
      }
    }
    const unexpected = {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      detail: text.slice(0, 500),
      code: UNEXPECTED_RESPONSE,
    };
    return new LedgerProblem(unexpected as unknown as Problem, response);
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const { status, code } = body as Record<string, unknown>;
  return typeof status === 'number' && typeof code === 'string';
}

export interface LedgerClientOptions {
  /** Where the service answers, e.g. `https://ledger.example.com` (the paths carry `/v1`). */
  baseUrl: string;
  /** The program's API key (`plk_…`), or the operator token for `POST /v1/programs`. */
  apiKey: string;
  /** How many times a call is retried after a 429, a 503, a network error or a timeout (default 3; 0 = never). */
  retries?: number;
  /** How long one attempt may take before it is abandoned and retried (default 10 000 ms). */
  timeoutMs?: number;
  /** First backoff delay; each retry doubles it, with jitter (default 200 ms). */
  retryDelayMs?: number;
  /** Longest wait between attempts: a Retry-After beyond it is not waited for, the answer is thrown (default 30 000 ms). */
  maxRetryDelayMs?: number;
  /** The fetch to send with (default: the global one). */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>;
}

export type LedgerClient = Client<paths>;

const RETRYABLE_STATUSES = new Set([429, 503]);
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * The typed openapi-fetch client for the points ledger: `client.POST('/v1/redemptions', { params, body })`. It sends
 * the bearer key; gives every POST, PATCH, PUT and DELETE an Idempotency-Key (a UUID, unless the call passes its own
 * in `params.header`) that all retries of that call repeat, so a retried write is applied once; retries 429, 503,
 * network errors and timeouts with exponential backoff and jitter, never sooner than Retry-After; and throws every
 * error answer as a LedgerProblem.
 */
export function createLedgerClient(options: LedgerClientOptions): LedgerClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: retryingFetch(options) });
  client.use(keyAndIdempotency(options.apiKey), throwProblems);
  return client;
}

function keyAndIdempotency(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${apiKey}`);
      if (WRITE_METHODS.has(request.method) && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', crypto.randomUUID());
      }
      return request;
    },
  };
}

const throwProblems: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await LedgerProblem.from(response);
    return undefined;
  },
};

/**
 * Sends a request, retrying it as the options allow. Each attempt sends a copy of the request as the middleware left
 * it, so the Idempotency-Key chosen once per call is the one every attempt carries.
 */
function retryingFetch(options: LedgerClientOptions) {
  const send = options.fetch ?? ((request: Request, init?: RequestInit) => globalThis.fetch(request, init));
  const retries = Math.max(0, Math.floor(options.retries ?? 3));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseDelayMs = options.retryDelayMs ?? 200;
  const maxDelayMs = options.maxRetryDelayMs ?? 30_000;

  return async (request: Request, init?: RequestInit): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const backoffMs = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
      let response: Response;
      try {
        response = await send(request.clone(), { ...init, signal });
      } catch (error) {
        // The caller's own abort is final; a timeout or a failed connection is worth another try.
        if (request.signal.aborted || attempt >= retries || !isTransient(error)) throw error;
        await sleep(backoffMs, request.signal);
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= retries) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfterMs !== undefined && retryAfterMs > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(Math.max(backoffMs, retryAfterMs ?? 0), request.signal);
    }
  };
}

function isTransient(error: unknown): boolean {
  // fetch rejects with a TypeError when the connection fails, and with the timeout signal's TimeoutError.
  return error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError');
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

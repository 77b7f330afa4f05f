// The webhook worker: claims due deliveries from the outbox, POSTs each signed body with a timeout, logs every
// attempt and schedules the next one or gives up. At least once: a delivery is marked delivered only after a 2xx
// answer, so a crash between sending and recording sends the same delivery (same id, same body) again.

import {
  DEFAULT_RETRY_SCHEDULE,
  type DeliveryEvent,
  deliveryHeaders,
  excerpt,
  RESPONSE_EXCERPT_BYTES,
  retryDelay,
  type RetrySchedule,
} from '../core/webhooks.js';
import {
  type AttemptOutcome,
  type ClaimedDelivery,
  claimDueDeliveries,
  recordAttempt,
  webhookTargets,
} from '../db/webhooks.js';
import type { Services } from './context.js';

export interface DeliveryOptions {
  /** How long one attempt may take, answer included (TRUCELINE_WEBHOOK_TIMEOUT_MS). */
  readonly timeoutMs: number;
  readonly schedule: RetrySchedule;
  /** How many deliveries one round claims and sends in parallel. */
  readonly batchSize: number;
  /** A number in [0, 1) for the jitter of retry delays. */
  readonly random: () => number;
  /** Aborts the attempts in flight (the server is stopping); they are due again at once. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = Object.freeze({
  timeoutMs: 10_000,
  schedule: DEFAULT_RETRY_SCHEDULE,
  batchSize: 10,
  random: Math.random,
});

/**
 * A claimed delivery is leased for the attempt's timeout and this much more; if its worker dies, it is due again
 * when the lease runs out.
 */
export const LEASE_GRACE_MS = 2_000;

export interface RoundReport {
  readonly attempted: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly failed: number;
}

interface Sent {
  readonly status: number | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
}

/** Reads at most `limit` bytes of the answer, then lets the rest go. */
async function readStart(response: Response, limit: number): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  // Decoding may leave a cut character at the end as U+FFFD; `excerpt` then cuts at a whole character.
  return excerpt(new TextDecoder().decode(bytes), limit);
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
    if (error.name === 'AbortError') return 'the server stopped during the attempt';
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (typeof cause?.code === 'string') return `${error.message}: ${cause.code}`;
    if (typeof cause?.message === 'string') return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return String(error);
}

async function send(
  target: { readonly url: string; readonly secret: string },
  delivery: ClaimedDelivery,
  at: Date,
  options: DeliveryOptions,
): Promise<Sent> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: deliveryHeaders({
        secret: target.secret,
        body: delivery.payload,
        event: delivery.eventType as DeliveryEvent,
        deliveryId: delivery.id,
        at,
      }),
      body: delivery.payload,
      // A redirect is an answer, not a delivery: the receiver's URL should be updated instead.
      redirect: 'manual',
      signal,
    });
    const text = await readStart(response, RESPONSE_EXCERPT_BYTES).catch(() => '');
    return { status: response.status, error: null, responseExcerpt: text === '' ? null : text };
  } catch (error) {
    return { status: null, error: describeError(error, options.timeoutMs), responseExcerpt: null };
  }
}

/** What an attempt's result means for its delivery. */
function nextStep(sent: Sent, attempts: number, now: Date, options: DeliveryOptions): AttemptOutcome['next'] {
  if (sent.status !== null && sent.status >= 200 && sent.status < 300) return { state: 'delivered' };
  if (options.signal?.aborted === true && sent.status === null)
    return { state: 'pending', at: now.toISOString() };
  const delay = retryDelay(attempts, options.schedule, options.random());
  return delay === null
    ? { state: 'failed' }
    : { state: 'pending', at: new Date(now.getTime() + delay).toISOString() };
}

/**
 * One round: claims up to `batchSize` due deliveries, sends them in parallel and records each outcome. A
 * delivery whose webhook was deleted meanwhile is dropped with it.
 */
export async function deliverDue(
  services: Services,
  options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
): Promise<RoundReport> {
  const db = services.db.kysely;
  const now = services.now();
  const leaseUntil = new Date(now.getTime() + options.timeoutMs + LEASE_GRACE_MS).toISOString();
  const claimed = await claimDueDeliveries(
    db,
    services.db.engine,
    now.toISOString(),
    leaseUntil,
    options.batchSize,
  );
  if (claimed.length === 0) return { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const targets = await webhookTargets(
    db,
    claimed.map((d) => d.webhookId),
  );
  const outcomes = await Promise.all(
    claimed.map(async (delivery) => {
      const target = targets.get(delivery.webhookId);
      if (!target) return null;
      const started = services.now();
      const clock = performance.now();
      const sent = await send(target, delivery, started, options);
      const durationMs = Math.round(performance.now() - clock);
      const next = nextStep(sent, delivery.attempts, services.now(), options);
      const attempt = {
        id: services.newId(),
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        at: started.toISOString(),
        status: sent.status,
        error: sent.error,
        durationMs,
        responseExcerpt: sent.responseExcerpt,
      };
      try {
        await recordAttempt(db, delivery, { attempt, next });
      } catch {
        // The webhook (and with it the delivery) was deleted while the attempt was in flight.
        return null;
      }
      return next.state;
    }),
  );
  return {
    attempted: claimed.length,
    delivered: outcomes.filter((o) => o === 'delivered').length,
    retrying: outcomes.filter((o) => o === 'pending').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}

export interface WebhookWorker {
  /** Stops polling, aborts the attempts in flight (they are due again at once) and waits for the round to end. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox every `pollMs` (TRUCELINE_WEBHOOK_POLL_MS) and delivers what is due; a full round is followed
 * at once by another, so a backlog drains without waiting. Errors (the database gone for a moment) are reported
 * to `onError` and the next poll tries again.
 */
export function startWebhookWorker(
  services: Services,
  options: Partial<Omit<DeliveryOptions, 'signal'>> & {
    readonly pollMs: number;
    readonly onError: (error: unknown) => void;
  },
): WebhookWorker {
  const stopping = new AbortController();
  const delivery: DeliveryOptions = { ...DEFAULT_DELIVERY_OPTIONS, ...options, signal: stopping.signal };
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;

  const poll = () => {
    round = (async () => {
      try {
        while (!stopping.signal.aborted) {
          const report = await deliverDue(services, delivery);
          if (report.attempted < delivery.batchSize) break;
        }
      } catch (error) {
        options.onError(error);
      }
    })();
    void round.then(() => {
      round = undefined;
      if (stopping.signal.aborted) return;
      timer = setTimeout(poll, options.pollMs);
      timer.unref();
    });
  };
  timer = setTimeout(poll, 0);
  timer.unref();

  return {
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await round;
    },
  };
}

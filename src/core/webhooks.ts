// Webhooks, the pure part: which audited actions are events other systems subscribe to, the payload each sends
// (public data only), how a delivery is signed and verified, and when a failed delivery is tried again.

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Agreement, Incident } from './model.js';
import { presentAgreementTerms, presentIncident } from './representations.js';
import type { Attribution, FindingState } from './verification.js';

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  'incident.published',
  'finding.ruled',
  'agreement.changed',
  'bulletin.published',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What a delivery carries: a subscribed event, or the test event `POST /webhooks/{id}/ping` sends. */
export type DeliveryEvent = WebhookEvent | 'ping';

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/**
 * The audited actions that raise an event. A finding is `ruled` when a ruling on an agreement reaches a final
 * status (`rule`: not a violation or unable to rule; `confirm-violation`: a violation, after the second review)
 * or a final ruling is reopened; proposing or rejecting a violation is a step of the review, not a ruling.
 * Every change of an agreement's terms or lifecycle (`storeChange` in services/agreements.ts) is a change.
 */
export const ACTION_EVENTS: Readonly<Record<string, WebhookEvent>> = {
  'incident.publish': 'incident.published',
  'finding.rule': 'finding.ruled',
  'finding.confirm-violation': 'finding.ruled',
  'finding.reopen-ruling': 'finding.ruled',
  'agreement.create': 'agreement.changed',
  'agreement.update': 'agreement.changed',
  'agreement.replace': 'agreement.changed',
  'readout.create': 'agreement.changed',
  'readout.update': 'agreement.changed',
  'bulletin.publish': 'bulletin.published',
};

/** The event an audited action raises, or null when it raises none. */
export function eventForAction(action: string): WebhookEvent | null {
  return Object.hasOwn(ACTION_EVENTS, action) ? (ACTION_EVENTS[action] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Payloads

/** What an event is about, with the path of its API resource on this server. */
export interface EventSubject {
  readonly type: 'incident' | 'finding' | 'agreement' | 'bulletin' | 'webhook';
  readonly id: string;
  /** A path on this server (`/api/v1/...`): resolve it against the address the webhook was registered at. */
  readonly url: string;
}

/** The JSON body of a delivery, fixed when the event happened. */
export interface EventPayload {
  /** The event's id: one event sent to several webhooks has one id; each delivery has its own id besides. */
  readonly id: string;
  readonly type: DeliveryEvent;
  readonly occurredAt: string;
  /** The audit event that recorded the change (null for a ping): `GET /api/v1/audit/proof/{seq}` proves it. */
  readonly auditSeq: number | null;
  readonly subject: EventSubject;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The exact bytes sent: the payload as JSON, written once and stored, so every retry sends the same body. */
export function payloadBody(payload: EventPayload): string {
  return JSON.stringify(payload);
}

function presentAttribution(a: Attribution) {
  switch (a.status) {
    case 'unknown':
      return { status: a.status, party: null, confidence: null };
    case 'alleged':
      return { status: a.status, party: a.party, confidence: null };
    case 'attributed':
      return { status: a.status, party: a.party, confidence: a.confidence };
  }
}

/** A finding as the public reads it: no person ids, no proposals in progress. */
export function publicFinding(finding: FindingState) {
  return {
    occurrence: finding.occurrence,
    attribution: presentAttribution(finding.attribution),
    grade: finding.grade,
    published: finding.published,
    rulings: finding.rulings.map(({ agreementId, ruling }) => ({ agreementId, status: ruling.status })),
  };
}

/** A published incident as the public reads it from the API: its public copy (`publicCopy`). */
export function publicIncident(sealed: Incident) {
  return presentIncident(sealed, false);
}

/** An agreement with its readouts and provisions as the API sends it: agreements are public once recorded. */
export function publicAgreement(a: Agreement) {
  return presentAgreementTerms(a);
}

/** A bulletin's published version: what the public reads at `/bulletins/{slug}`. */
export interface PublishedBulletin {
  readonly id: string;
  readonly slug: string;
  readonly date: string;
  readonly version: number;
  readonly title: string;
  readonly summary: string;
  readonly markdown: string;
  readonly publishedAt: string;
}

export function subjectOf(type: EventSubject['type'], id: string, slug?: string): EventSubject {
  switch (type) {
    case 'incident':
      return { type, id, url: `/api/v1/incidents/${id}` };
    case 'finding':
      return { type, id, url: `/api/v1/incidents/${id}/finding` };
    case 'agreement':
      return { type, id, url: `/api/v1/agreements/${slug ?? id}` };
    case 'bulletin':
      return { type, id, url: `/api/v1/bulletins/${slug ?? id}` };
    case 'webhook':
      return { type, id, url: `/api/v1/webhooks/${id}` };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Signatures

export const SIGNATURE_HEADER = 'Truceline-Signature';
export const EVENT_HEADER = 'Truceline-Event';
export const DELIVERY_HEADER = 'Truceline-Delivery';
/** How far a signature's timestamp may be from the receiver's clock before it is refused as a replay. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256, keyed with the webhook's secret (its UTF-8 bytes, whole), of `<t>.<body>`. */
export function signatureOf(secret: string, timestamp: number, body: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestamp}.${body}`)));
}

/** The `Truceline-Signature` header: `t=<unix seconds>,v1=<hex>`, as Stripe signs its webhooks. */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${signatureOf(secret, t, body)}`;
}

/** The headers of one attempt at a delivery, signed at `at` (each attempt is signed afresh). */
export function deliveryHeaders(input: {
  readonly secret: string;
  readonly body: string;
  readonly event: DeliveryEvent;
  readonly deliveryId: string;
  readonly at: Date;
}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Truceline-Webhooks/1',
    [EVENT_HEADER]: input.event,
    [DELIVERY_HEADER]: input.deliveryId,
    [SIGNATURE_HEADER]: signatureHeader(input.secret, input.body, input.at),
  };
}

export type Verification =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'stale' | 'mismatch' };

/** Equal strings compared in time independent of where they differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * What a receiver does with a delivery: checks the `Truceline-Signature` header against the raw body (as
 * received, before any JSON parsing) and refuses a timestamp more than `toleranceSeconds` from `now` (a
 * replay). Any of several `v1=` values may match, so that a future secret rotation can sign with both.
 */
export function verifySignature(input: {
  readonly header: string | undefined;
  readonly body: string;
  readonly secret: string;
  readonly now: Date;
  readonly toleranceSeconds?: number;
}): Verification {
  const parts = (input.header ?? '').split(',').map((part) => part.trim().split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value !== undefined).map(([, v]) => v);
  if (t === undefined || !/^\d+$/.test(t) || signatures.length === 0)
    return { ok: false, reason: 'malformed' };
  const timestamp = Number(t);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > tolerance) return { ok: false, reason: 'stale' };
  const expected = signatureOf(input.secret, timestamp, input.body);
  return signatures.some((s) => s !== undefined && sameText(s, expected))
    ? { ok: true, timestamp }
    : { ok: false, reason: 'mismatch' };
}

// ---------------------------------------------------------------------------------------------------------------
// Retries

/** When deliveries are tried again: exponential backoff with jitter, capped, and a last attempt. */
export interface RetrySchedule {
  /** The wait after the first failed attempt. */
  readonly firstDelayMs: number;
  /** Each wait is this many times the one before... */
  readonly factor: number;
  /** ...but never longer than this. */
  readonly maxDelayMs: number;
  /** The delivery is given up (`failed`) after this many attempts. */
  readonly maxAttempts: number;
  /** Each wait is moved at random by up to this fraction either way, so that receivers are not hit in waves. */
  readonly jitter: number;
}

/**
 * Ten attempts over about 21 hours: waits of 30 s, 1.5 min, 4.5 min, 13.5 min, 40.5 min, 2 h, then 6 h three
 * times (each ±20 %).
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = Object.freeze({
  firstDelayMs: 30_000,
  factor: 3,
  maxDelayMs: 6 * 3_600_000,
  maxAttempts: 10,
  jitter: 0.2,
});

/**
 * How long to wait after `attempts` failed attempts before the next one, or null when that was the last.
 * `random` is a number in [0, 1) (Math.random in use, fixed in tests).
 */
export function retryDelay(attempts: number, schedule: RetrySchedule, random: number): number | null {
  if (attempts >= schedule.maxAttempts) return null;
  const base = Math.min(
    schedule.maxDelayMs,
    schedule.firstDelayMs * schedule.factor ** Math.max(0, attempts - 1),
  );
  return Math.round(base * (1 + schedule.jitter * (2 * random - 1)));
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses and the delivery log

/** How much of a receiver's response the delivery log keeps, in bytes of UTF-8. */
export const RESPONSE_EXCERPT_BYTES = 2048;

/**
 * Why a URL cannot receive webhooks, or null when it can: http or https only, with a host, and without a user
 * name or password in it (fetch refuses those; send credentials as a query token instead). Loopback and
 * private addresses are allowed on purpose: the mission's own systems are often on its internal network, and
 * only administrators register webhooks.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (url.hostname === '') return 'has no host';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (url.hash !== '') return 'must not have a #fragment, which is never sent';
  return null;
}

/** The start of a text, at most `bytes` of UTF-8, never cutting a character in half. */
export function excerpt(text: string, bytes: number = RESPONSE_EXCERPT_BYTES): string {
  const encoded = utf8ToBytes(text);
  if (encoded.length <= bytes) return text;
  let end = bytes;
  // Back off continuation bytes (10xxxxxx) so the cut falls on a character boundary.
  while (end > 0 && ((encoded[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(encoded.subarray(0, end));
}

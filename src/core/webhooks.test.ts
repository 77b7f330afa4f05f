import { describe, expect, it } from 'vitest';
import {
  ACTION_EVENTS,
  DEFAULT_RETRY_SCHEDULE,
  deliveryHeaders,
  eventForAction,
  excerpt,
  retryDelay,
  type RetrySchedule,
  signatureHeader,
  verifySignature,
  WEBHOOK_EVENTS,
  webhookUrlProblem,
} from './webhooks.js';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"e1","type":"agreement.changed","data":{"title":"Перемир’я"}}';
const AT = new Date('2025-03-18T16:00:00Z');
const T = AT.getTime() / 1000;

describe('events raised by audited actions', () => {
  it.each([
    ['incident.publish', 'incident.published'],
    ['finding.rule', 'finding.ruled'],
    ['finding.confirm-violation', 'finding.ruled'],
    ['finding.reopen-ruling', 'finding.ruled'],
    ['agreement.create', 'agreement.changed'],
    ['agreement.update', 'agreement.changed'],
    ['agreement.replace', 'agreement.changed'],
    ['readout.create', 'agreement.changed'],
    ['readout.update', 'agreement.changed'],
    ['bulletin.publish', 'bulletin.published'],
  ])('%s raises %s', (action, event) => {
    expect(eventForAction(action)).toBe(event);
  });

  it.each([
    'finding.propose-violation',
    'finding.reject-violation',
    'finding.occurrence',
    'finding.publish',
    'incident.create',
    'incident.update',
    'bulletin.edit',
    'webhook.create',
    'toString',
    'constructor',
  ])('%s raises none', (action) => {
    expect(eventForAction(action)).toBeNull();
  });

  it('maps onto every event type and nothing else', () => {
    expect([...new Set(Object.values(ACTION_EVENTS))].sort()).toEqual([...WEBHOOK_EVENTS].sort());
  });
});

describe('signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 keyed with the whole secret', () => {
    // Computed independently, with Python's hmac module over the UTF-8 bytes.
    const expected = '204487efa5b4a272b18b706b673732864cbcd4da7e3626672856e2afd8ea7ed2';
    expect(signatureHeader(SECRET, BODY, AT)).toBe(`t=1742313600,v1=${expected}`);
  });

  it('sends the event, the delivery id and the signature in their headers', () => {
    const headers = deliveryHeaders({ secret: SECRET, body: BODY, event: 'ping', deliveryId: 'd1', at: AT });
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'Truceline-Event': 'ping',
      'Truceline-Delivery': 'd1',
      'Truceline-Signature': signatureHeader(SECRET, BODY, AT),
    });
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signatureHeader(SECRET, BODY, AT);
    const later = new Date(AT.getTime() + 299_000);
    expect(verifySignature({ header, body: BODY, secret: SECRET, now: later })).toEqual({
      ok: true,
      timestamp: T,
    });
  });

  it('refuses a changed body, another secret and a changed timestamp', () => {
    const header = signatureHeader(SECRET, BODY, AT);
    const check = (h: string, body: string, secret: string) =>
      verifySignature({ header: h, body, secret, now: AT });
    expect(check(header, BODY.replace('e1', 'e2'), SECRET)).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(header, BODY, 'whsec_other')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(header.replace(`t=${T}`, `t=${T + 1}`), BODY, SECRET)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a replay older (or newer) than the tolerance', () => {
    const header = signatureHeader(SECRET, BODY, AT);
    const now = new Date(AT.getTime() + 301_000);
    expect(verifySignature({ header, body: BODY, secret: SECRET, now })).toEqual({
      ok: false,
      reason: 'stale',
    });
    const early = new Date(AT.getTime() - 301_000);
    expect(verifySignature({ header, body: BODY, secret: SECRET, now: early })).toMatchObject({ ok: false });
    expect(verifySignature({ header, body: BODY, secret: SECRET, now, toleranceSeconds: 600 })).toMatchObject(
      { ok: true },
    );
  });

  it('accepts any matching v1 among several, and refuses malformed headers', () => {
    const good = signatureHeader(SECRET, BODY, AT);
    const v1 = good.split('v1=')[1] ?? '';
    const both = `t=${T},v1=${'0'.repeat(64)},v1=${v1}`;
    expect(verifySignature({ header: both, body: BODY, secret: SECRET, now: AT }).ok).toBe(true);
    for (const header of [undefined, '', `v1=${v1}`, `t=${T}`, `t=soon,v1=${v1}`])
      expect(verifySignature({ header, body: BODY, secret: SECRET, now: AT })).toEqual({
        ok: false,
        reason: 'malformed',
      });
  });
});

describe('the retry schedule', () => {
  it('waits 30 s, then three times longer each time, capped at 6 h, and gives up after 10 attempts', () => {
    const waits = Array.from({ length: 10 }, (_, i) => retryDelay(i + 1, DEFAULT_RETRY_SCHEDULE, 0.5));
    expect(waits).toEqual([
      30_000,
      90_000,
      270_000,
      810_000,
      2_430_000,
      7_290_000,
      21_600_000,
      21_600_000,
      21_600_000,
      null,
    ]);
    const total = waits.reduce<number>((sum, w) => sum + (w ?? 0), 0);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(22);
  });

  it('moves each wait by at most the jitter, both ways', () => {
    expect(retryDelay(1, DEFAULT_RETRY_SCHEDULE, 0)).toBe(24_000);
    expect(retryDelay(1, DEFAULT_RETRY_SCHEDULE, 0.999_999)).toBe(36_000);
    expect(retryDelay(7, DEFAULT_RETRY_SCHEDULE, 0)).toBe(17_280_000);
  });

  it('follows a schedule of its own', () => {
    const fast: RetrySchedule = { firstDelayMs: 10, factor: 2, maxDelayMs: 25, maxAttempts: 4, jitter: 0 };
    expect([1, 2, 3, 4].map((n) => retryDelay(n, fast, 0.3))).toEqual([10, 20, 25, null]);
  });
});

describe('webhook URLs', () => {
  it.each([
    'https://alerts.mission.example/truceline',
    'http://127.0.0.1:8081/hook?token=abc',
    'http://10.0.0.5/hook',
    'http://[::1]:9000/',
  ])('accepts %s', (url) => {
    expect(webhookUrlProblem(url)).toBeNull();
  });

  it.each([
    ['/relative/path', 'is not an absolute URL'],
    ['ftp://files.example/hook', 'must be an http:// or https:// URL'],
    ['javascript:alert(1)', 'must be an http:// or https:// URL'],
    ['https://user:pass@alerts.example/', 'must not carry a user name or password'],
    ['https://alerts.example/hook#frag', 'must not have a #fragment, which is never sent'],
  ])('refuses %s: %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });
});

describe('response excerpts', () => {
  it('keeps a short answer whole', () => {
    expect(excerpt('ok')).toBe('ok');
  });

  it('cuts at 2 KiB of UTF-8 without splitting a character', () => {
    const text = 'ж'.repeat(1500); // two bytes each
    const cut = excerpt(text);
    expect(new TextEncoder().encode(cut).length).toBe(2048);
    expect(cut).toBe('ж'.repeat(1024));
    const odd = `a${'ж'.repeat(1500)}`;
    expect(excerpt(odd)).toBe(`a${'ж'.repeat(1023)}`);
  });
});

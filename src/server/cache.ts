// The response cache for public reads. An anonymous GET or HEAD under /api/v1/ or /ogc/ depends only on its URL
// (with the host it was sent to, which absolute links are made from), its Accept header and the data, so its
// answer is kept and served again, without reaching the route, while the data version it was computed at is
// still current (`dataVersion`: at once after a write in this process, within HEAD_REFRESH_MS after one
// elsewhere) and for at most a TTL (some answers depend on the clock: which agreements are in force). Requests
// with a bearer token or a session cookie never read from it nor add to it. Only whole 200 answers are kept
// (strings or buffers: the streamed exports have their own ETag), never one that sets a cookie or says it is
// private, in a byte budget evicting the least recently used. Each answer kept carries an ETag (the route's own,
// or a hash of the body), and a client sending it back in If-None-Match gets 304. `x-cache: hit | miss` tells
// which way a cacheable request went. No answer varies by Accept-Language (the API's texts are English; the web
// app translates), so it is not part of the key; the server-rendered pages are not cached (they read the built
// template from disk on each request, so that a new build shows at once). An answer of 1 KiB or more is also kept
// gzip'd, compressed once when it is kept, and sent so to clients that accept gzip (`Vary: Accept-Encoding`, its
// ETag marked `-gzip`): a list page of 230 kB goes out as about 20 kB, which is what lets large answers be served
// at the rate of small ones.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../services/context.js';
import { dataVersion } from '../services/data-version.js';
import { SESSION_COOKIE } from './routes/session/index.js';

export interface ResponseCacheOptions {
  /** The budget for kept bodies (and their keys and headers), in bytes. */
  readonly maxBytes: number;
  /** How long an answer may be served again at most, in milliseconds; 60 s by default. */
  readonly ttlMs?: number;
}

/** The budget when none is configured (TRUCELINE_RESPONSE_CACHE_MB). */
export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_RESPONSE_CACHE_TTL_MS = 60_000;

/** The paths whose anonymous reads are cached. */
const CACHED_PREFIXES = ['/api/v1/', '/ogc/'] as const;

/** Headers that belong to one transmission, not to the answer: never kept. */
const TRANSIENT_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'set-cookie',
  'x-cache',
]);

/** An answer as kept: always a 200. */
interface Entry {
  readonly version: string;
  readonly expiresAt: number;
  readonly headers: Readonly<Record<string, string | number | string[]>>;
  readonly body: Buffer;
  /** The body gzip'd, when it is worth it (1 KiB or more and not already encoded). */
  readonly gzip: Buffer | null;
  readonly etag: string;
  /** What it counts against the budget. */
  readonly bytes: number;
}

/** What a cacheable request that missed carries to `onSend`, to keep its answer. */
interface Ticket {
  readonly key: string;
  readonly version: string;
  readonly startedAt: number;
  /** Set when this request is the one the others asking the same meanwhile wait for: call it when it is answered. */
  readonly finish: (() => void) | null;
}

/** A miss being answered: requests for the same key at the same version wait for it instead of computing it too. */
interface InFlight {
  readonly version: string;
  readonly done: Promise<void>;
  readonly finish: () => void;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on an anonymous read that may be cached and was not found: where and under which version to keep it. */
    responseCacheTicket: Ticket | null;
  }
}

/** Entries in least-recently-used order (a Map iterates in insertion order; a hit moves its entry to the end). */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private used = 0;
  /** The newest data version seen: every entry kept is of it. */
  private version: string | null = null;

  constructor(readonly maxBytes: number) {}

  /** The bytes kept, for tests and operators. */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Moves to a newer data version: every answer kept was made at an older one and can never be served again, so
   * all are dropped at once rather than left to fill the budget until they are evicted. An older version (a request
   * that began before the last write) changes nothing.
   */
  private advance(version: string): void {
    if (version === this.version || (this.version !== null && !isNewer(version, this.version))) return;
    this.version = version;
    this.entries.clear();
    this.used = 0;
  }

  /** The entry for the key if it was made at this version and has not expired; a stale one is dropped. */
  get(key: string, version: string, now: number): Entry | undefined {
    this.advance(version);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Every entry kept is of the newest version: another version is the older one of a request that began before
    // the last write, which must not be served this answer (newer than its own data version) nor drop it.
    if (entry.version !== version) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      this.used -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps an entry unless it is larger than an eighth of the budget, evicting the least recently used. */
  set(key: string, entry: Entry): void {
    this.advance(entry.version);
    // Made at an older version than one seen since: stale already.
    if (entry.version !== this.version || entry.bytes > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.used -= old.bytes;
    }
    this.entries.set(key, entry);
    this.used += entry.bytes;
    for (const [oldest, victim] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= victim.bytes;
    }
  }
}

/**
 * Whether data version `a` is newer than `b`. Versions (`dataVersion`) begin with this process's write count and the
 * audit head's sequence number, both of which only grow; anything else is taken as newer.
 */
function isNewer(a: string, b: string): boolean {
  const [aWrites, aSeq] = a.split(':').map(Number);
  const [bWrites, bSeq] = b.split(':').map(Number);
  if (aWrites === undefined || aSeq === undefined || bWrites === undefined || bSeq === undefined) return true;
  if (!Number.isFinite(aWrites + aSeq + bWrites + bSeq)) return true;
  return aWrites !== bWrites ? aWrites > bWrites : aSeq > bSeq;
}

/** Whether an If-None-Match header names one of the tags (or is `*`); weak comparison, as RFC 9110 asks for GET. */
export function matchesTag(header: string | undefined, ...etags: string[]): boolean {
  if (header === undefined) return false;
  const bare = new Set(etags.map((etag) => etag.replace(/^W\//, '')));
  return header.split(',').some((held) => {
    const tag = held.trim();
    return tag === '*' || bare.has(tag.replace(/^W\//, ''));
  });
}

/** The smallest answer worth compressing. */
const GZIP_MIN_BYTES = 1024;

/** The tag of the gzip'd representation: another representation needs another tag (`"abc"` → `"abc-gzip"`). */
const gzipTag = (etag: string): string => etag.replace(/"$/, '-gzip"');

/** Whether the client accepts gzip (`Accept-Encoding` names it, or `*`, without q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  return String(header)
    .split(',')
    .some((part) => {
      const [coding = '', ...params] = part.trim().toLowerCase().split(';');
      if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return q === undefined || Number(q.slice(2)) > 0;
    });
}

/** A Vary header that also names Accept-Encoding. */
function varyWithEncoding(vary: string | number | string[] | undefined): string {
  const names =
    vary === undefined
      ? []
      : String(vary)
          .split(',')
          .map((name) => name.trim());
  return names.some((name) => name.toLowerCase() === 'accept-encoding' || name === '*')
    ? names.join(', ')
    : [...names.filter((name) => name !== ''), 'Accept-Encoding'].join(', ');
}

/** The key of a cacheable request, or null when it may not be cached. */
function keyOf(request: FastifyRequest): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const url = request.url;
  if (!CACHED_PREFIXES.some((prefix) => url.startsWith(prefix))) return null;
  if (request.headers.authorization !== undefined || request.cookies[SESSION_COOKIE] !== undefined)
    return null;
  // GET and HEAD share entries: a HEAD answer is the GET answer without its body.
  // No Accept header means any type: the same answer as `*/*`.
  return `${request.protocol}://${request.host}${url}\n${request.headers.accept ?? '*/*'}`;
}

/**
 * Installs the cache's hooks. Call it after the authentication hook, so that a request with a bad token or cookie
 * still gets its 401 (such requests are not cacheable anyway). Returns the cache, for tests.
 */
export function installResponseCache(
  app: FastifyInstance,
  services: Services,
  { maxBytes, ttlMs = DEFAULT_RESPONSE_CACHE_TTL_MS }: ResponseCacheOptions,
): ResponseCache {
  const cache = new ResponseCache(maxBytes);
  // Thirty-two clients asking for the same slow answer at once would otherwise compute it thirty-two times, one
  // after the other on the one thread: the first computes it, the others wait for it and are answered from the cache.
  const inFlight = new Map<string, InFlight>();
  app.decorateRequest('responseCacheTicket', null);

  app.addHook('onRequest', async (request, reply) => {
    const key = keyOf(request);
    if (key === null) return;
    const startedAt = Date.now();
    const version = await dataVersion(services);
    let entry = cache.get(key, version, startedAt);
    const leader = inFlight.get(key);
    if (entry === undefined && leader?.version === version) {
      await leader.done;
      entry = cache.get(key, version, Date.now());
    }
    if (entry === undefined) {
      let finish: (() => void) | null = null;
      if (inFlight.get(key)?.version !== version) {
        let resolve = (): void => undefined;
        const done = new Promise<void>((settle) => (resolve = settle));
        const lead: InFlight = {
          version,
          done,
          finish: () => {
            if (inFlight.get(key) === lead) inFlight.delete(key);
            resolve();
          },
        };
        inFlight.set(key, lead);
        finish = lead.finish;
      }
      request.responseCacheTicket = { key, version, startedAt, finish };
      reply.header('x-cache', 'miss');
      return;
    }
    reply.headers(entry.headers).header('x-cache', 'hit');
    const gzip = entry.gzip !== null && acceptsGzip(request.headers['accept-encoding']) ? entry.gzip : null;
    if (gzip !== null) reply.header('content-encoding', 'gzip').header('etag', gzipTag(entry.etag));
    if (matchesTag(request.headers['if-none-match'], entry.etag, gzipTag(entry.etag)))
      return reply.code(304).send();
    return reply.code(200).send(gzip ?? entry.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const ticket = request.responseCacheTicket;
    if (ticket === null || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const control = reply.getHeader('cache-control');
    if (typeof control === 'string' && /\b(no-store|private)\b/i.test(control)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const own = reply.getHeader('etag');
    const etag = typeof own === 'string' ? own : `"${createHash('sha1').update(body).digest('base64url')}"`;
    if (own === undefined) reply.header('etag', etag);
    const gzip =
      body.length >= GZIP_MIN_BYTES && !reply.hasHeader('content-encoding') ? gzipSync(body) : null;
    if (gzip !== null) reply.header('vary', varyWithEncoding(reply.getHeader('vary')));
    const headers: Record<string, string | number | string[]> = {};
    let bytes = ticket.key.length + body.length + (gzip?.length ?? 0) + 64;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined || TRANSIENT_HEADERS.has(name)) continue;
      headers[name] = value;
      bytes += name.length + String(value).length;
    }
    cache.set(ticket.key, {
      version: ticket.version,
      expiresAt: ticket.startedAt + ttlMs,
      headers,
      body,
      gzip,
      etag,
      bytes,
    });
    if (matchesTag(request.headers['if-none-match'], etag, gzipTag(etag))) {
      reply.code(304);
      return null;
    }
    if (gzip !== null && acceptsGzip(request.headers['accept-encoding'])) {
      reply.header('content-encoding', 'gzip').header('etag', gzipTag(etag));
      return gzip;
    }
    return body;
  });
  // Whatever became of the leading request (answered, failed, or its client gone), the others stop waiting.
  const release = async (request: FastifyRequest): Promise<void> => {
    request.responseCacheTicket?.finish?.();
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
  return cache;
}

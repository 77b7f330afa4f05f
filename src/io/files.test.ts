import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrucelineError } from '../core/errors.js';
import { createFileStore, type FileStore, sniff } from './files.js';

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('the content-addressed file store', () => {
  let dir = '';
  let store: FileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'truceline-files-'));
    store = createFileStore({ root: join(dir, 'evidence'), maxBytes: 1000 });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256, read-only, and reads them back', async () => {
    const staged = await store.stage(Readable.from([PNG]));
    expect(staged).toMatchObject({ sha256: sha256(PNG), size: PNG.length });
    expect(await staged.commit()).toEqual({ created: true });
    const hash = sha256(PNG);
    expect(filesUnder(store.root)).toEqual([join(hash.slice(0, 2), hash.slice(2))]);
    expect(readFileSync(store.pathOf(hash))).toEqual(PNG);
    expect(statSync(store.pathOf(hash)).mode & 0o222).toBe(0);
    expect(await readAll(store.read(hash))).toEqual(PNG);
    expect(await store.has(hash)).toBe(true);
  });

  it('hashes a stream that arrives in many small chunks, up to the limit exactly', async () => {
    const bytes = Buffer.alloc(1000, 7);
    const chunks = Array.from({ length: 100 }, (_, i) => bytes.subarray(i * 10, i * 10 + 10));
    const staged = await store.stage(Readable.from(chunks));
    expect(staged).toMatchObject({ sha256: sha256(bytes), size: 1000 });
    await staged.commit();
    expect(readFileSync(store.pathOf(staged.sha256))).toEqual(bytes);
  });

  it('keeps one file for the same bytes stored twice', async () => {
    const first = await store.stage(Readable.from([PNG]));
    await first.commit();
    const second = await store.stage(Readable.from([PNG]));
    expect(await second.commit()).toEqual({ created: false });
    expect(filesUnder(store.root)).toHaveLength(1);
  });

  it('refuses a stream past the limit with FILE_TOO_LARGE and leaves no file behind', async () => {
    const error: unknown = await store
      .stage(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrucelineError);
    expect((error as TrucelineError).code).toBe('FILE_TOO_LARGE');
    expect(filesUnder(store.root)).toEqual([]);
  });

  it('discards a staged file without a trace, and does nothing on a second discard', async () => {
    const staged = await store.stage(Readable.from([PNG]));
    expect(filesUnder(store.root)).toHaveLength(1);
    await staged.discard();
    await staged.discard();
    expect(filesUnder(store.root)).toEqual([]);
  });

  it('tells an intact file from a changed or a missing one', async () => {
    const staged = await store.stage(Readable.from([PNG]));
    await staged.commit();
    expect(await store.check(staged.sha256)).toBe('intact');
    const path = store.pathOf(staged.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, Buffer.concat([PNG, Buffer.from('x')]));
    expect(await store.check(staged.sha256)).toBe('altered');
    rmSync(path);
    expect(await store.check(staged.sha256)).toBe('missing');
  });

  it('refuses a path for anything but a hex SHA-256', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/SHA-256/);
  });
});

describe('sniffing content', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'truceline-sniff-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function file(name: string, bytes: Buffer | string): string {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  it('knows a PNG by its signature, and that it is not text', async () => {
    expect(await sniff(file('a.png', PNG))).toEqual({ mediaType: 'image/png', text: false });
  });

  it('reads UTF-8 without a signature as text', async () => {
    expect(await sniff(file('a.txt', 'Удар по підстанції, 10 June\n'))).toEqual({
      mediaType: null,
      text: true,
    });
  });

  it('does not take bytes with NULs or broken UTF-8 for text', async () => {
    expect((await sniff(file('a.bin', Buffer.from([0x41, 0x00, 0x42])))).text).toBe(false);
    expect((await sniff(file('b.bin', Buffer.from([0x41, 0xff, 0xfe, 0x42])))).text).toBe(false);
  });
});

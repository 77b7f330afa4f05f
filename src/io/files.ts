// A content-addressed file store: each file lives under its SHA-256 (`<root>/ab/cdef…`), is written once,
// made read-only and never modified. Bytes are streamed through a hash to a temporary file and renamed into place.

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { TrucelineError } from '../core/errors.js';

/** A file received and hashed but not yet in the store: sniff it, then `commit` or `discard` it. */
export interface StagedFile {
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  readonly size: number;
  /** Where the staged bytes can be read until they are committed or discarded. */
  readonly path: string;
  /** Moves the bytes into the store; `created` is false when a file with this hash was already there. */
  commit(): Promise<{ readonly created: boolean }>;
  /** Removes the staged bytes; does nothing once committed. */
  discard(): Promise<void>;
}

/** What a stored file's bytes say about it now. */
export type FileCheck = 'intact' | 'missing' | 'altered';

export interface FileStore {
  /** The directory holding the files. */
  readonly root: string;
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Streams `source` to a temporary file while hashing; FILE_TOO_LARGE (nothing left behind) past `maxBytes`. */
  stage(source: Readable): Promise<StagedFile>;
  /** The path of the file with this hash (whether or not it is stored). */
  pathOf(sha256: string): string;
  /** Whether a file with this hash is stored. */
  has(sha256: string): Promise<boolean>;
  /** A stream of the stored file's bytes. */
  read(sha256: string): Readable;
  /** Re-hashes a stored file: still intact, gone, or changed since it was stored. */
  check(sha256: string): Promise<FileCheck>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function assertHash(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error(`not a lower-case hex SHA-256: "${sha256}"`);
}

function tooLarge(maxBytes: number): TrucelineError {
  return new TrucelineError('FILE_TOO_LARGE', `file: larger than the limit of ${maxBytes} bytes`, {
    limitBytes: maxBytes,
    issues: [{ path: 'file', message: `larger than the limit of ${maxBytes} bytes` }],
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * A store rooted at `root` (created when the first file arrives). Temporary files sit in `root` itself, on the
 * same file system as their final place, so that the rename into place is atomic; their names start with a dot.
 */
export function createFileStore(options: { readonly root: string; readonly maxBytes: number }): FileStore {
  const { root, maxBytes } = options;
  const pathOf = (sha256: string) => {
    assertHash(sha256);
    return join(root, sha256.slice(0, 2), sha256.slice(2));
  };

  async function stage(source: Readable): Promise<StagedFile> {
    // Some sources (busboy's file streams) never settle once destroyed: check, then start reading at once, with
    // no await in between (hence the synchronous mkdir, a single system call once the folder exists).
    if (source.destroyed) throw new Error('the file ended before it could be read: the upload was cut short');
    mkdirSync(root, { recursive: true });
    const temp = join(root, `.incoming-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(tooLarge(maxBytes));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      // `wx`: a fresh name, never an existing file; `flush`: on disk before it is renamed into place.
      await pipeline(source, count, createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      await chmod(temp, 0o444);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    let settled = false;
    return {
      sha256,
      size,
      path: temp,
      async commit() {
        if (settled) throw new Error('this staged file was already committed or discarded');
        settled = true;
        const target = pathOf(sha256);
        // The same hash is the same content: the stored file is kept as it is.
        if (await exists(target)) {
          await rm(temp, { force: true });
          return { created: false };
        }
        await mkdir(dirname(target), { recursive: true });
        await rename(temp, target);
        return { created: true };
      },
      async discard() {
        if (settled) return;
        settled = true;
        await rm(temp, { force: true });
      },
    };
  }

  async function check(sha256: string): Promise<FileCheck> {
    const path = pathOf(sha256);
    if (!(await exists(path))) return 'missing';
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256 ? 'intact' : 'altered';
  }

  return {
    root,
    maxBytes,
    stage,
    pathOf,
    has: (sha256) => exists(pathOf(sha256)),
    read: (sha256) => createReadStream(pathOf(sha256)),
    check,
  };
}

/** How many bytes `sniff` reads to decide whether a file is text. */
const TEXT_SAMPLE_BYTES = 65_536;

/**
 * What a file's content says it is: the media type of a known binary format (by its signature, through
 * `file-type`), and whether its first 64 KiB read as UTF-8 text without NUL bytes.
 */
export async function sniff(path: string): Promise<{ mediaType: string | null; text: boolean }> {
  const detected = await fileTypeFromFile(path);
  const handle = await open(path, 'r');
  try {
    const sample = Buffer.alloc(TEXT_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, TEXT_SAMPLE_BYTES, 0);
    const head = sample.subarray(0, bytesRead);
    let text = !head.includes(0);
    if (text) {
      try {
        // `stream`: a character cut in two at the end of the sample is not an error.
        new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      } catch {
        text = false;
      }
    }
    return { mediaType: detected?.mime ?? null, text };
  } finally {
    await handle.close();
  }
}

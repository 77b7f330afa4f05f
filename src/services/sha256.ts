// The platform's SHA-256 (OpenSSL through node:crypto), as hex: for the audit hashing port of `src/core/audit.ts`
// (the same hex as core's JavaScript implementation, about seven times faster, which matters when an import hashes
// two digests per row), and for the stored hashes of session and API-token secrets.

import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../core/audit.js';

export const sha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

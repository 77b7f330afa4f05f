// Schemas for the public audit routes: the signing key, checkpoints and Merkle proofs. The examples are real:
// two checkpoints signed over the demo's log (212 events, then one more), their key and proofs.

import { z } from 'zod';
import { exampleOf } from '../../openapi.js';

const hex = z.string().regex(/^[0-9a-f]{64}$/);

export const proofParams = z.strictObject({ seq: z.coerce.number().int().min(1) });

export const consistencyQuery = z.strictObject({
  from: z.coerce.number().int().min(1).describe('Tree size of the earlier checkpoint'),
  to: z.coerce.number().int().min(1).describe('Tree size of the later checkpoint'),
});

export const checkpointResponse = z.object({
  treeSize: z.number().int(),
  rootHash: hex,
  createdAt: z.string(),
  signature: z.string().describe('Ed25519 signature (base64) of the signed text'),
  signedText: z.string().describe('The exact text the signature covers'),
});

const keyShape = z.object({
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
  publicKey: z.string().describe('The raw 32-byte public key, base64'),
});

const checkpointsShape = z.object({ items: z.array(checkpointResponse) });

const inclusionShape = z.object({
  seq: z.number().int(),
  leafIndex: z.number().int(),
  eventHash: hex,
  checkpoint: checkpointResponse,
  proof: z.array(hex),
});

const consistencyShape = z.object({
  from: checkpointResponse,
  to: checkpointResponse,
  proof: z.array(hex),
});

const FIRST = {
  treeSize: 212,
  rootHash: '132fa70d2e476bd2e0a5b01e147ed55b648a45ab4ab35bfe9378af1be2da0fd2',
  createdAt: '2026-11-25T08:03:47.418Z',
  signature: 'IaWYOpmU0W7WgWlGGRM+gUChu3CRpuDHw4wXfju5cqAiWAoJAis0rylOVBPwjY49BzWeEWXHwutlRecQv6OrDA==',
  signedText:
    'truceline-audit-checkpoint/v1\ntree_size 212\nroot_hash 132fa70d2e476bd2e0a5b01e147ed55b648a45ab4ab35bfe9378af1be2da0fd2\ncreated_at 2026-11-25T08:03:47.418Z\n',
};
const SECOND = {
  treeSize: 213,
  rootHash: '40ded320f55299b5b99a7b03446bdc4417b169de7b87cfa1f2a769a453bbfd81',
  createdAt: '2026-11-25T08:03:47.481Z',
  signature: '3ncFS8SmOhavxTV3gXdS6cjjdKZCAB6KqXCWH0EeT2GPxK6iKAjkoAK0TBm8IDyJSsTBitgrSTWTt6nW0xywBA==',
  signedText:
    'truceline-audit-checkpoint/v1\ntree_size 213\nroot_hash 40ded320f55299b5b99a7b03446bdc4417b169de7b87cfa1f2a769a453bbfd81\ncreated_at 2026-11-25T08:03:47.481Z\n',
};

export const keyResponse = exampleOf(keyShape, {
  algorithm: 'Ed25519',
  publicKeyPem:
    '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAdY0rh0/pOurAibQ4YKkh9N01qtelQYeXIXmiTxxWmJY=\n-----END PUBLIC KEY-----\n',
  publicKey: 'dY0rh0/pOurAibQ4YKkh9N01qtelQYeXIXmiTxxWmJY=',
});
export const checkpointsResponse = exampleOf(checkpointsShape, { items: [FIRST, SECOND] });
export const inclusionResponse = exampleOf(inclusionShape, {
  seq: 5,
  leafIndex: 4,
  eventHash: 'e31c162bbbf526d57f016b8a44dabacb896c87e5fc05697d4baeafb995429b2f',
  proof: [
    'f581ce613781cbd8f01954e85b46caaa046bc3ba67f376eb6db8a0b541fdd6e2',
    'c94efbe904267bab3ee6cd4c47e3bebc3a5436a8c4761e484ad83b770922080c',
    'fa3a9d5277970bd48943787bde53298829531c4dc99a74db8dad6470ff8d6987',
    'e6dc11a943e46ecbc778b951cfa311b07b9baf3a227a1869ea5802303b782359',
    '3f2bd852deddef465926abbab65200762798028bdfea934077cda6ca41d2b978',
    '11af33a274db4862caf19b6780c6f10a1342853d07e848811a985818aa0b2ccd',
    '21dd9377d66bc1ec19b780d3bf29892c04a425228d6a64fb1266362206db3418',
    '6ed73e8a6d76a7987eb3a99abfd254f054ce5e1420ab04598c89012548cb8483',
  ],
  checkpoint: SECOND,
});
export const consistencyResponse = exampleOf(consistencyShape, {
  from: FIRST,
  to: SECOND,
  proof: [
    '6badfb30bb7426d15b7b5a628c6cecf325db346967a2ca905fe41ea03b51c41a',
    'bf1a86e8871bab7cf53ed546f50d638e8a8ed1dd5a5067650155ac4384dd2b19',
    'ee8353fa2f69859554a94cb4eed6f3154ed8b8dded8bd15c7bd6bf73464bdc39',
    'd7a28b29e34d92ed9b7a06192762ec6b44d50e93ecc469f7e10fc33051a90993',
    '37863a503bb2d5158b343010702dcb2524a9f009f1a547f3c099615516b32074',
  ],
});

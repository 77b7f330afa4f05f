// Schemas for the public audit routes: the signing key, checkpoints and Merkle proofs.

import { z } from 'zod';

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

export const keyResponse = z.object({
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
  publicKey: z.string().describe('The raw 32-byte public key, base64'),
});

export const checkpointsResponse = z.object({ items: z.array(checkpointResponse) });

export const inclusionResponse = z.object({
  seq: z.number().int(),
  leafIndex: z.number().int(),
  eventHash: hex,
  checkpoint: checkpointResponse,
  proof: z.array(hex),
});

export const consistencyResponse = z.object({
  from: checkpointResponse,
  to: checkpointResponse,
  proof: z.array(hex),
});

// The tamper-evident audit log, for anyone to check: the signing key, signed checkpoints and Merkle proofs.

import {
  allCheckpoints,
  auditPublicKey,
  type Checkpoint,
  checkpointText,
  consistencyProofBetween,
  inclusionProofFor,
} from '../../../services/checkpoints.js';
import type { RoutePlugin } from '../plugin.js';
import {
  checkpointsResponse,
  consistencyQuery,
  consistencyResponse,
  inclusionResponse,
  keyResponse,
  proofParams,
} from './schema.js';

function presentCheckpoint(c: Checkpoint) {
  return {
    treeSize: c.treeSize,
    rootHash: c.rootHash,
    createdAt: c.createdAt,
    signature: c.signature,
    signedText: checkpointText(c),
  };
}

export const auditRoutes: RoutePlugin = async (app, { services }) => {
  const tags = ['audit'];
  app.get(
    '/audit/key',
    { schema: { tags, summary: 'The public key that signs checkpoints', response: { 200: keyResponse } } },
    async () => {
      const key = await auditPublicKey(services);
      return { algorithm: key.algorithm, publicKeyPem: key.pem, publicKey: key.raw };
    },
  );
  app.get(
    '/audit/checkpoints',
    { schema: { tags, summary: 'Signed tree heads, oldest first', response: { 200: checkpointsResponse } } },
    async () => ({ items: (await allCheckpoints(services)).map(presentCheckpoint) }),
  );
  app.get(
    '/audit/proof/:seq',
    {
      schema: {
        tags,
        summary: 'Inclusion proof of an audit event in the latest checkpoint',
        params: proofParams,
        response: { 200: inclusionResponse },
      },
    },
    async (request) => {
      const p = await inclusionProofFor(services, request.params.seq);
      return { ...p, proof: [...p.proof], checkpoint: presentCheckpoint(p.checkpoint) };
    },
  );
  app.get(
    '/audit/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency proof between two checkpoints',
        querystring: consistencyQuery,
        response: { 200: consistencyResponse },
      },
    },
    async (request) => {
      const p = await consistencyProofBetween(services, request.query.from, request.query.to);
      return { from: presentCheckpoint(p.from), to: presentCheckpoint(p.to), proof: [...p.proof] };
    },
  );
};

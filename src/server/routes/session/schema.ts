// Request and response schemas for signing in and out and asking who is signed in.

import { z } from 'zod';
import { ROLES } from '../../../core/policy.js';

export const userShape = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  party: z.string().nullable().describe('The party a liaison speaks for'),
  createdAt: z.string(),
  disabled: z.boolean(),
});

export const loginBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const sessionResponse = z.object({
  user: userShape,
  csrfToken: z.string().describe('Send as `x-csrf-token` with every write made with the session cookie'),
  expiresAt: z.string(),
});

export const whoAmIResponse = z.object({
  via: z.enum(['session', 'token']).nullable().describe('null: the anonymous public'),
  user: userShape.nullable(),
  role: z.enum(ROLES).nullable(),
  party: z.string().nullable(),
  csrfToken: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

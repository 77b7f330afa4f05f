// Request and response schemas for signing in and out and asking who is signed in.

import { z } from 'zod';
import { ROLES } from '../../../core/policy.js';
import { exampleOf, inputExampleOf, noContent } from '../../openapi.js';

export const userShape = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  party: z.string().nullable().describe('The party a liaison speaks for'),
  createdAt: z.string(),
  disabled: z.boolean(),
});

/** A desk officer of the mission (the example user of these docs). */
export const USER_EXAMPLE: z.output<typeof userShape> = {
  id: 'd68b4f54-a30b-4465-9bc0-8f731f2ab748',
  email: 'desk@mission.example',
  role: 'monitor',
  party: null,
  createdAt: '2025-03-17T09:30:00.000Z',
  disabled: false,
};

export const loginBody = inputExampleOf(
  z.strictObject({
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(1024),
  }),
  { email: 'desk@mission.example', password: 'correct horse battery staple' },
);

const CSRF_EXAMPLE = 'Lc9nNEujMc5MBvRWqncevXvAex4CfPLwH8WauyxZdaw';

const sessionShape = z.object({
  user: userShape,
  csrfToken: z.string().describe('Send as `x-csrf-token` with every write made with the session cookie'),
  expiresAt: z.string(),
});

export const sessionResponse = exampleOf(sessionShape, {
  user: USER_EXAMPLE,
  csrfToken: CSRF_EXAMPLE,
  expiresAt: '2025-03-18T21:30:00.000Z',
});

const whoAmIShape = z.object({
  via: z.enum(['session', 'token']).nullable().describe('null: the anonymous public'),
  user: userShape.nullable(),
  role: z.enum(ROLES).nullable(),
  party: z.string().nullable(),
  csrfToken: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const whoAmIResponse = exampleOf(whoAmIShape, {
  via: 'session',
  user: USER_EXAMPLE,
  role: 'monitor',
  party: null,
  csrfToken: CSRF_EXAMPLE,
  expiresAt: '2025-03-18T21:30:00.000Z',
});

export const signedOut = noContent('Signed out; the session cookie is cleared');

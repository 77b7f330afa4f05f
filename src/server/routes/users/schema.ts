// Request and response schemas for managing users.

import { z } from 'zod';
import { ROLES } from '../../../core/policy.js';
import { exampleOf, inputExampleOf } from '../../openapi.js';
import { USER_EXAMPLE, userShape } from '../session/schema.js';

const createUserShape = z.strictObject({
  email: z.string().min(3).max(320),
  password: z.string().min(12).max(1024).describe('At least 12 characters; stored only as an argon2id hash'),
  role: z.enum(ROLES),
  party: z.string().min(1).optional().describe('Required for a liaison, refused for any other role'),
});

export const createUserBody = inputExampleOf(createUserShape, {
  email: 'desk@mission.example',
  password: 'correct horse battery staple',
  role: 'monitor',
});

export const userResponse = exampleOf(userShape, USER_EXAMPLE);
export const disabledUserResponse = exampleOf(userShape, { ...USER_EXAMPLE, disabled: true });
export const userListResponse = exampleOf(z.object({ items: z.array(userShape) }), {
  items: [
    USER_EXAMPLE,
    {
      id: '0c1f6a2e-5b7d-4e39-8f14-2a9d6c3b7e50',
      email: 'liaison.ua@mission.example',
      role: 'liaison',
      party: 'UA',
      createdAt: '2025-03-17T09:45:00.000Z',
      disabled: false,
    },
  ],
});

export const userParams = z.strictObject({ idOrEmail: z.string().min(1).max(320) });

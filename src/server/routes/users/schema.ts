// Request and response schemas for managing users.

import { z } from 'zod';
import { ROLES } from '../../../core/policy.js';
import { userShape } from '../session/schema.js';

export const createUserBody = z.strictObject({
  email: z.string().min(3).max(320),
  password: z.string().min(12).max(1024).describe('At least 12 characters; stored only as an argon2id hash'),
  role: z.enum(ROLES),
  party: z.string().min(1).optional().describe('Required for a liaison, refused for any other role'),
});

export const userResponse = userShape;
export const userListResponse = z.object({ items: z.array(userShape) });

export const userParams = z.strictObject({ idOrEmail: z.string().min(1).max(320) });

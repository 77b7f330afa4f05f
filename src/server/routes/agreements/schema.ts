// Request schemas for the agreement routes.

import { z } from 'zod';
import {
  agreementInputSchema,
  agreementPatchSchema,
  readoutInputSchema,
  readoutPatchSchema,
} from '../../../core/schemas.js';

export const agreementParams = z.strictObject({ idOrSlug: z.string().min(1) });
export const readoutParams = z.strictObject({ idOrSlug: z.string().min(1), readout: z.string().min(1) });

export const createAgreementBody = agreementInputSchema;
export const patchAgreementBody = agreementPatchSchema;
export const createReadoutBody = readoutInputSchema;
export const patchReadoutBody = readoutPatchSchema;

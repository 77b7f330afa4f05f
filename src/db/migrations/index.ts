// Every migration, by name. Names are `YYYYMMDD-NN-slug`; a landed migration is never edited.

import type { Migration } from 'kysely';
import * as foundation from './20261125-01-foundation.js';

export const migrations: Record<string, Migration> = {
  '20261125-01-foundation': foundation,
};

// Every migration, by name. Names are `YYYYMMDD-NN-slug`; a landed migration is never edited.

import type { Migration } from 'kysely';
import * as foundation from './20261125-01-foundation.js';
import * as frontline from './20261126-01-frontline.js';
import * as incidentGeography from './20261126-02-incident-geography.js';
import * as auditCheckpoints from './20261126-03-audit-checkpoints.js';
import * as accounts from './20261126-04-accounts.js';
import * as verification from './20261127-01-verification.js';
import * as exchanges from './20261128-01-exchanges.js';
import * as expertGroups from './20261128-02-expert-groups.js';
import * as bulletins from './20261128-03-bulletins.js';
import * as corrections from './20261128-04-corrections.js';
import * as webhooks from './20261129-01-webhooks.js';
import * as readIndexes from './20261201-01-read-indexes.js';
import * as verdictRank from './20261202-01-verdict-rank.js';

export const migrations: Record<string, Migration> = {
  '20261125-01-foundation': foundation,
  '20261126-01-frontline': frontline,
  '20261126-02-incident-geography': incidentGeography,
  '20261126-03-audit-checkpoints': auditCheckpoints,
  '20261126-04-accounts': accounts,
  '20261127-01-verification': verification,
  '20261128-01-exchanges': exchanges,
  '20261128-02-expert-groups': expertGroups,
  '20261128-03-bulletins': bulletins,
  '20261128-04-corrections': corrections,
  '20261129-01-webhooks': webhooks,
  '20261201-01-read-indexes': readIndexes,
  '20261202-01-verdict-rank': verdictRank,
};

// Loading the March 2025 demo scenario. Idempotent: what is already stored unchanged is left alone, so a
// second load writes nothing and adds no audit events.

import { digest } from '../core/audit.js';
import { groupSeedSchema } from '../core/expert-group-inputs.js';
import type { Actor } from '../core/policy.js';
import {
  agreementInputSchema,
  incidentInputSchema,
  partyInputSchema,
  sourceInputSchema,
} from '../core/schemas.js';
import { findAgreement } from '../db/agreements.js';
import { findFindingRecord } from '../db/findings.js';
import { findIncidentIdByRef } from '../db/incidents.js';
import { getMeta, setMeta } from '../db/meta.js';
import { demoAgreements } from '../demo/agreements.js';
import { demoBulletins } from '../demo/bulletins.js';
import { demoFindings } from '../demo/findings.js';
import { demoIncidents } from '../demo/incidents.js';
import { demoParties } from '../demo/parties.js';
import { demoSources } from '../demo/sources.js';
import { demoExchanges } from '../demo/exchanges.js';
import { demoGroups } from '../demo/expert-groups.js';
import { agreementAsInput, createAgreement, replaceAgreement } from './agreements.js';
import { seedBulletins } from './bulletins.js';
import type { Services } from './context.js';
import { loadExchangeSeeds } from './exchanges.js';
import { seedGroup } from './expert-groups.js';
import { changeFinding } from './findings.js';
import { createIncident } from './incidents.js';
import { saveParty, saveSource } from './reference.js';

export interface DemoReport {
  readonly parties: number;
  readonly sources: number;
  readonly agreements: number;
  readonly incidents: number;
}

const DEMO_ACTOR: Actor = { kind: 'system', name: 'demo' };
const LOADED_KEY = 'demo.loadedAt';

/** Loads (or brings up to date) the demo scenario; returns how many records of each kind it wrote. */
export async function loadDemo(services: Services): Promise<DemoReport> {
  let parties = 0;
  let sources = 0;
  let agreements = 0;
  let incidents = 0;
  for (const seed of demoParties) {
    if (await saveParty(services, DEMO_ACTOR, partyInputSchema.parse(seed))) parties++;
  }
  for (const seed of demoSources) {
    if (await saveSource(services, DEMO_ACTOR, sourceInputSchema.parse(seed))) sources++;
  }
  for (const seed of demoAgreements) {
    const input = agreementInputSchema.parse(seed);
    const stored = await findAgreement(services.db.kysely, input.slug);
    if (!stored) {
      await createAgreement(services, DEMO_ACTOR, input);
      agreements++;
    } else if (digest(agreementAsInput(stored)) !== digest(input)) {
      await replaceAgreement(services, DEMO_ACTOR, input);
      agreements++;
    }
  }
  for (const seed of demoIncidents) {
    const input = incidentInputSchema.parse(seed);
    if (input.ref && (await findIncidentIdByRef(services.db.kysely, input.ref))) continue;
    await createIncident(services, DEMO_ACTOR, input);
    incidents++;
  }
  // The mission's assessment, applied only where nobody has touched the finding yet (each incident's changes in
  // one transaction), so a second load, or one after a verifier's own changes, writes nothing.
  let findings = 0;
  for (const seed of demoFindings) {
    const id = await findIncidentIdByRef(services.db.kysely, seed.incident);
    if (id === null || (await findFindingRecord(services.db.kysely, id)) !== null) continue;
    await changeFinding(services, DEMO_ACTOR, id, seed.changes);
    findings++;
  }
  // The prisoner exchanges of 19 March and 19 April, with each announcement as its own claim.
  const exchanges = await loadExchangeSeeds(services, DEMO_ACTOR, demoExchanges);
  // The expert groups of March 2025, with their meetings, decisions and issues.
  let groups = 0;
  for (const seed of demoGroups) groups += await seedGroup(services, DEMO_ACTOR, groupSeedSchema.parse(seed));
  // Two bulletins, drafted from the data above, lightly edited and published.
  const bulletins = await seedBulletins(services, DEMO_ACTOR, demoBulletins);
  // A load that changed nothing leaves the database as it was, this mark included.
  if (
    parties + sources + agreements + incidents + findings + exchanges + groups + bulletins > 0 ||
    !(await demoLoaded(services))
  ) {
    await setMeta(services.db.kysely, LOADED_KEY, services.now().toISOString());
  }
  return { parties, sources, agreements, incidents };
}

/** Whether the demo has ever been loaded into this database. */
export async function demoLoaded(services: Services): Promise<boolean> {
  return (await getMeta(services.db.kysely, LOADED_KEY)) !== null;
}

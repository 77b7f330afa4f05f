// Indexes for the public reads at scale (docs/PERFORMANCE.md, "The public API under load"): each one matches a
// filter and an order the listings, counts, the compliance summary and the OGC pages use, so that a page reads
// a few index entries and a count reads an index rather than the (wide) rows.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Listings, newest first with ties by id (the default order): read in index order and stopped at the page's
  // end; published_at in the index decides visibility without reading the row.
  await db.schema
    .createIndex('incidents_recent')
    .on('incidents')
    .columns(['occurred_utc desc', 'id', 'published_at'])
    .execute();
  // Boxes on the map and the OGC API (the public's test starts with the kind of disclosure), and counts of them
  // read from the index alone.
  await db.schema
    .createIndex('incidents_location')
    .on('incidents')
    .columns(['location_disclosure', 'lat', 'lon', 'published_at', 'occurred_utc', 'id'])
    .execute();
  // An agreement's incidents under one verdict (the listing's and the summary's filter), from the index alone;
  // it supersedes (agreement_id, verdict).
  await db.schema
    .createIndex('screenings_agreement_verdict')
    .on('screenings')
    .columns(['agreement_id', 'verdict', 'incident_id'])
    .execute();
  await db.schema.dropIndex('screenings_agreement').execute();
  // An incident's verdicts (its rank, most serious first) without reading the screening rows and their readouts.
  await db.schema
    .createIndex('screenings_incident_verdict')
    .on('screenings')
    .columns(['incident_id', 'agreement_id', 'verdict'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('screenings_incident_verdict').execute();
  await db.schema
    .createIndex('screenings_agreement')
    .on('screenings')
    .columns(['agreement_id', 'verdict'])
    .execute();
  await db.schema.dropIndex('screenings_agreement_verdict').execute();
  await db.schema.dropIndex('incidents_location').execute();
  await db.schema.dropIndex('incidents_recent').execute();
}

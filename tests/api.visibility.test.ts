// What each reader sees of incidents, on every engine: the public only published incidents, as their public
// copy (reporter and exact location withheld where the record says so); a liaison also the unpublished
// incidents that concern their party, still as the public copy; the mission's staff the sealed record.

import { beforeAll, describe, expect, it } from 'vitest';
import { markIncidentPublished } from '../src/db/incidents.js';
import { actingAs } from './support/accounts.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type ErrorReply, type IncidentDetail, type IncidentPage } from './support/requests.js';

interface Sealed extends IncidentDetail {
  reportedBy: string | null;
  publishedAt: string | null;
  locationName: string | null;
  disclosure: { reporter: string; location: string };
  geography: { distanceKm: number } | null;
  suggestedTarget: unknown;
}

// June 2024: outside every demo incident, so a date filter isolates this file's incidents.
const JUNE = 'from=2024-06-01&to=2024-06-30';
const SUBSTATION = { lon: 36.2304, lat: 49.9935 };

describeEachEngine('incident visibility', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);
  let published: Sealed;
  let blurred: Sealed;
  let withheld: Sealed;
  let unpublished: Sealed;

  async function file(overrides: Parameters<typeof incidentInput>[0]): Promise<Sealed> {
    const res = await api.post<Sealed>('/api/v1/incidents', incidentInput(overrides));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function publish(incident: Sealed): Promise<void> {
    await markIncidentPublished(h.services.db.kysely, incident.id, '2024-06-12T00:00:00.000Z');
  }

  beforeAll(async () => {
    published = await file({ title: 'Published, exact', location: SUBSTATION, locationName: 'Kharkiv' });
    blurred = await file({
      title: 'Published, blurred',
      location: SUBSTATION,
      locationName: 'Kharkiv',
      disclosure: { reporter: 'withheld', location: 'blurred' },
    });
    withheld = await file({
      title: 'Published, withheld',
      location: SUBSTATION,
      locationName: 'Kharkiv',
      admin2: 'Kharkivskyi',
      disclosure: { reporter: 'shown', location: 'withheld' },
    });
    unpublished = await file({ title: 'Not yet published' });
    for (const incident of [published, blurred, withheld]) await publish(incident);
  });

  describe('the public', () => {
    it('lists only published incidents', async () => {
      const page = await api.getPublic<IncidentPage>(`/api/v1/incidents?${JUNE}&limit=100`);
      expect(page.status).toBe(200);
      expect(page.body.items.map((i) => i.title).sort()).toEqual(
        ['Published, blurred', 'Published, exact', 'Published, withheld'].sort(),
      );
      expect(page.body.total).toBe(3);
    });

    it('is told an unpublished incident does not exist: 404, as for an unknown id', async () => {
      const res = await api.getPublic<ErrorReply>(`/api/v1/incidents/${unpublished.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('INCIDENT_NOT_FOUND');
    });

    it('never sees who reported an incident unless the record shows it', async () => {
      const exact = await api.getPublic<Sealed>(`/api/v1/incidents/${published.id}`);
      expect(exact.body.reportedBy).toBeNull();
      const shown = await api.getPublic<Sealed>(`/api/v1/incidents/${withheld.id}`);
      expect(shown.body.reportedBy).toBe(withheld.reportedBy);
      expect(shown.body.reportedBy).not.toBeNull();
    });

    it('sees an exact location as filed', async () => {
      const res = await api.getPublic<Sealed>(`/api/v1/incidents/${published.id}`);
      expect(res.body.location).toEqual(SUBSTATION);
      expect(res.body.locationName).toBe('Kharkiv');
    });

    it('sees a blurred location at the centre of its tenth-of-a-degree cell, without place names or a facility', async () => {
      const res = await api.getPublic<Sealed>(`/api/v1/incidents/${blurred.id}`);
      expect(res.body.location).toEqual({ lon: 36.25, lat: 49.95 });
      expect(res.body.locationName).toBeNull();
      expect(res.body.suggestedTarget).toBeNull();
    });

    it('sees no location at all where it is withheld, nor anything derived from it', async () => {
      const res = await api.getPublic<Sealed>(`/api/v1/incidents/${withheld.id}`);
      expect(res.body.location).toBeNull();
      expect(res.body.locationName).toBeNull();
      expect(res.body.geography).toBeNull();
      expect(res.body.suggestedTarget).toBeNull();
      const listed = await api.getPublic<IncidentPage>(`/api/v1/incidents?${JUNE}&limit=100`);
      const row = listed.body.items.find((i) => i.id === withheld.id);
      expect(row?.location).toBeNull();
    });
  });

  describe('the mission staff', () => {
    it('see unpublished incidents and the sealed record: reporter and exact location', async () => {
      const { headers } = await actingAs(h, 'analyst');
      const list = await h.app.inject({ method: 'GET', url: `/api/v1/incidents?${JUNE}&limit=100`, headers });
      expect(list.json<IncidentPage>().total).toBe(4);
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/incidents/${withheld.id}`, headers });
      const sealed = res.json<Sealed>();
      expect(sealed.location).toEqual(SUBSTATION);
      expect(sealed.locationName).toBe('Kharkiv');
      // The harness's admin token belongs to no user: the token is the reporter.
      expect(sealed.reportedBy).toMatch(/^token:/);
      expect(sealed.disclosure).toEqual({ reporter: 'shown', location: 'withheld' });
    });
  });

  describe('a liaison', () => {
    it('of the accused party sees an unpublished incident against it, as the public copy', async () => {
      const { headers } = await actingAs(h, 'liaison', 'RU');
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/incidents/${unpublished.id}`, headers });
      expect(res.statusCode).toBe(200);
      expect(res.json<Sealed>().reportedBy).toBeNull();
      const list = await h.app.inject({ method: 'GET', url: `/api/v1/incidents?${JUNE}&limit=100`, headers });
      expect(list.json<IncidentPage>().items.map((i) => i.id)).toContain(unpublished.id);
      const blurredCopy = await h.app.inject({
        method: 'GET',
        url: `/api/v1/incidents/${blurred.id}`,
        headers,
      });
      expect(blurredCopy.json<Sealed>().location).toEqual({ lon: 36.25, lat: 49.95 });
    });

    it('of a party it does not concern is told it does not exist, and does not see it listed', async () => {
      const { headers } = await actingAs(h, 'liaison', 'US');
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/incidents/${unpublished.id}`, headers });
      expect(res.statusCode).toBe(404);
      const list = await h.app.inject({ method: 'GET', url: `/api/v1/incidents?${JUNE}&limit=100`, headers });
      expect(list.json<IncidentPage>().items.map((i) => i.id)).not.toContain(unpublished.id);
      expect(list.json<IncidentPage>().total).toBe(3);
    });
  });
});

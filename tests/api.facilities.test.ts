// The energy facilities layer over HTTP: the shipped WRI power plants as GeoJSON, and suggestions near a point.

import { expect, it } from 'vitest';
import { partyInputSchema } from '../src/core/schemas.js';
import { saveParty } from '../src/services/reference.js';
import { describeEachEngine } from './support/engines.js';
import { incidentInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client } from './support/requests.js';

interface Suggestion {
  suggestion: {
    facility: { id: string; name: string; primaryFuel: string; target: string };
    distanceKm: number;
  } | null;
  radiusKm: number;
}

interface Collection {
  type: string;
  attribution: string;
  features: {
    type: string;
    id: string;
    geometry: { type: string; coordinates: [number, number] };
    properties: { name: string; target: string };
  }[];
}

describeEachEngine('the energy facilities layer', (engine) => {
  const h = useApp(engine);

  const get = <T>(url: string) => client(h).get<T>(url);

  it('lists every shipped power plant as an RFC 7946 FeatureCollection with attribution', async () => {
    const { status, body, headers } = await get<Collection>('/api/v1/facilities');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(body.type).toBe('FeatureCollection');
    expect(body.attribution).toContain('Global Power Plant Database');
    expect(body.features).toHaveLength(64);
    for (const f of body.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect([f.type, f.geometry.type]).toEqual(['Feature', 'Point']);
      expect(lon).toBeGreaterThan(22);
      expect(lon).toBeLessThan(41);
      expect(lat).toBeGreaterThan(44);
      expect(lat).toBeLessThan(53);
    }
    const npp = body.features.find((f) => f.properties.name === 'Zaporozhye');
    expect(npp?.properties.target).toBe('infrastructure.energy.nuclear-plant');
  });

  it('suggests the Zaporizhzhia nuclear plant for a point 2 km away, within the default 5 km', async () => {
    const { status, body } = await get<Suggestion>('/api/v1/facilities/suggest?lon=34.58&lat=47.53');
    expect(status).toBe(200);
    expect(body.radiusKm).toBe(5);
    expect(body.suggestion?.facility).toMatchObject({
      id: 'WRI1005114',
      primaryFuel: 'Nuclear',
      target: 'infrastructure.energy.nuclear-plant',
    });
    expect(body.suggestion?.distanceKm).toBeGreaterThan(1.5);
    expect(body.suggestion?.distanceKm).toBeLessThan(2.5);
  });

  it('answers null when no facility is within the radius, and honours a wider one', async () => {
    const kyiv = 'lon=30.52&lat=50.45';
    expect((await get<Suggestion>(`/api/v1/facilities/suggest?${kyiv}`)).body.suggestion).toBeNull();
    const wide = await get<Suggestion>(`/api/v1/facilities/suggest?${kyiv}&radiusKm=50`);
    expect(wide.body.suggestion).not.toBeNull();
  });

  it('refuses a missing or out-of-range coordinate, naming the field', async () => {
    const { status, body } = await get<{ error: { code: string; details: { issues: { path: string }[] } } }>(
      '/api/v1/facilities/suggest?lon=200&lat=47',
    );
    expect(status).toBe(400);
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['query.lon']);
  });

  it('offers the nearest facility as the suggested target of an incident filed beside it, and none far away', async () => {
    // A fresh database has no parties; the incident names RU as its perpetrator.
    await saveParty(
      h.services,
      { kind: 'system', name: 'test' },
      partyInputSchema.parse({ code: 'RU', name: 'Russia', kind: 'state' }),
    );
    const api = client(h);
    const near = await api.post<{ suggestedTarget: { facility: { name: string; target: string } } | null }>(
      '/api/v1/incidents',
      incidentInput({ location: { lon: 34.59, lat: 47.51 }, perpetrator: 'RU', allegations: [] }),
    );
    expect(near.status).toBe(201);
    expect(near.body.suggestedTarget?.facility).toMatchObject({
      name: 'Zaporozhye',
      target: 'infrastructure.energy.nuclear-plant',
    });
    const far = await api.post<{ suggestedTarget: unknown }>(
      '/api/v1/incidents',
      incidentInput({ location: { lon: 31.0, lat: 49.5 }, perpetrator: 'RU', allegations: [] }),
    );
    expect(far.body.suggestedTarget).toBeNull();
  });
});

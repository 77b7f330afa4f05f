// Provisions with areas through the API on every engine: an agreement with area provisions is accepted, an
// unknown oblast is a 422 naming the field, and POST /screen applies the areas to drafts with locations.

import { expect, it } from 'vitest';
import { importSnapshot } from '../src/services/frontline.js';
import { describeEachEngine } from './support/engines.js';
import { frontlineFile, readData, realDataAvailable } from './support/real-data.js';
import { agreementInput, provisionInput, readoutInput, unique } from './support/factories.js';
import { useApp } from './support/harness.js';
import { client, type ErrorReply } from './support/requests.js';

interface ScreenReply {
  results: {
    agreement: { slug: string };
    verdict: string;
    readouts: { result: string; predicate: string | null; reason: string; provision?: { key: string } }[];
  }[];
}

/** A square around Kherson city, as a GeoJSON Polygon. */
const khersonSquare = {
  type: 'Polygon',
  coordinates: [
    [
      [32.4, 46.5],
      [32.8, 46.5],
      [32.8, 46.8],
      [32.4, 46.8],
      [32.4, 46.5],
    ],
  ],
};

describeEachEngine('areas in provisions', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  /** Creates an agreement whose one readout has one provision with this area; returns its slug. */
  async function agreementWithArea(area: unknown): Promise<string> {
    const slug = unique('areas');
    const res = await api.post('/api/v1/agreements', {
      ...agreementInput({ slug }),
      readouts: [readoutInput({ provisions: [{ ...provisionInput(), area }] })],
    });
    expect(res.status).toBe(201);
    return slug;
  }

  async function screen(slug: string, location: { lon: number; lat: number } | null) {
    const res = await api.post<ScreenReply>('/api/v1/screen', {
      occurredAt: '2024-06-10T10:00:00+03:00',
      act: 'drone-strike',
      target: 'infrastructure.energy.substation',
      perpetrator: 'RU',
      location,
    });
    expect(res.status).toBe(200);
    const result = res.body.results.find((r) => r.agreement.slug === slug);
    return result?.readouts[0];
  }

  it('stores a polygon area and shows it on the agreement as given', async () => {
    const slug = await agreementWithArea({ kind: 'polygon', geometry: khersonSquare });
    const res = await api.get<{ readouts: { provisions: { area: unknown }[] }[] }>(
      `/api/v1/agreements/${slug}`,
    );
    expect(res.body.readouts[0]?.provisions[0]?.area).toEqual({ kind: 'polygon', geometry: khersonSquare });
  });

  it('covers a strike inside a polygon and not one outside it', async () => {
    const slug = await agreementWithArea({ kind: 'polygon', geometry: khersonSquare });
    expect((await screen(slug, { lon: 32.61, lat: 46.64 }))?.result).toBe('covered');
    const outside = await screen(slug, { lon: 30.52, lat: 50.45 });
    expect([outside?.result, outside?.predicate]).toEqual(['not-covered', 'area']);
  });

  it('covers a strike at sea under the Black Sea and not one on land', async () => {
    const slug = await agreementWithArea({ kind: 'black-sea' });
    expect((await screen(slug, { lon: 30.8, lat: 46.48 }))?.result).toBe('covered');
    expect((await screen(slug, { lon: 32.61, lat: 46.64 }))?.result).toBe('not-covered');
  });

  it('is unknown for a draft without coordinates, naming the area', async () => {
    const slug = await agreementWithArea({ kind: 'polygon', geometry: khersonSquare });
    const readout = await screen(slug, null);
    expect([readout?.result, readout?.predicate]).toEqual(['unknown', 'area']);
    expect(readout?.reason).toContain('no coordinates');
  });

  it('stores oblast names as ISO codes', async () => {
    const slug = await agreementWithArea({ kind: 'admin', codes: ['Kherson', 'Запорізька область'] });
    const res = await api.get<{ readouts: { provisions: { area: unknown }[] }[] }>(
      `/api/v1/agreements/${slug}`,
    );
    expect(res.body.readouts[0]?.provisions[0]?.area).toEqual({ kind: 'admin', codes: ['UA-65', 'UA-23'] });
  });

  it('refuses an unknown oblast with a 422 naming the field, and writes nothing', async () => {
    const res = await api.post<ErrorReply>('/api/v1/agreements', {
      ...agreementInput({ slug: unique('areas') }),
      readouts: [
        readoutInput({ provisions: [{ ...provisionInput(), area: { kind: 'admin', codes: ['Atlantis'] } }] }),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ADMIN_AREA_UNKNOWN');
    expect(res.body.error.details.issues?.[0]?.path).toBe('readouts.0.provisions.0.area.codes.0');
  });

  it('refuses a polygon whose ring is not closed with a 400 naming the ring', async () => {
    const open = { type: 'Polygon', coordinates: [khersonSquare.coordinates[0]?.slice(0, 4)] };
    const res = await api.post<ErrorReply>('/api/v1/agreements', {
      ...agreementInput({ slug: unique('areas') }),
      readouts: [
        readoutInput({ provisions: [{ ...provisionInput(), area: { kind: 'polygon', geometry: open } }] }),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues?.[0]?.path).toBe(
      'readouts.0.provisions.0.area.geometry.coordinates.0',
    );
  });

  it('accepts the shorthand { withinKmOfLine: 30 } and stores it as within-km-of-line', async () => {
    const slug = await agreementWithArea({ withinKmOfLine: 30 });
    const res = await api.get<{ readouts: { provisions: { area: unknown }[] }[] }>(
      `/api/v1/agreements/${slug}`,
    );
    expect(res.body.readouts[0]?.provisions[0]?.area).toEqual({ kind: 'within-km-of-line', km: 30 });
  });

  // The geography issue's done-when case end to end: POST /screen derives the draft's geography from the
  // snapshot in force. The real line of 18 March 2025 is imported here as the one in force from 1 June 2024,
  // the start of the factory agreement's window.
  it('covers a strike 10 km behind the line under withinKmOfLine: 30, and not one 200 km away', async (ctx) => {
    if (!realDataAvailable('the within-km-of-line screening test')) ctx.skip();
    await importSnapshot(
      h.services,
      { kind: 'system', name: 'test' },
      {
        text: readData(frontlineFile('20250318')),
        date: '2024-06-01',
        source: 'DeepStateMap (test)',
      },
    );
    const slug = await agreementWithArea({ withinKmOfLine: 30 });
    const near = await screen(slug, { lon: 35.79, lat: 47.57 }); // Orikhiv, a few km behind the line
    expect(near?.result).toBe('covered');
    const far = await screen(slug, { lon: 32.26, lat: 48.51 }); // Kropyvnytskyi, some 200 km away
    expect([far?.result, far?.predicate]).toEqual(['not-covered', 'area']);
  });
});

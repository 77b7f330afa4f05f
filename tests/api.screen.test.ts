// POST /api/v1/screen against the demo moratorium, on every engine.

import { describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { useApp } from './support/harness.js';

interface ScreenResponse {
  results: {
    agreement: { id: string; slug: string; title: string };
    verdict: string;
    readouts: {
      id: string;
      key: string;
      issuedBy: string;
      result: string;
      provision?: { key: string };
      reason: string;
    }[];
  }[];
}

describeEachEngine('POST /api/v1/screen', (engine) => {
  const h = useApp(engine, { demo: true });

  async function screen(body: Record<string, unknown>) {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/screen', payload: body });
    return { status: res.statusCode, body: res.json<ScreenResponse>() };
  }

  function moratorium(body: ScreenResponse) {
    return body.results.find((r) => r.agreement.slug === 'energy-moratorium-2025-03');
  }

  const base = {
    occurredAt: '2025-03-28T10:00:00+02:00',
    act: 'drone-strike',
    target: 'infrastructure.energy.substation',
    perpetrator: 'RU',
    location: { lon: 34.8, lat: 50.9 },
  };

  it('answers the example body of the API description with a covered verdict', async () => {
    const { status, body } = await screen(base);
    expect(status).toBe(200);
    const result = moratorium(body);
    expect(result?.verdict).toBe('covered');
    expect(result?.agreement.title).toMatch(/moratorium/);
    expect(result?.readouts).toHaveLength(4);
    for (const r of result?.readouts ?? []) {
      expect(r.result).toBe('covered');
      expect(r.provision?.key).toMatch(/^P\d$/);
      expect(r.reason).not.toBe('');
    }
  });

  it('contests a missile strike on a railway station on 28 March, covered only by the White House readout', async () => {
    const { body } = await screen({
      ...base,
      act: 'missile-strike',
      target: 'infrastructure.transport.rail',
    });
    const result = moratorium(body);
    expect(result?.verdict).toBe('contested');
    expect(result?.readouts.filter((r) => r.result === 'covered').map((r) => r.issuedBy)).toEqual(['US']);
  });

  it('contests a substation strike on 20 March: inside Russia’s window, before Ukraine’s', async () => {
    const { body } = await screen({ ...base, occurredAt: '2025-03-20T12:00:00+02:00' });
    const result = moratorium(body);
    expect(result?.verdict).toBe('contested');
    expect(result?.readouts.find((r) => r.issuedBy === 'UA')?.result).toBe('not-covered');
  });

  it('finds the moratorium no longer in force on 1 May', async () => {
    const { body } = await screen({ ...base, occurredAt: '2025-05-01T10:00:00+03:00' });
    expect(moratorium(body)).toBeUndefined();
  });

  it('is unknown for a strike with no target', async () => {
    const { target: _target, ...noTarget } = base;
    const { body } = await screen(noTarget);
    expect(moratorium(body)?.verdict).toBe('unknown');
  });

  describe('bad drafts', () => {
    it('names an unknown field', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/screen',
        payload: { ...base, colour: 'red' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'colour' }] } },
      });
    });

    it('names an unknown target code', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/screen',
        payload: { ...base, target: 'infrastructure.moon' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toContain('target');
    });

    it('names an unknown party with a 422', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/screen',
        payload: { ...base, perpetrator: 'XX' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        error: { code: 'PARTY_UNKNOWN', details: { issues: [{ path: 'perpetrator' }] } },
      });
    });

    it('rejects malformed JSON with 400, not 500', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/screen',
        headers: { 'content-type': 'application/json' },
        payload: '{"occurredAt": ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    });

    it('rejects an impossible date', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/screen',
        payload: { ...base, occurredAt: '2025-02-30' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { details: { issues: [{ path: 'occurredAt' }] } } });
    });
  });
});

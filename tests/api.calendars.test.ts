// The iCalendar files of agreement windows on every engine, on the demo, each parsed by a real iCalendar parser
// (ical.js): one event per readout, so that the moratorium's 18 March and 25 March starts are two events; all-day
// events for windows stated in days, UTC times for one stated to the minute; the status from the lifecycle and
// preconditions; UIDs that stay while a window's start stays.

import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from './support/engines.js';
import { agreementInput, readoutInput } from './support/factories.js';
import { useApp } from './support/harness.js';
import { type AgreementDetail, client, type ErrorReply, storedCounts } from './support/requests.js';

const ORIGIN = 'http://calendars.test';
const MORATORIUM = 'energy-moratorium-2025-03';

interface Event {
  uid: string;
  summary: string;
  start: string;
  startIsDate: boolean;
  end: string | null;
  status: string;
  url: string;
  sequence: number;
  description: string;
}

describeEachEngine('iCalendar of agreement windows', (engine) => {
  const h = useApp(engine, { demo: true });
  const api = client(h);

  async function get(url: string, headers: Record<string, string> = {}) {
    return h.app.inject({ method: 'GET', url, headers: { host: 'calendars.test', ...headers } });
  }

  /** A calendar as a calendar app gets it: 200, iCalendar's media type, parsed by ical.js. */
  async function calendar(url: string): Promise<{ body: string; events: Event[]; calendar: ICAL.Component }> {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const root = new ICAL.Component(ICAL.parse(res.body) as unknown[]);
    expect(root.name).toBe('vcalendar');
    const events = root.getAllSubcomponents('vevent').map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toString(),
        startIsDate: event.startDate.isDate,
        end: component.hasProperty('dtend') ? event.endDate.toString() : null,
        status: String(component.getFirstPropertyValue('status')),
        url: String(component.getFirstPropertyValue('url')),
        sequence: Number(component.getFirstPropertyValue('sequence')),
        description: event.description,
      };
    });
    return { body: res.body, events, calendar: root };
  }

  const of = (events: readonly Event[], slug: string) =>
    events.filter((e) => e.url === `${ORIGIN}/agreements/${slug}`);

  describe('every agreement', () => {
    it('is a published calendar with one event per readout that states a start', async () => {
      const { events, calendar: root } = await calendar('/api/v1/calendars/agreements.ics');
      expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(root.getFirstPropertyValue('prodid')).toBe('-//Truceline//Agreement windows//EN');
      expect(of(events, MORATORIUM)).toHaveLength(4);
      expect(of(events, 'black-sea-2025-03')).toHaveLength(3);
      expect(of(events, 'easter-truce-2025-04')).toHaveLength(1);
      // The Jeddah proposal's readouts put its terms in force at no date.
      expect(of(events, 'jeddah-ceasefire-proposal-2025-03')).toEqual([]);
      expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    });

    it('shows the moratorium from 18 March under three readouts and from 25 March under Ukraine’s', async () => {
      const events = of((await calendar('/api/v1/calendars/agreements.ics')).events, MORATORIUM);
      const byIssuer = events
        .map((e) => [e.summary.replace(/^.* — /, ''), e.start, e.end, e.startIsDate, e.status])
        .sort();
      expect(byIssuer).toEqual([
        ['Ministry of Foreign Affairs of Ukraine, 2025-03-25', '2025-03-25', '2025-04-17', true, 'CONFIRMED'],
        ['The Kremlin, 2025-03-18', '2025-03-18', '2025-04-17', true, 'CONFIRMED'],
        ['The Kremlin, 2025-03-25', '2025-03-18', '2025-04-17', true, 'CONFIRMED'],
        ['The White House, 2025-03-18', '2025-03-18', '2025-04-17', true, 'CONFIRMED'],
      ]);
      for (const e of events) {
        expect(e.summary).toMatch(/^30-day moratorium on strikes on energy infrastructure — /);
        expect(e.description).toContain('Other readouts start:');
      }
      const ukraine = events.find((e) => e.start === '2025-03-25');
      expect(ukraine?.description).toContain('Window as stated: from 2025-03-25 (UTC+02:00), no end stated.');
      expect(ukraine?.description).toContain('cut short: expired 2025-04-17');
    });

    it('gives a window stated to the minute in UTC times, and a held-back one as tentative', async () => {
      const { events } = await calendar('/api/v1/calendars/agreements.ics');
      const [easter] = of(events, 'easter-truce-2025-04');
      expect(easter).toMatchObject({
        start: '2025-04-19T15:00:00Z',
        end: '2025-04-20T21:00:00Z',
        startIsDate: false,
        status: 'CONFIRMED',
      });
      const blackSea = of(events, 'black-sea-2025-03');
      const kremlin = blackSea.find((e) => e.summary.includes('The Kremlin'));
      expect(kremlin).toMatchObject({ status: 'TENTATIVE', start: '2025-03-25', end: null });
      expect(kremlin?.summary).toMatch(/\(not in force\)$/);
      expect(kremlin?.description).toContain('not in force until a precondition is met');
      const white = blackSea.filter((e) => e.summary.includes('The White House'));
      expect(white.map((e) => [e.status, e.start, e.end])).toEqual([
        ['CONFIRMED', '2025-03-25', null],
        ['CONFIRMED', '2025-03-25', null],
      ]);
    });

    it('names the agreement and readout in every UID, the same on every request, with ETag and 304', async () => {
      const first = await calendar('/api/v1/calendars/agreements.ics');
      const again = await get('/api/v1/calendars/agreements.ics');
      expect(again.body).toBe(first.body);
      const agreement = await api.getPublic<AgreementDetail>(`/api/v1/agreements/${MORATORIUM}`);
      const uids = of(first.events, MORATORIUM).map((e) => e.uid);
      for (const readout of agreement.body.readouts)
        expect(uids.filter((u) => u.startsWith(`${agreement.body.id}.${readout.id}.`))).toHaveLength(1);
      const cached = await get('/api/v1/calendars/agreements.ics', {
        'if-none-match': String(again.headers.etag),
      });
      expect(cached.statusCode).toBe(304);
    });
  });

  describe('one agreement', () => {
    it('holds its own events only, by slug or id, and links back to its page', async () => {
      const one = await calendar(`/api/v1/calendars/agreements/${MORATORIUM}.ics`);
      const { events, body } = one;
      expect(events).toHaveLength(4);
      expect(of(events, MORATORIUM)).toHaveLength(4);
      expect(one.calendar.getFirstPropertyValue('url')).toBe(
        `${ORIGIN}/api/v1/calendars/agreements/${MORATORIUM}.ics`,
      );
      expect(one.calendar.getFirstPropertyValue('x-wr-calname')).toBe(
        '30-day moratorium on strikes on energy infrastructure (Truceline)',
      );
      const agreement = await api.getPublic<AgreementDetail>(`/api/v1/agreements/${MORATORIUM}`);
      const byId = await calendar(`/api/v1/calendars/agreements/${agreement.body.id}.ics`);
      expect(byId.body).toBe(body);
    });

    it('changes the UID of a readout whose start moves, and no other, and counts the revision', async () => {
      const input = agreementInput({
        readouts: [readoutInput({ key: 'first' }), readoutInput({ key: 'second', issuedBy: 'RU' })],
      });
      const created = await api.post<AgreementDetail>('/api/v1/agreements', input);
      expect(created.status).toBe(201);
      const url = `/api/v1/calendars/agreements/${created.body.slug}.ics`;
      const before = (await calendar(url)).events;
      const moved = await api.patch(`/api/v1/agreements/${created.body.slug}/readouts/second`, {
        window: { start: { at: '2024-06-03T00:00:00+03:00', precision: 'day' }, durationDays: 10 },
      });
      expect(moved.status).toBe(200);
      const after = (await calendar(url)).events;
      expect(after.map((e) => e.start)).toEqual(['2024-06-01', '2024-06-03']);
      expect(after[0]?.uid).toBe(before[0]?.uid);
      expect(after[1]?.uid).not.toBe(before[1]?.uid);
      expect(after[0]?.sequence).toBe((before[0]?.sequence ?? 0) + 1);
    });

    it('answers an unknown agreement with a JSON 404 naming it, writing nothing', async () => {
      const counts = await storedCounts(h);
      const res = await get('/api/v1/calendars/agreements/no-such-agreement.ics');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json<ErrorReply>();
      expect(body.error.code).toBe('AGREEMENT_NOT_FOUND');
      expect(body.error.details.issues?.[0]?.path).toBe('params.slug');
      expect(await storedCounts(h)).toEqual(counts);
    });
  });
});

// Request schemas of the feeds and calendars, and their responses: Atom and iCalendar text, with examples from
// the demo (the energy moratorium of March 2025).

import { z } from 'zod';
import { partyCodeSchema } from '../../../core/schemas.js';
import { textResponse } from '../../openapi.js';

const agreement = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('Agreement id or slug: only what concerns it (404 when no agreement has it)');
const party = partyCodeSchema
  .optional()
  .describe('Party code (`UA`): only what concerns that party (400 when no party has it)');

/** `?agreement=` and `?party=`; any other parameter is refused, so that a mistyped filter is not ignored. */
export const findingsFeedQuery = z.strictObject({
  agreement,
  party: party.describe('Alleged perpetrator (`UA`), as in `GET /incidents?party=`; 400 when unknown'),
});
export const bulletinsFeedQuery = z.strictObject({
  agreement: agreement.describe('Agreement id or slug: the bulletins whose published text links to it'),
});
export const agreementsFeedQuery = z.strictObject({
  agreement,
  party: party.describe('Party code: the agreements it is a party to or mediates; 400 when unknown'),
});

export const calendarParams = z.strictObject({
  slug: z.string().min(1).max(200).describe('Agreement slug (or id)'),
});

export const ATOM = 'application/atom+xml; charset=utf-8';
export const ICALENDAR = 'text/calendar; charset=utf-8';

/** An Atom document of one entry, as the feeds write them, for the OpenAPI document. */
function atomExample(feed: { title: string; self: string; alternate: string }, entry: string): string {
  const site = 'https://truceline.example';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
    <id>urn:uuid:79ddf05c-0fae-5c17-9a8c-01e02cb07de5</id>
    <title>${feed.title}</title>
    <updated>2025-04-17T09:00:00.000Z</updated>
    <generator>Truceline</generator>
    <author>
        <name>Truceline</name>
        <uri>${site}/</uri>
    </author>
    <link rel="alternate" href="${site}${feed.alternate}"/>
    <link rel="self" href="${site}/api/v1${feed.self}"/>
    <entry>
${entry}
    </entry>
</feed>`;
}

const FINDINGS_EXAMPLE = atomExample(
  { title: 'Truceline: published findings', self: '/feeds/findings.atom', alternate: '/incidents' },
  `        <title type="html"><![CDATA[Drone strike on an energy facility in Sloviansk]]></title>
        <id>urn:uuid:ae542d69-ec8a-5c33-9371-2e12d09cc0eb</id>
        <link href="https://truceline.example/incidents/88d1f220-cb73-4bb8-8189-c9be55c15793"/>
        <updated>2025-03-20T09:00:00.000Z</updated>
        <summary type="html"><![CDATA[Occurrence alleged, attribution alleged: RU, grade weak. 30-day moratorium on strikes on energy infrastructure: contested, unable to rule.]]></summary>
        <category term="verdict:contested"/>
        <category term="party:RU"/>
        <published>2025-03-20T09:00:00.000Z</published>`,
);

const BULLETINS_EXAMPLE = atomExample(
  { title: 'Truceline: bulletins', self: '/feeds/bulletins.atom', alternate: '/bulletins' },
  `        <title type="html"><![CDATA[Daily bulletin: 2 April 2025]]></title>
        <id>urn:uuid:806cfcac-276b-53fc-804e-7d2bdff69b35</id>
        <link href="https://truceline.example/bulletins/daily-2025-04-02"/>
        <updated>2025-04-03T08:00:00.000Z</updated>
        <summary type="html"><![CDATA[Two Ukrainian claims of Russian strikes on energy infrastructure on 2 April 2025.]]></summary>
        <category term="bulletin"/>
        <published>2025-04-03T08:00:00.000Z</published>`,
);

const AGREEMENTS_EXAMPLE = atomExample(
  { title: 'Truceline: agreement changes', self: '/feeds/agreements.atom', alternate: '/' },
  `        <title type="html"><![CDATA[30-day moratorium on strikes on energy infrastructure: expired]]></title>
        <id>urn:uuid:501f414e-e87a-5c43-a41f-953f55832cc7</id>
        <link href="https://truceline.example/agreements/energy-moratorium-2025-03"/>
        <updated>2025-04-16T21:00:00.000Z</updated>
        <summary type="html"><![CDATA[Thirty days from 18 March ran out at the end of 16 April.]]></summary>
        <category term="lifecycle:expired"/>
        <published>2025-04-16T21:00:00.000Z</published>`,
);

const ICS_EXAMPLE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Truceline//Agreement windows//EN',
  'METHOD:PUBLISH',
  'BEGIN:VEVENT',
  'UID:8db4015c-73d8-4bbf-91a8-2ddfcc63a2fb.1810928c-d583-4e15-984e-50902882226d.20250317T210000Z@truceline',
  'DTSTAMP:20250325T170000Z',
  'DTSTART;VALUE=DATE:20250318',
  'DTEND;VALUE=DATE:20250417',
  'SUMMARY:30-day moratorium on strikes on energy infrastructure — The Kremlin\\, 2025-03-18',
  'STATUS:CONFIRMED',
  'URL;VALUE=URI:https://truceline.example/agreements/energy-moratorium-2025-03',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const LATEST = 'An Atom 1.0 feed of the latest 100 entries';
export const findingsAtomResponse = { 200: textResponse('application/atom+xml', LATEST, FINDINGS_EXAMPLE) };
export const bulletinsAtomResponse = { 200: textResponse('application/atom+xml', LATEST, BULLETINS_EXAMPLE) };
export const agreementsAtomResponse = {
  200: textResponse('application/atom+xml', LATEST, AGREEMENTS_EXAMPLE),
};
export const icalendarResponse = {
  200: textResponse(
    'text/calendar',
    'An iCalendar (RFC 5545) file, one event per readout window',
    ICS_EXAMPLE,
  ),
};

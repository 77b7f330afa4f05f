// Request and response schemas of the export routes. Files are declared per media type with an example of each,
// for the OpenAPI document; the routes stream them.

import { z } from 'zod';
import { parseBbox } from '../../../core/ogc.js';
import { CSV_TYPE, EXPORT_FILES, GEOJSON_TYPE, JSON_TYPE, KML_TYPE } from '../../../services/exports.js';
import { exampleOf, jsonResponse, textResponse } from '../../openapi.js';
import { incidentQuery } from '../incidents/schema.js';

const spreadsheet = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .describe(
    'For spreadsheets: a byte-order mark so that Excel reads UTF-8, and text cells starting with = + - @ prefixed with an apostrophe so that none runs as a formula',
  );

const bbox = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseBbox(text);
    if (parsed.ok) return parsed.bbox;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  })
  .optional()
  .describe(
    'west,south,east,north in degrees (WGS 84): incidents located in the box. A blurred location counts where it is shown; a withheld one is in no box',
  );

const { agreement, verdict, party, from, to, target, sector, oblast } = incidentQuery.shape;

/** The filters of GET /api/v1/incidents (as the public may use them), and a box. */
export const incidentExportQuery = z.strictObject({
  agreement,
  verdict,
  party,
  from,
  to,
  target,
  sector,
  oblast,
  bbox,
});

export const incidentCsvQuery = incidentExportQuery.extend({ spreadsheet });
export const csvQuery = z.strictObject({ spreadsheet });

const day = z.iso.date({ error: 'not a date (2025-03-18)' });

export const frontlineQuery = z
  .strictObject({
    date: day.optional().describe('The snapshot in force on this date (the last one on or before it)'),
    from: day.optional().describe('Snapshots valid at some time on or after this date'),
    to: day.optional().describe('Snapshots valid at some time on or before this date'),
  })
  .superRefine((q, ctx) => {
    if (q.date !== undefined && (q.from !== undefined || q.to !== undefined))
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'give a date, or a range from/to, not both' });
    if (q.from !== undefined && q.to !== undefined && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range ends before it starts' });
  });

const exportEntry = z.object({
  name: z.string().describe('The file name under /api/v1/exports/'),
  what: z.enum(['incidents', 'agreements', 'findings', 'exchanges', 'frontline']),
  contentType: z.string(),
  description: z.string(),
  href: z.string().describe('Where to download it'),
  filters: z.array(z.string()).describe('Query parameters it takes'),
});

export const exportIndexResponse = exampleOf(z.object({ items: z.array(exportEntry) }), {
  items: [
    {
      name: 'incidents.csv',
      what: 'incidents',
      contentType: CSV_TYPE,
      description: EXPORT_FILES[0].description,
      href: '/api/v1/exports/incidents.csv',
      filters: [
        'agreement',
        'verdict',
        'party',
        'from',
        'to',
        'target',
        'sector',
        'oblast',
        'bbox',
        'spreadsheet',
      ],
    },
  ],
});

const CSV_EXAMPLE =
  'id,ref,title,occurred_at,occurred_utc,time_precision,event_type,…\r\n3f6e…,demo-2025-03-18-sloviansk,Drone strike on an energy facility in Sloviansk,2025-03-18T20:50:00+02:00,2025-03-18T18:50:00.000Z,minute,Explosions/Remote violence,…\r\n';
const ACLED_EXAMPLE =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,…\r\ndemo-2025-03-18-sloviansk,2025-03-18,2025,1,,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),…\r\n';
const GEOJSON_EXAMPLE =
  '{"type":"FeatureCollection","name":"Truceline: published incidents","generatedAt":"2025-04-17T12:00:00.000Z","features":[\n{"type":"Feature","id":"3f6e…","geometry":{"type":"Point","coordinates":[37.6167,48.8667]},"properties":{"title":"Drone strike on an energy facility in Sloviansk","verdict":"contested",…}}\n]}\n';
const KML_EXAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>Truceline: published incidents</name>\n<Placemark id="3f6e…"><name>Drone strike on an energy facility in Sloviansk</name>…<Point><coordinates>37.6167,48.8667</coordinates></Point></Placemark>\n</Document>\n</kml>\n';
const AGREEMENTS_CSV_EXAMPLE =
  'agreement_slug,agreement_title,agreement_kind,agreement_form,agreement_status,parties,mediators,readout_key,…\r\nenergy-moratorium-2025,Moratorium on strikes on energy infrastructure,moratorium,leaders-call,…\r\n';
const FINDINGS_EXAMPLE =
  'incident_id,incident_ref,incident_title,occurred_at,published_at,occurrence,attribution,attributed_party,confidence,grade,agreement,verdict,ruling,updated_at\r\n3f6e…,demo-2025-03-18-sloviansk,Drone strike on an energy facility in Sloviansk,2025-03-18T20:50:00+02:00,…,corroborated,alleged,RU,,fair,energy-moratorium-2025,contested,pending,…\r\n';
const EXCHANGES_EXAMPLE =
  'exchange_key,date,side_a,side_b,mediator,agreement,agreement_relation,from,to,category,count,at_least,status,reason,claimed,…\r\n2025-03-19-ru-ua,2025-03-19,RU,UA,AE,energy-moratorium-2025,announced-with,RU,UA,seriously-wounded,22,22,reconciled,…\r\n';
const FRONTLINE_GEOJSON_EXAMPLE =
  '{"type":"FeatureCollection","name":"Truceline: front-line snapshots","generatedAt":"2025-04-17T12:00:00.000Z","features":[\n{"type":"Feature","id":"line-2025-03-18","geometry":{"type":"MultiLineString","coordinates":[[[37.61,47.72],…]]},"properties":{"kind":"line-of-contact","valid_from":"2025-03-18","valid_until":"2025-03-25",…}}\n]}\n';
const FRONTLINE_KML_EXAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>Truceline: front-line snapshots</name>\n<Placemark id="line-2025-03-18"><name>Line of contact from 2025-03-18</name><TimeSpan><begin>2025-03-18</begin><end>2025-03-25</end></TimeSpan>…</Placemark>\n</Document>\n</kml>\n';

const agreementsJson = z
  .array(
    z.looseObject({
      slug: z.string(),
      title: z.string(),
      readouts: z.array(z.looseObject({ key: z.string(), provisions: z.array(z.looseObject({})) })),
    }),
  )
  .meta({
    example: [
      {
        slug: 'energy-moratorium-2025',
        title: 'Moratorium on strikes on energy infrastructure',
        readouts: [{ key: 'kremlin', provisions: [{ key: 'energy-facilities' }] }],
      },
    ],
  });

/** Each export's response as the OpenAPI document declares it. */
export const EXPORT_RESPONSES = {
  'incidents.csv': textResponse(CSV_TYPE, 'The incidents as CSV', CSV_EXAMPLE),
  'incidents.acled.csv': textResponse(CSV_TYPE, 'The incidents in ACLED’s columns', ACLED_EXAMPLE),
  'incidents.geojson': textResponse(GEOJSON_TYPE, 'An RFC 7946 FeatureCollection', GEOJSON_EXAMPLE),
  'incidents.kml': textResponse(KML_TYPE, 'A KML 2.2 document', KML_EXAMPLE),
  'agreements.json': jsonResponse(JSON_TYPE, 'The agreements, in full', agreementsJson),
  'agreements.csv': textResponse(CSV_TYPE, 'One row per provision per readout', AGREEMENTS_CSV_EXAMPLE),
  'findings.csv': textResponse(CSV_TYPE, 'One row per ruling of a published finding', FINDINGS_EXAMPLE),
  'exchanges.csv': textResponse(CSV_TYPE, 'One row per side and category of an exchange', EXCHANGES_EXAMPLE),
  'frontline.geojson': textResponse(GEOJSON_TYPE, 'An RFC 7946 FeatureCollection', FRONTLINE_GEOJSON_EXAMPLE),
  'frontline.kml': textResponse(KML_TYPE, 'A KML 2.2 document', FRONTLINE_KML_EXAMPLE),
} as const;

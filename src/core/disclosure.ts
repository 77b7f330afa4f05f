// The public copy of an incident: what someone who may not read the sealed record sees. Exact coordinates can
// be blurred to a grid of a tenth of a degree (about 11 km north-south, 7 km east-west here) or withheld with the
// place names that would give them away; the reporter is withheld unless the record says otherwise.

import { lonLat } from './geo.js';
import type { Incident, IncidentGeography } from './model.js';

/** Blurred coordinates sit at the centre of their cell of this size, in degrees. */
export const BLUR_DEGREES = 0.1;
/** Blurred distances to the line of contact are rounded to this many kilometres. */
export const BLUR_KM = 5;

/**
 * A blurred coordinate: the centre of its cell of BLUR_DEGREES. The map's points use it too, so that the map and
 * the incident page agree and together give away nothing finer.
 */
export function blurCoordinate(value: number): number {
  const cell = Math.floor(value / BLUR_DEGREES);
  return Number(((cell + 0.5) * BLUR_DEGREES).toFixed(2));
}

function blurGeography(g: IncidentGeography | null): IncidentGeography | null {
  return g === null ? null : { ...g, distanceKm: Math.round(g.distanceKm / BLUR_KM) * BLUR_KM };
}

/** The incident as the public may see it. The sealed record is not changed. */
export function publicCopy(incident: Incident): Incident {
  const reporter = incident.disclosure.reporter === 'shown' ? incident.reportedBy : null;
  switch (incident.disclosure.location) {
    case 'exact':
      return { ...incident, reportedBy: reporter };
    case 'blurred': {
      const location =
        incident.location &&
        lonLat(blurCoordinate(incident.location[0]), blurCoordinate(incident.location[1]));
      return {
        ...incident,
        reportedBy: reporter,
        location,
        geoPrecision: incident.location ? 2 : incident.geoPrecision,
        admin3: null,
        locationName: null,
        geography: blurGeography(incident.geography),
      };
    }
    case 'withheld':
      return {
        ...incident,
        reportedBy: reporter,
        location: null,
        geoPrecision: incident.location ? 3 : incident.geoPrecision,
        admin2: null,
        admin3: null,
        locationName: null,
        // The derived geography (distance, side, sector) would locate it again; only the oblast stays.
        geography: null,
      };
  }
}

// The API shapes of facilities; kept beside their routes so the shared presenters stay untouched.

import type { Facility, FacilitySuggestion } from '../../../core/facilities.js';

export const FACILITIES_ATTRIBUTION =
  'World Resources Institute, Global Power Plant Database v1.3 (CC BY 4.0)';

function properties(f: Facility) {
  return { id: f.id, name: f.name, capacityMw: f.capacityMw, primaryFuel: f.primaryFuel, target: f.target };
}

/** A facility as an RFC 7946 Feature with a Point geometry. */
export function presentFacilityFeature(f: Facility) {
  return {
    type: 'Feature' as const,
    id: f.id,
    geometry: { type: 'Point' as const, coordinates: [f.location[0], f.location[1]] as [number, number] },
    properties: properties(f),
  };
}

export function presentFacilitySuggestion(s: FacilitySuggestion) {
  return {
    facility: {
      ...properties(s.facility),
      location: { lon: s.facility.location[0], lat: s.facility.location[1] },
    },
    distanceKm: Math.round(s.distanceKm * 1000) / 1000,
  };
}

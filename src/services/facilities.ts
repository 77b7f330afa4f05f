// The energy facilities layer: the shipped power plants, and the one a point is near, as a suggested target.

import {
  DEFAULT_SUGGEST_RADIUS_KM,
  type Facility,
  type FacilitySuggestion,
  suggestFacility,
} from '../core/facilities.js';
import type { LonLat } from '../core/geo.js';
import { loadFacilities } from '../io/facilities.js';

export function allFacilities(): readonly Facility[] {
  return loadFacilities();
}

/** The known facility nearest `point` within `radiusKm`, suggested as the target of something there. */
export function suggestTarget(
  point: LonLat,
  radiusKm: number = DEFAULT_SUGGEST_RADIUS_KM,
): FacilitySuggestion | null {
  return suggestFacility(point, loadFacilities(), radiusKm);
}

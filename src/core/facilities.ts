// Known energy facilities (power plants with their fuel) and the nearest one to a point, so an incident
// reported near a plant can be offered that plant as its target. Pure: the data is loaded in `src/io`.

import type { LonLat } from './geo.js';
import { haversineKm } from './geometry/sphere.js';
import type { TargetCode } from './taxonomy.js';

/** The radius within which a facility is suggested unless a caller asks for another. */
export const DEFAULT_SUGGEST_RADIUS_KM = 5;

/** The largest radius a caller may ask for; beyond it a "suggestion" would be a guess. */
export const MAX_SUGGEST_RADIUS_KM = 50;

/** A power plant as the WRI Global Power Plant Database describes it. */
export interface Facility {
  /** The database's id (`gppd_idnr`), e.g. `WRI1005097`. */
  readonly id: string;
  readonly name: string;
  readonly capacityMw: number;
  /** GPPD's primary fuel: Coal, Gas, Oil, Hydro, Nuclear, Solar, Wind, ... */
  readonly primaryFuel: string;
  readonly location: LonLat;
  /** The target code an incident at this facility would have. */
  readonly target: TargetCode;
}

const TARGET_BY_FUEL: Readonly<Record<string, TargetCode>> = {
  Nuclear: 'infrastructure.energy.nuclear-plant',
  Hydro: 'infrastructure.energy.hydro-dam',
  Coal: 'infrastructure.energy.power-plant.thermal',
  Gas: 'infrastructure.energy.power-plant.thermal',
  Oil: 'infrastructure.energy.power-plant.thermal',
  Solar: 'infrastructure.energy.power-plant.solar',
  Wind: 'infrastructure.energy.power-plant.wind',
};

/** The target code of a plant by its GPPD primary fuel; any other fuel is a power plant of no known kind. */
export function targetForFuel(primaryFuel: string): TargetCode {
  return TARGET_BY_FUEL[primaryFuel] ?? 'infrastructure.energy.power-plant';
}

export interface FacilitySuggestion {
  readonly facility: Facility;
  readonly distanceKm: number;
}

/**
 * The facility nearest to `point` within `radiusKm` (great-circle distance), or null when none is that close.
 * A linear scan: the layer holds tens of plants, not thousands.
 */
export function suggestFacility(
  point: LonLat,
  facilities: readonly Facility[],
  radiusKm: number = DEFAULT_SUGGEST_RADIUS_KM,
): FacilitySuggestion | null {
  let best: FacilitySuggestion | null = null;
  for (const facility of facilities) {
    const distanceKm = haversineKm(point, facility.location);
    if (distanceKm <= radiusKm && (best === null || distanceKm < best.distanceKm)) {
      best = { facility, distanceKm };
    }
  }
  return best;
}

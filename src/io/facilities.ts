// Loads the shipped energy facilities layer (src/data/energy/power-plants.json, WRI GPPD, CC BY 4.0) into
// core `Facility` records, checking every record; a bad record is a broken build, so it throws.

import { z } from 'zod';
import powerPlants from '../data/energy/power-plants.json' with { type: 'json' };
import { type Facility, targetForFuel } from '../core/facilities.js';
import { lonLat } from '../core/geo.js';

const plantSchema = z.object({
  gppd_idnr: z.string().min(1),
  name: z.string().min(1),
  capacity_mw: z.number().nonnegative(),
  primary_fuel: z.string().min(1),
  lon: z.number(),
  lat: z.number(),
});

const documentSchema = z.object({ source: z.string(), licence: z.string(), plants: z.array(plantSchema) });

/** Turns the data file's records into facilities; exported for tests with their own records. */
export function facilitiesFromDocument(document: unknown): Facility[] {
  return documentSchema.parse(document).plants.map((p) => {
    const location = lonLat(p.lon, p.lat);
    if (!location) throw new Error(`power plant ${p.gppd_idnr} has an invalid position`);
    return {
      id: p.gppd_idnr,
      name: p.name,
      capacityMw: p.capacity_mw,
      primaryFuel: p.primary_fuel,
      location,
      target: targetForFuel(p.primary_fuel),
    };
  });
}

let cached: readonly Facility[] | undefined;

/** The shipped power plants of Ukraine, read once. */
export function loadFacilities(): readonly Facility[] {
  cached ??= Object.freeze(facilitiesFromDocument(powerPlants));
  return cached;
}

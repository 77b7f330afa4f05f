// What a provision's area means in words and, for the drawn ones, as a polygon screening can test points in.

import { adminAreaByCode } from '../admin-areas.js';
import { assertNever } from '../errors.js';
import { lonLat, type LonLat } from '../geo.js';
import type { MultiPolygon, Polygon } from '../geometry/types.js';
import type { Area, AreaGeometry, Position } from '../model.js';
import { BLACK_SEA } from './black-sea.js';

/** The area in a few words, for screening's explanations: "in Kherson (UA-65)", "within 30 km of the line". */
export function describeArea(area: Area): string {
  switch (area.kind) {
    case 'everywhere':
      return 'everywhere';
    case 'admin':
      return `in ${area.codes.map((c) => `${adminAreaByCode(c)?.name ?? c} (${c})`).join(', ')}`;
    case 'polygon':
      return 'in the provision’s polygon';
    case 'black-sea':
      return 'in the Black Sea or the Sea of Azov';
    case 'within-km-of-line':
      return `within ${area.km} km of the line of contact`;
    case 'side':
      return area.side === 'occupied' ? 'in the occupied area' : 'in government-controlled territory';
    case 'all-of':
      return area.areas.map(describeArea).join(' and ');
    default:
      return assertNever(area);
  }
}

const polygons = new WeakMap<AreaGeometry, MultiPolygon>();

function position([lon, lat]: Position): LonLat {
  // Stored polygons were range-checked by the area schema; an unreadable position would be a corrupt record.
  const p = lonLat(lon, lat);
  if (!p) throw new Error(`Area polygon has a position out of range: ${lon}, ${lat}`);
  return p;
}

function toPolygon(rings: readonly (readonly Position[])[]): Polygon {
  return rings.map((ring) => ring.map(position));
}

/** The polygon of a drawn area as checked positions, built once per stored geometry. */
export function areaPolygon(area: Extract<Area, { kind: 'polygon' | 'black-sea' }>): MultiPolygon {
  if (area.kind === 'black-sea') return BLACK_SEA;
  let multi = polygons.get(area.geometry);
  if (!multi) {
    const g = area.geometry;
    multi = g.type === 'Polygon' ? [toPolygon(g.coordinates)] : g.coordinates.map(toPolygon);
    polygons.set(area.geometry, multi);
  }
  return multi;
}

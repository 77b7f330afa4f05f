// The line of contact derived from occupied-area polygons: the parts of the occupied area's boundary that face
// government-controlled territory. Stretches along the state border or the coast are left out by comparing the
// boundary with the country's outline, because two data sets never trace the same border exactly.
//
// An edge of the occupied boundary belongs to the line of contact when all three hold:
//  1. it does not run along the outline: its ends and its midpoint are not all within `toleranceKm` of it;
//  2. it faces the country: a probe `probeKm` outwards from its midpoint lies inside the country's polygons and
//     outside the occupied area;
//  3. what it faces is not an inlet: when the probe is within `openKm` of the outline, at least one of 16 rays
//     from it runs `openKm` through unoccupied country, or else every ray is stopped by the occupied area (an
//     encircled pocket is a line of contact too). Rays stopped partly by the outline mean a lagoon or bay shut
//     in between the occupied area and the sea or border, which water inside the polygons would otherwise
//     turn into a false front (the Molochnyi Lyman on the Azov coast is one).
// Contiguous contact edges are joined into polylines and parts shorter than `minPartKm` are dropped.
//
// The outline must follow the coast: polygons that extend into territorial waters (as geoBoundaries' do) put
// the sea "inside the country" and the coast some 20 km from the outline, so the coast would be kept.

import type { LonLat } from '../geo.js';
import { buildPolygonIndex, type PolygonIndex } from './polygon.js';
import { buildSegmentIndex, type SegmentIndex } from './segment-index.js';
import { destinationPoint, initialBearingDeg, midpoint, polylineLengthKm } from './sphere.js';
import type { MultiPolygon, Polyline, Ring } from './types.js';

/** A country prepared once for deriving many lines of contact (one per day, say). */
export interface Country {
  /** The outline: edges of the country's polygons beyond which no other of its polygons lies. */
  readonly outline: readonly Polyline[];
  /** Nearest-segment index over `outline`. */
  readonly outlineIndex: SegmentIndex;
  /** Containment index over the country's polygons. */
  readonly land: PolygonIndex;
}

export interface OutlineOptions {
  /** Distances outside an edge at which to look for a neighbouring polygon, in km (default 0.05, 0.2, 0.5). */
  readonly probesKm?: readonly number[];
}

export interface LineOfContactOptions {
  /** Edges lying entirely within this distance of the outline run along it (default 2 km). */
  readonly toleranceKm?: number;
  /** How far outside the occupied area to probe which side an edge faces (default 0.05 km). */
  readonly probeKm?: number;
  /** Length of the rays that tell open country from an inlet (default 50 km). */
  readonly openKm?: number;
  /** Parts shorter than this are dropped (default 5 km). */
  readonly minPartKm?: number;
}

/**
 * The outer boundary of the union of a set of (multi)polygons, as polylines: the edges with no other polygon
 * just beyond them, probed at a few distances outward from each edge's midpoint. Unlike matching shared edges
 * by their coordinates, this also works when neighbours do not share vertices: a sliver between two
 * neighbours is bridged by the longer probes, a meandering shared boundary by the shortest. Islands and
 * enclaves come out as their own rings.
 */
export function outlineFromPolygons(
  features: readonly MultiPolygon[],
  options: OutlineOptions = {},
): Polyline[] {
  return outlineOf(features, buildPolygonIndex(features), options.probesKm ?? [0.05, 0.2, 0.5]);
}

/** Prepares a country from its polygons (for Ukraine, its oblasts): the outline and both indexes. */
export function prepareCountry(features: readonly MultiPolygon[], options: OutlineOptions = {}): Country {
  const land = buildPolygonIndex(features);
  const outline = outlineOf(features, land, options.probesKm ?? [0.05, 0.2, 0.5]);
  return { outline, outlineIndex: buildSegmentIndex(outline), land };
}

function outlineOf(
  features: readonly MultiPolygon[],
  land: PolygonIndex,
  probesKm: readonly number[],
): Polyline[] {
  const lines: Polyline[] = [];
  features.forEach((multi, f) => {
    for (const polygon of multi)
      polygon.forEach((ring, r) => {
        const outward = outwardSide(ring, r === 0);
        const outer = (a: LonLat, b: LonLat): boolean =>
          probesKm.every((km) => {
            const probe = probeBeyond(a, b, outward, km);
            return probe !== null && land.findAll(probe).every((other) => other === f);
          });
        lines.push(...runs(ring, outer));
      });
  });
  return lines;
}

/**
 * The line of contact as polylines (MultiLineString coordinates): the edges of the occupied area's boundary
 * that face unoccupied country rather than the border, the sea or an inlet (see the module comment).
 */
export function deriveLineOfContact(
  occupied: MultiPolygon,
  country: Country,
  options: LineOfContactOptions = {},
): Polyline[] {
  const toleranceKm = options.toleranceKm ?? 2;
  const probeKm = options.probeKm ?? 0.05;
  const openKm = options.openKm ?? 50;
  const minPartKm = options.minPartKm ?? 5;
  const occupiedIndex = buildPolygonIndex([occupied]);
  const outlineKm = (p: LonLat): number => country.outlineIndex.nearest(p)?.distanceKm ?? Infinity;
  const unoccupiedCountry = (p: LonLat): boolean =>
    country.land.find(p) !== undefined && occupiedIndex.find(p) === undefined;

  const lines: Polyline[] = [];
  for (const polygon of occupied)
    polygon.forEach((ring, r) => {
      const outward = outwardSide(ring, r === 0);
      const near = new Map<LonLat, boolean>();
      const isNear = (p: LonLat): boolean => {
        let value = near.get(p);
        if (value === undefined) {
          value = outlineKm(p) <= toleranceKm;
          near.set(p, value);
        }
        return value;
      };
      const contact = (a: LonLat, b: LonLat): boolean => {
        if (isNear(a) && isNear(b) && outlineKm(midpoint(a, b)) <= toleranceKm) return false;
        const probe = probeBeyond(a, b, outward, probeKm);
        if (probe === null || !unoccupiedCountry(probe)) return false;
        if (outlineKm(probe) > openKm) return true;
        const facing = initialBearingDeg(midpoint(a, b), probe);
        return !isInlet(probe, facing, openKm, unoccupiedCountry, country.land);
      };
      for (const part of runs(ring, contact)) if (polylineLengthKm(part) >= minPartKm) lines.push(part);
    });
  return lines;
}

const RAYS = 16;
const RAY_STEP_KM = 0.5;

/**
 * True when no ray from `start` runs `openKm` through unoccupied country and at least one of them leaves the
 * country: the water or land there is shut in between the occupied area and the outline. Rays are sampled
 * every RAY_STEP_KM, so a strip of occupied or foreign ground narrower than that may be stepped over.
 */
function isInlet(
  start: LonLat,
  facing: number,
  openKm: number,
  unoccupiedCountry: (p: LonLat) => boolean,
  land: PolygonIndex,
): boolean {
  let leftCountry = false;
  // Straight ahead first, then fanning out to both sides: open country is usually found by the first ray.
  for (let ray = 0; ray < RAYS; ray++) {
    const bearing = facing + (360 / RAYS) * (ray % 2 === 0 ? ray / 2 : -(ray + 1) / 2);
    let open = true;
    for (let km = RAY_STEP_KM; km <= openKm; km += RAY_STEP_KM) {
      const p = destinationPoint(start, bearing, km);
      if (!unoccupiedCountry(p)) {
        open = false;
        if (land.find(p) === undefined) leftCountry = true;
        break;
      }
    }
    if (open) return false;
  }
  return leftCountry;
}

type Side = 'left' | 'right';

/** Which side of travel lies outside the polygon: rings wind either way, so measure (shoelace sign). */
function outwardSide(ring: Ring, exterior: boolean): Side {
  let twiceArea = 0;
  let a = ring[ring.length - 1];
  for (const b of ring) {
    if (a) twiceArea += (a[0] - b[0]) * (a[1] + b[1]);
    a = b;
  }
  const counterClockwise = twiceArea > 0;
  // The interior lies left of a counter-clockwise exterior ring and right of a counter-clockwise hole.
  return counterClockwise === exterior ? 'right' : 'left';
}

/** A point `km` from the edge's midpoint, perpendicular to the edge on the given side; null for a point edge. */
function probeBeyond(a: LonLat, b: LonLat, side: Side, km: number): LonLat | null {
  if (a[0] === b[0] && a[1] === b[1]) return null;
  const mid = midpoint(a, b);
  const bearing = initialBearingDeg(mid, b);
  return destinationPoint(mid, bearing + (side === 'right' ? 90 : -90), km);
}

/**
 * Maximal runs of consecutive edges of a ring that satisfy `keep`, as polylines, joined across the ring's
 * start so that a run is never split where the ring happens to begin.
 */
function runs(ring: Ring, keep: (a: LonLat, b: LonLat) => boolean): Polyline[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  const vertices = closed ? ring.slice(0, -1) : ring;
  if (!first || vertices.length < 2) return [];
  // Edge i joins vertex i to the next one, the last edge closing the ring.
  const edges = vertices.map((a, i) => ({ a, b: vertices[i + 1] ?? first }));
  const kept = edges.map(({ a, b }) => keep(a, b));
  const start = kept.indexOf(false);
  if (start === -1) return [[...vertices, first]];
  // Walk the edges starting just after a dropped one, so that every run is seen whole.
  const lines: Polyline[] = [];
  let current: LonLat[] = [];
  for (let step = 1; step <= edges.length; step++) {
    const i = (start + step) % edges.length;
    const edge = edges[i];
    if (edge && kept[i] === true) {
      if (current.length === 0) current.push(edge.a);
      current.push(edge.b);
    } else if (current.length > 0) {
      lines.push(current);
      current = [];
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

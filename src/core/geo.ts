// Coordinates. A position is always [lon, lat] in WGS84 and is only ever built by `lonLat`, which range-checks.

declare const lonLatBrand: unique symbol;
export type LonLat = readonly [lon: number, lat: number] & { readonly [lonLatBrand]: true };

/** Builds a checked [lon, lat] pair, or returns null when either number is out of range or not finite. */
export function lonLat(lon: number, lat: number): LonLat | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return null;
  return [lon, lat] as unknown as LonLat;
}

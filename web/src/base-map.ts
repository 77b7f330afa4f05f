// The offline base layer both maps draw: the shipped oblast boundaries on a neutral ground. Outside Ukraine the
// ground is grey, not water blue, because offline we know neither the neighbours' land nor the sea.

import type { LayerSpecification } from 'maplibre-gl';

/** The ground and the oblasts under everything else; with a tile layer on top of the ground, oblasts are outlines only. */
export function baseLayers(source: string, withTiles = false): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': '#e3e3de' } },
    ...(withTiles ? [{ id: 'tiles', type: 'raster', source: 'tiles' } as const] : []),
    {
      id: 'oblasts',
      type: 'fill',
      source,
      paint: { 'fill-color': '#f7f5ef', 'fill-opacity': withTiles ? 0 : 1 },
    },
    {
      id: 'oblast-borders',
      type: 'line',
      source,
      paint: { 'line-color': '#a39e90', 'line-width': 0.7 },
    },
  ];
}

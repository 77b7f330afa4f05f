// Picking an incident's location on a map: a click (or a tap) puts the marker there; the marker can be dragged.
// The base layer is the shipped oblast boundaries, so it works offline in the field. Loaded only with the form
// that uses it (maplibre is large); the coordinates can always be typed beside it instead.

import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import boundariesUrl from '../../../src/data/boundaries/ukraine-admin1.json?url';
import { baseLayers } from '../base-map.js';

maplibregl.setWorkerUrl(workerUrl);

const STYLE: maplibregl.StyleSpecification = {
  version: 8,
  sources: { base: { type: 'geojson', data: boundariesUrl } },
  layers: baseLayers('base'),
};

export interface LocationPickerProps {
  readonly value: { readonly lon: number; readonly lat: number } | null;
  readonly onPick: (point: { lon: number; lat: number }) => void;
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

export function LocationPicker({ value, onPick }: LocationPickerProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: element,
        style: STYLE,
        center: [33.5, 48.5],
        zoom: 4.6,
        attributionControl: { compact: true, customAttribution: '© Мінрегіон (CC BY-SA)' },
      });
    } catch {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('click', (event) => {
      pickRef.current({ lon: round(event.lngLat.lng), lat: round(event.lngLat.lat) });
    });
    map.on('load', () => {
      element.dataset['ready'] = 'true';
    });
    return () => {
      markerRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, []);

  // The marker follows the value, whether it came from a click, a drag or the typed coordinates.
  useEffect(() => {
    const map = mapRef.current;
    if (map === null) return;
    if (value === null) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (markerRef.current === null) {
      const marker = new maplibregl.Marker({ color: '#7f1d12', draggable: true });
      marker.on('dragend', () => {
        const at = marker.getLngLat();
        pickRef.current({ lon: round(at.lng), lat: round(at.lat) });
      });
      markerRef.current = marker;
    }
    markerRef.current.setLngLat([value.lon, value.lat]).addTo(map);
  }, [value]);

  if (failed) return <p className="error">{t('map.noWebgl')}</p>;
  return (
    <div
      ref={container}
      className="picker-map"
      data-testid="location-picker"
      role="region"
      aria-label={t('report.mapLabel')}
    />
  );
}

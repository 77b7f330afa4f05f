// The map: an offline base layer (the shipped oblast boundaries; a raster tile URL may be configured), the
// line of contact and occupied area on the chosen date (a slider across the snapshots, playable), sectors, and
// incidents coloured by verdict. The map asks the server for what it shows (the view's box, padded, at its zoom,
// for the date window) again after each move: a wide view of many incidents comes back as counts per grid cell,
// drawn as sized circles; otherwise points, which maplibre clusters when dense. Date, window and position live in
// the address.

import type { FeatureCollection, Point } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import boundariesUrl from '../../../src/data/boundaries/ukraine-admin1.json?url';
import { baseLayers } from '../base-map.js';
import { api, ApiError } from '../api.js';
import { Failure, Loading } from '../components/status.js';
import { addDays, daysFrom, inForceOn, isDay } from '../days.js';
import { useFormat } from '../format.js';
import { usePageTitle } from '../page-title.js';
import type { Sector, SnapshotSummary, Verdict } from '../types.js';
import { useApi } from '../use-api.js';

maplibregl.setWorkerUrl(workerUrl);

/** A raster tile URL template for online use, set at build time; without it the map needs no network. */
const TILE_URL: string | undefined = import.meta.env['VITE_TRUCELINE_TILE_URL'] as string | undefined;

const VERDICT_COLOURS: Record<Verdict | 'none', string> = {
  covered: '#b2182b',
  contested: '#e08214',
  unknown: '#6b6b6b',
  'not-covered': '#2166ac',
  none: '#8c8c8c',
};

/**
 * A group of incidents (maplibre's own clusters, or the server's cells) as a circle: red when it holds a covered
 * verdict, orange a contested one, else dark blue; sized in steps by the count held in `count`.
 */
function clusterPaint(
  count: 'point_count' | 'count',
): NonNullable<maplibregl.CircleLayerSpecification['paint']> {
  return {
    'circle-color': [
      'case',
      ['>', ['get', 'covered'], 0],
      VERDICT_COLOURS.covered,
      ['>', ['get', 'contested'], 0],
      VERDICT_COLOURS.contested,
      '#1d3557',
    ],
    'circle-opacity': 0.8,
    'circle-radius': ['step', ['get', count], 11, 10, 15, 100, 21, 1000, 28, 10000, 34],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  };
}

const WINDOWS = ['1', '7', '30', 'all'] as const;
type Window = (typeof WINDOWS)[number];

interface PointProperties {
  readonly id: string;
  readonly date: string;
  readonly verdict: Verdict | 'none';
  readonly party: string | null;
  readonly precision: 'exact' | 'blurred';
}

/** A grid cell of a clustered answer (see the API's `mapClustersShape`). */
interface CellProperties {
  readonly cluster: true;
  readonly count: number;
  readonly verdicts: Readonly<Record<Verdict | 'none', number>>;
  readonly first: string;
  readonly last: string;
}

type Points = FeatureCollection<Point, PointProperties> & { readonly truncated: boolean };
type Cells = FeatureCollection<Point, CellProperties> & { readonly clustered: true };
type Incidents = Points | Cells;

const isCells = (answer: Incidents): answer is Cells => 'clustered' in answer && answer.clustered;

interface MapData {
  readonly snapshots: readonly SnapshotSummary[];
  readonly sectors: readonly Sector[];
  /** The first and last day with an incident, for the slider; null when there are none. */
  readonly incidentDays: { readonly first: string; readonly last: string } | null;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Below this zoom a wide view of many incidents comes back as cells (the server's POINT_ZOOM). */
const POINT_ZOOM = 10;
/** Wait this long after a move before asking for the new view. */
const REFETCH_DELAY_MS = 150;

/** The first and last day of an answer: the points' days, or the cells' first and last. */
function daysOf(answer: Incidents): MapData['incidentDays'] {
  const days = isCells(answer)
    ? answer.features.flatMap((f) => [f.properties.first, f.properties.last])
    : answer.features.map((f) => f.properties.date);
  days.sort();
  const first = days[0];
  const last = days.at(-1);
  return first === undefined || last === undefined ? null : { first, last };
}

async function loadMapData(signal: AbortSignal): Promise<MapData> {
  const [snapshots, everything, sectors] = await Promise.all([
    api.get<{ items: SnapshotSummary[] }>('/frontline/snapshots', undefined, signal),
    // The whole world at zoom 0: a few cells (or the few points) that give the days the slider spans.
    api.get<Incidents>('/map/incidents', { zoom: '0' }, signal),
    api.get<{ items: Sector[] }>('/sectors', undefined, signal),
  ]);
  return { snapshots: snapshots.items, sectors: sectors.items, incidentDays: daysOf(everything) };
}

/** What the map shows: its box (west, south, east, north) and zoom, rounded outward so that addresses repeat. */
interface View {
  readonly box: readonly [number, number, number, number];
  readonly zoom: number;
}

/** The view's box padded by half its size on each side (panning a little needs no new answer), rounded out. */
function viewOf(map: maplibregl.Map): View {
  const bounds = map.getBounds();
  const zoom = Math.max(0, Math.floor(map.getZoom()));
  const width = bounds.getEast() - bounds.getWest();
  const height = bounds.getNorth() - bounds.getSouth();
  // Whole degrees when wide, tenths when close.
  const step = zoom < 7 ? 1 : 0.1;
  const out = (value: number, up: boolean) =>
    Number(((up ? Math.ceil(value / step) : Math.floor(value / step)) * step).toFixed(1));
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  const wide = width >= 180;
  return {
    box: [
      wide ? -180 : clamp(out(bounds.getWest() - width / 2, false), 180),
      clamp(out(bounds.getSouth() - height / 2, false), 90),
      wide ? 180 : clamp(out(bounds.getEast() + width / 2, true), 180),
      clamp(out(bounds.getNorth() + height / 2, true), 90),
    ],
    zoom,
  };
}

/** Cells as flat features for maplibre (it passes nested properties on as text). */
function cellFeatures(cells: Cells): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cells.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        count: f.properties.count,
        covered: f.properties.verdicts.covered,
        contested: f.properties.verdicts.contested,
        bbox: JSON.stringify((f as { bbox?: unknown }).bbox ?? null),
      },
    })),
  };
}

function baseStyle(): maplibregl.StyleSpecification {
  const sources: maplibregl.StyleSpecification['sources'] = {
    base: { type: 'geojson', data: boundariesUrl },
    frontline: { type: 'geojson', data: EMPTY },
    sectors: { type: 'geojson', data: EMPTY },
    incidents: {
      type: 'geojson',
      data: EMPTY,
      cluster: true,
      clusterRadius: 40,
      clusterMaxZoom: 11,
      // Each cluster counts what it holds of the two verdicts that matter most, to colour itself by them.
      clusterProperties: {
        covered: ['+', ['case', ['==', ['get', 'verdict'], 'covered'], 1, 0]],
        contested: ['+', ['case', ['==', ['get', 'verdict'], 'contested'], 1, 0]],
      },
    },
    // The server's cells, for a wide view of many incidents.
    cells: { type: 'geojson', data: EMPTY },
  };
  if (TILE_URL) sources['tiles'] = { type: 'raster', tiles: [TILE_URL], tileSize: 256 };
  const layers: maplibregl.LayerSpecification[] = baseLayers('base', Boolean(TILE_URL));
  layers.push(
    {
      id: 'occupied',
      type: 'fill',
      source: 'frontline',
      filter: ['==', ['get', 'kind'], 'occupied-area'],
      paint: { 'fill-color': '#c0392b', 'fill-opacity': 0.16 },
    },
    {
      id: 'sectors',
      type: 'line',
      source: 'sectors',
      paint: { 'line-color': '#4a4a4a', 'line-width': 1, 'line-dasharray': [3, 3], 'line-opacity': 0.6 },
    },
    {
      id: 'line-of-contact',
      type: 'line',
      source: 'frontline',
      filter: ['==', ['get', 'kind'], 'line-of-contact'],
      paint: { 'line-color': '#7f1d12', 'line-width': 2.5 },
    },
    {
      id: 'clusters',
      type: 'circle',
      source: 'incidents',
      filter: ['has', 'point_count'],
      paint: clusterPaint('point_count'),
    },
    {
      id: 'cells',
      type: 'circle',
      source: 'cells',
      // Coloured and sized as the clusters above, by the count the server gives.
      paint: clusterPaint('count'),
    },
    {
      id: 'incident-points',
      type: 'circle',
      source: 'incidents',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': [
          'match',
          ['get', 'verdict'],
          'covered',
          VERDICT_COLOURS.covered,
          'contested',
          VERDICT_COLOURS.contested,
          'unknown',
          VERDICT_COLOURS.unknown,
          'not-covered',
          VERDICT_COLOURS['not-covered'],
          VERDICT_COLOURS.none,
        ],
        'circle-radius': 6,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  );
  return { version: 8, sources, layers };
}

/** The range the slider spans: every snapshot and every incident date. */
function dayRange(data: MapData): { first: string; last: string } {
  const days = [
    ...data.snapshots.map((s) => s.validFrom),
    ...(data.incidentDays ? [data.incidentDays.first, data.incidentDays.last] : []),
  ].sort();
  const today = new Date().toISOString().slice(0, 10);
  return { first: days[0] ?? today, last: days.at(-1) ?? today };
}

function readPosition(params: URLSearchParams): { center: [number, number]; zoom: number } {
  const lon = Number(params.get('lon'));
  const lat = Number(params.get('lat'));
  const zoom = Number(params.get('z'));
  const valid = params.has('lon') && params.has('lat') && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
  return {
    center: valid ? [lon, lat] : [33.5, 48.6],
    zoom: params.has('z') && zoom >= 0 && zoom <= 22 ? zoom : 4.8,
  };
}

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('map.legend')}>
      {(['covered', 'contested', 'unknown', 'not-covered'] as const).map((v) => (
        <li key={v}>
          <span className="dot" style={{ background: VERDICT_COLOURS[v] }} aria-hidden="true" />
          {t(`verdict.${v}`)}
        </li>
      ))}
      <li>
        <span className="swatch line" aria-hidden="true" />
        {t('map.line')}
      </li>
      <li>
        <span className="swatch area" aria-hidden="true" />
        {t('map.occupied')}
      </li>
      <li>
        <span className="swatch sector" aria-hidden="true" />
        {t('map.sector')}
      </li>
    </ul>
  );
}

function MapCanvas({ data }: { readonly data: MapData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [frontline, setFrontline] = useState<{ snapshot: string | null; requested: string } | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [incidents, setIncidents] = useState<Incidents | null>(null);

  const { first, last } = useMemo(() => dayRange(data), [data]);
  const snapshotDates = useMemo(() => data.snapshots.map((s) => s.validFrom), [data]);
  const requested = params.get('date');
  const date =
    isDay(requested) && requested >= first && requested <= last ? requested : (snapshotDates.at(-1) ?? last);
  const windowParam = params.get('days');
  const window: Window = (WINDOWS as readonly string[]).includes(windowParam ?? '')
    ? (windowParam as Window)
    : '30';
  const windowStart = window === 'all' ? first : addDays(date, 1 - Number(window));

  // The address changes in place (no history entry per slider step or pan).
  const update = (changes: Record<string, string | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  const updateRef = useRef(update);
  updateRef.current = update;

  // The map itself, made once.
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: element,
        style: baseStyle(),
        ...readPosition(new URLSearchParams(globalThis.location.search)),
        attributionControl: { compact: true, customAttribution: '© Мінрегіон (CC BY-SA)' },
      });
    } catch {
      setFailed(true);
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      setLoaded(true);
      setView(viewOf(map));
    });
    // The view is asked for once the map has rested a moment (a drag or a zoom ends in a burst of moveends).
    let rest: ReturnType<typeof setTimeout> | undefined;
    map.on('moveend', () => {
      const c = map.getCenter();
      updateRef.current({ lon: c.lng.toFixed(4), lat: c.lat.toFixed(4), z: map.getZoom().toFixed(2) });
      clearTimeout(rest);
      rest = setTimeout(() => {
        const next = viewOf(map);
        setView((current) =>
          current && current.zoom === next.zoom && current.box.join() === next.box.join() ? current : next,
        );
      }, REFETCH_DELAY_MS);
    });
    // What was drawn, for anyone (and the browser tests) to read without looking at pixels; not while an answer
    // is awaited.
    map.on('idle', () => {
      if (element.dataset['loading'] === 'true') return;
      const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length;
      element.dataset['renderedLine'] = String(count('line-of-contact'));
      element.dataset['renderedPoints'] = String(count('incident-points'));
      element.dataset['renderedCells'] = String(count('cells'));
      element.dataset['renderedClusters'] = String(count('clusters') + count('cells'));
      element.dataset['idle'] = 'true';
    });
    map.on('click', 'clusters', (event) => {
      const feature = event.features?.[0];
      const id = feature?.properties['cluster_id'] as number | undefined;
      if (feature === undefined || id === undefined || feature.geometry.type !== 'Point') return;
      const center = feature.geometry.coordinates as [number, number];
      void (map.getSource('incidents') as maplibregl.GeoJSONSource)
        .getClusterExpansionZoom(id)
        .then((zoom) => map.easeTo({ center, zoom }));
    });
    // A cell of the server's opens to its own box, where it splits into smaller cells or points.
    map.on('click', 'cells', (event) => {
      const box = JSON.parse(String(event.features?.[0]?.properties['bbox'] ?? 'null')) as unknown;
      if (!Array.isArray(box) || box.length !== 4) return;
      const [west, south, east, north] = box as [number, number, number, number];
      map.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        { padding: 40, maxZoom: POINT_ZOOM },
      );
    });
    for (const layer of ['clusters', 'cells', 'incident-points']) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer';
      });
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = '';
      });
    }
    return () => {
      clearTimeout(rest);
      mapRef.current = null;
      map.remove();
    };
  }, []);

  // Popups: built as DOM so the link navigates inside the app.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const open = (event: maplibregl.MapLayerMouseEvent) => {
      const feature = event.features?.[0];
      if (feature === undefined || feature.geometry.type !== 'Point') return;
      const p = feature.properties as unknown as PointProperties;
      const body = document.createElement('div');
      const line = document.createElement('p');
      line.textContent = `${format.day(p.date)} · ${t(`verdict.${p.verdict}`)}${p.party ? ` · ${p.party}` : ''}${
        p.precision === 'blurred' ? ` · ${t('map.blurred')}` : ''
      }`;
      const link = document.createElement('a');
      link.href = `/incidents/${p.id}`;
      link.textContent = t('map.open');
      link.addEventListener('click', (e) => {
        e.preventDefault();
        void navigate(`/incidents/${p.id}`);
      });
      body.append(line, link);
      new maplibregl.Popup({ closeButton: true })
        .setLngLat(feature.geometry.coordinates as [number, number])
        .setDOMContent(body)
        .addTo(map);
    };
    map.on('click', 'incident-points', open);
    return () => {
      map.off('click', 'incident-points', open);
    };
  }, [loaded, format, t, navigate]);

  // Sectors, once.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    void (map.getSource('sectors') as maplibregl.GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: data.sectors.map((s) => ({
        type: 'Feature',
        properties: { key: s.key, name: s.name },
        geometry: s.region,
      })),
    });
  }, [loaded, data]);

  // The incidents of the view and of the window ending on the chosen date, asked for again when either changes
  // (the previous question abandoned). The server filters on UTC days, a point carries its day as stated: the
  // question reaches a day further each way and the points are filtered here by their own day.
  useEffect(() => {
    const element = container.current;
    if (view === null || element === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      element.dataset['loading'] = 'true';
      element.dataset['idle'] = 'false';
      const query: Record<string, string> = { bbox: view.box.join(','), zoom: String(view.zoom) };
      if (window !== 'all') {
        query['from'] = addDays(windowStart, -1);
        query['to'] = addDays(date, 1);
      }
      api.get<Incidents>('/map/incidents', query, controller.signal).then(
        (answer) => {
          // Still loading until the answer is in the map's sources (the effect below says when).
          element.dataset['clustered'] = String(isCells(answer));
          setIncidents(answer);
        },
        () => {
          // Aborted by a newer question, or failed: the last answer stays on the map.
          if (controller.signal.aborted) return;
          element.dataset['loading'] = 'false';
          mapRef.current?.triggerRepaint();
        },
      );
    }, 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [view, window, windowStart, date]);

  const cells = incidents && isCells(incidents) ? incidents : null;
  const points = incidents && !isCells(incidents) ? incidents : null;
  const shown = useMemo(
    () =>
      (points?.features ?? [])
        .filter((f) => f.properties.date >= windowStart && f.properties.date <= date)
        // The feature id is a string, which maplibre does not keep: the popup reads it from the properties.
        .map((f) => ({ ...f, properties: { ...f.properties, id: String(f.id) } })),
    [points, windowStart, date],
  );
  const shownCount = cells ? cells.features.reduce((sum, f) => sum + f.properties.count, 0) : shown.length;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || incidents === null) return;
    void (map.getSource('incidents') as maplibregl.GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: shown,
    });
    void (map.getSource('cells') as maplibregl.GeoJSONSource).setData(cells ? cellFeatures(cells) : EMPTY);
    // The answer is handed to the map: the next idle is of a map that draws it.
    if (container.current) container.current.dataset['loading'] = 'false';
    map.triggerRepaint();
  }, [loaded, incidents, shown, cells]);

  // The line of contact in force on the date, fetched once per snapshot.
  const snapshot = inForceOn(snapshotDates, date);
  const cache = useRef(new Map<string, FeatureCollection>());
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const source = map.getSource('frontline') as maplibregl.GeoJSONSource;
    if (snapshot === null) {
      void source.setData(EMPTY);
      setFrontline({ snapshot: null, requested: date });
      return;
    }
    const cached = cache.current.get(snapshot);
    if (cached) {
      void source.setData(cached);
      setFrontline({ snapshot, requested: date });
      return;
    }
    const controller = new AbortController();
    api.get<FeatureCollection>('/frontline', { date: snapshot }, controller.signal).then(
      (collection) => {
        cache.current.set(snapshot, collection);
        void source.setData(collection);
        setFrontline({ snapshot, requested: date });
      },
      (error: unknown) => {
        if (error instanceof ApiError) setFrontline({ snapshot: null, requested: date });
      },
    );
    return () => {
      controller.abort();
    };
  }, [loaded, snapshot, date]);

  // Playing steps one day at a time to the end of the range.
  useEffect(() => {
    if (!playing) return;
    if (date >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => {
      updateRef.current({ date: addDays(date, 1) });
    }, 500);
    return () => {
      clearTimeout(timer);
    };
  }, [playing, date, last]);

  const span = daysFrom(first, last);
  const index = daysFrom(first, date);
  return (
    <>
      <div className="map-controls">
        <button
          type="button"
          aria-pressed={playing}
          onClick={() => {
            if (!playing && date >= last) updateRef.current({ date: first });
            setPlaying(!playing);
          }}
        >
          {playing ? t('map.pause') : t('map.play')}
        </button>
        <label className="slider">
          <span>
            {t('map.date')}: <strong>{format.day(date)}</strong>
          </span>
          <input
            type="range"
            min={0}
            max={Math.max(span, 0)}
            value={index}
            aria-valuetext={format.day(date)}
            onChange={(e) => {
              update({ date: addDays(first, Number(e.target.value)) });
            }}
          />
        </label>
        <label>
          <span>{t('map.window')}</span>
          <select
            value={window}
            onChange={(e) => {
              update({ days: e.target.value });
            }}
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w === 'all' ? t('map.all') : t('map.days', { count: Number(w) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted" role="status" data-testid="map-status">
        {frontline?.snapshot
          ? frontline.snapshot === date
            ? t('map.snapshot', { date: format.day(frontline.snapshot) })
            : t('map.fallback', { date: format.day(frontline.snapshot), requested: format.day(date) })
          : frontline && t('map.noSnapshot')}{' '}
        · {t(cells ? 'map.shownInCells' : 'map.shown', { count: shownCount })}
        {points?.truncated && <> · {t('map.truncated', { count: points.features.length })}</>}
      </p>
      {failed ? (
        <p className="error">{t('map.noWebgl')}</p>
      ) : (
        <div
          ref={container}
          className="map"
          role="region"
          aria-label={t('map.mapLabel')}
          data-testid="map"
          // Nothing is reported drawn before the first answer is in.
          data-loading="true"
        />
      )}
      <Legend />
      <p>
        <Link to={`/incidents?from=${windowStart}&to=${date}`}>{t('map.listInstead')}</Link>
      </p>
    </>
  );
}

export function MapView() {
  const { t } = useTranslation();
  usePageTitle(t('map.title'));
  const loaded = useApi('map-data', loadMapData);
  return (
    <>
      <h1>{t('map.title')}</h1>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'error' && <Failure error={loaded.error} />}
      {loaded.state === 'ready' && <MapCanvas data={loaded.data} />}
    </>
  );
}

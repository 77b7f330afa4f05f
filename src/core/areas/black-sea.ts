// The Black Sea and the Sea of Azov as one polygon, for provisions whose area is `{ kind: 'black-sea' }`.
//
// This is an approximate outline drawn by hand for Truceline from well-known coastal places (capes, ports,
// river mouths), not a coastline survey. Between vertices the edges are straight in lon/lat and cut across
// bays and spits, so a point within about 10 km of the coast may fall on either side; open water further
// out and land further in are classified correctly. Sevastopol bay, the Tsemes bay at Novorossiysk and the
// Kerch Strait are traced a little more closely; river estuaries and lagoons (the Dnipro–Buh estuary,
// Sivash, Taman bay) are left out, and the outline is closed across the northern mouth of the Bosporus.
// Screening with it should treat a verdict near the shore as a prompt to look, not as a measurement.

import { lonLat, type LonLat } from '../geo.js';
import type { MultiPolygon } from '../geometry/types.js';

/** The outline's vertices as `[lon, lat]`, clockwise from the Bosporus; the ring closes on the first. */
export const BLACK_SEA_OUTLINE: readonly (readonly [number, number])[] = [
  // The Bosporus's northern mouth, European side, then Thrace and Bulgaria
  [29.13, 41.23], // Rumeli Feneri
  [28.62, 41.36], // Karaburun
  [28.06, 41.66], // Kıyıköy
  [27.98, 41.95], // Rezovo
  [27.72, 42.42], // Sozopol
  [27.5, 42.48], // Burgas bay
  [27.9, 42.7], // Cape Emine
  [27.95, 43.19], // Varna
  [28.47, 43.37], // Cape Kaliakra
  [28.6, 43.54], // Shabla
  // Romania and the Danube delta
  [28.67, 44.17], // Constanța
  [28.95, 44.68], // Portița
  [29.62, 44.86], // Sfântu Gheorghe
  [29.72, 45.16], // Sulina
  [29.76, 45.42], // the Kiliya mouth
  // Ukraine: Odesa's coast; the Dnipro–Buh estuary is closed at its mouth
  [29.95, 45.62], // Tuzly lagoons
  [30.47, 46.07], // Zatoka
  [30.66, 46.3], // Chornomorsk
  [30.77, 46.43], // Odesa, Arcadia
  [30.76, 46.5], // Odesa port
  [30.83, 46.58], // Luzanivka
  [31.0, 46.6], // Pivdennyi
  [31.52, 46.6], // Ochakiv
  [31.53, 46.55], // Kinburn spit
  [31.5, 46.4], // Kinburn peninsula
  [31.8, 46.22], // Tendra spit
  [32.5, 46.07], // Lazurne
  [32.92, 46.1], // Skadovsk
  [33.55, 46.05], // Karkinit bay, by Perekop
  // Crimea's west and south coasts, with Sevastopol bay
  [33.2, 45.88], // Bakal spit
  [32.7, 45.51], // Chornomorske
  [32.48, 45.35], // Cape Tarkhankut
  [33.0, 45.28], // Donuzlav
  [33.37, 45.19], // Yevpatoria
  [33.56, 45.1], // Saky
  [33.6, 44.96], // Mykolaivka
  [33.53, 44.78], // Kacha
  [33.51, 44.66], // Liubymivka
  [33.515, 44.628], // Sevastopol bay, north side of the entrance
  [33.61, 44.628], // Sevastopol bay, towards Inkerman
  [33.61, 44.616],
  [33.5, 44.615], // Sevastopol bay, south side of the entrance
  [33.37, 44.585], // Cape Khersones
  [33.6, 44.49], // Balaklava
  [33.74, 44.39], // Cape Sarych
  [34.17, 44.49], // Yalta
  [34.42, 44.67], // Alushta
  [34.97, 44.84], // Sudak
  [35.08, 44.8], // Cape Meganom
  [35.4, 45.03], // Feodosia
  [35.84, 44.99], // Cape Chauda
  [36.22, 45.03], // Cape Opuk
  [36.4, 45.1], // Cape Takil
  // The Kerch Strait, Crimean shore, into the Sea of Azov
  [36.45, 45.25], // Arshyntseve
  [36.5, 45.33], // Kerch
  [36.6, 45.37], // Yenikale
  [36.62, 45.43], // the strait's northern entrance
  [36.3, 45.47], // Kurortne
  [35.85, 45.48], // Cape Kazantyp
  [35.5, 45.3], // Arabat bay
  [35.1, 45.75], // Arabat spit (Sivash is left out)
  [34.82, 46.17], // Henichesk
  [35.35, 46.33], // Kyrylivka
  [36.35, 46.73], // Prymorsk
  [36.78, 46.74], // Berdiansk
  [37.55, 47.08], // Mariupol
  [38.15, 47.07], // Sedove
  [38.93, 47.2], // Taganrog
  [39.2, 47.12], // the Don delta
  [38.7, 46.95], // Taganrog bay, south shore
  [38.28, 46.72], // Yeysk
  [37.8, 46.66], // Dolzhanskaya spit
  [38.0, 46.4], // Kamyshevatskaya
  [38.15, 46.05], // Primorsko-Akhtarsk
  [37.67, 45.75], // Achuyevo
  [37.4, 45.3], // Temryuk
  [36.75, 45.45], // Chushka spit, base
  // The Kerch Strait, Taman shore (Taman bay is left out), and Russia's Black Sea coast
  [36.67, 45.33], // Chushka spit, tip
  [36.62, 45.24], // Tuzla spit
  [36.72, 45.1], // Cape Zhelezny Rog
  [37.1, 45.05], // Blagoveshchenskaya
  [37.32, 44.89], // Anapa
  [37.4, 44.72], // Utrish
  [37.77, 44.66], // Myskhako, west shore of the Tsemes bay
  [37.78, 44.72], // Novorossiysk port
  [37.85, 44.69], // Tsemes bay, east shore
  [37.88, 44.61], // Cape Doob
  [38.05, 44.55], // Gelendzhik
  [38.53, 44.37], // Arkhipo-Osipovka
  [39.07, 44.09], // Tuapse
  [39.33, 43.9], // Lazarevskoye
  [39.72, 43.58], // Sochi
  [39.92, 43.43], // Adler
  // Georgia (Abkhazia) and Turkey's Black Sea coast back to the Bosporus
  [40.27, 43.3], // Gagra
  [40.33, 43.16], // Pitsunda
  [41.0, 42.99], // Sukhumi
  [41.46, 42.71], // Ochamchire
  [41.56, 42.39], // Anaklia
  [41.66, 42.15], // Poti
  [41.77, 41.82], // Kobuleti
  [41.62, 41.64], // Batumi
  [41.42, 41.4], // Hopa
  [40.52, 41.03], // Rize
  [39.73, 41.0], // Trabzon
  [38.39, 40.92], // Giresun
  [37.88, 40.99], // Ordu
  [37.67, 41.13], // Çam Burnu
  [37.28, 41.13], // Ünye
  [36.33, 41.29], // Samsun
  [35.95, 41.72], // Bafra, the Kızılırmak delta
  [35.2, 41.8], // Gerze
  [35.15, 42.03], // Sinop
  [34.98, 42.1], // Cape İnce
  [34.58, 41.95], // Ayancık
  [33.77, 41.98], // İnebolu
  [33.0, 41.89], // Cide
  [32.39, 41.75], // Amasra
  [31.79, 41.46], // Zonguldak
  [31.42, 41.28], // Ereğli
  [31.12, 41.09], // Akçakoca
  [30.65, 41.12], // the Sakarya mouth
  [30.23, 41.17], // Kefken
  [29.61, 41.18], // Şile
  [29.15, 41.22], // Anadolu Feneri, the Bosporus's northern mouth, Asian side
];

function checked([lon, lat]: readonly [number, number]): LonLat {
  const p = lonLat(lon, lat);
  if (!p) throw new Error(`Black Sea outline: position out of range ${lon}, ${lat}`);
  return p;
}

const ring: LonLat[] = BLACK_SEA_OUTLINE.map(checked);
const [start] = ring;
if (start) ring.push(start);

/** The outline as a multipolygon of one polygon with a closed ring, for point-in-polygon. */
export const BLACK_SEA: MultiPolygon = [[ring]];

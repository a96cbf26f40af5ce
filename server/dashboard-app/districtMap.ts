import type { DirectoryAnswer } from '../../shared/dashboard/api.js';
import type { ChartOption } from './charts.js';

// The district on a schematic map drawn by us (no map tiles, nothing from the internet): an
// outline authored once as a polygon in the 0..1 square staff place sites in (0 left/top, 1
// right/bottom), and each site a circle sized by its count. A site without a position is left off
// the map (it still counts everywhere else). The names stand in a column beside the district, each
// joined to its circle by a line and kept in the circles' north-to-south order, pushed apart where
// they would touch (ECharts' labelLayout: x, moveOverlap 'shiftY'): sites close together on the
// map no longer put one's name across another's circle or over another name. Circles of sites that
// lie close together are moved apart (spreadCircles); the column names as many sites as it holds,
// the most disputes first, and the wall's heading says how many of how many (namesHeld).

/** Where the district ends and the names' column begins, as a share of the chart's width. */
export const MAP_LABEL_COLUMN = 0.48;

/** The district's outline, clockwise from the north-west, roughly the shape of a river valley district. */
export const districtOutline: ReadonlyArray<[number, number]> = [
  [0.08, 0.22],
  [0.22, 0.08],
  [0.4, 0.12],
  [0.55, 0.05],
  [0.72, 0.1],
  [0.9, 0.2],
  [0.95, 0.38],
  [0.86, 0.52],
  [0.92, 0.7],
  [0.78, 0.88],
  [0.58, 0.95],
  [0.42, 0.86],
  [0.25, 0.92],
  [0.1, 0.78],
  [0.05, 0.55],
  [0.12, 0.4],
];

export interface SitePoint {
  siteId: string;
  name: string;
  value: number;
}

/** A circle on the map, in pixels of the district's part of the chart. */
export interface Circle {
  x: number;
  y: number;
  r: number;
}

/** The gap kept between two circles, in pixels. */
const CIRCLE_GAP = 3;

/**
 * Circles moved apart until none overlaps another (sites that lie close together: a centre and the
 * grid point beside it), each by as little as it takes and kept inside the box: a schematic map
 * may place a circle a little off its site, never one over another's count.
 */
export function spreadCircles(circles: readonly Circle[], box: { width: number; height: number }): Circle[] {
  const out = circles.map((c) => ({ ...c }));
  for (let round = 0; round < 200; round++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        const need = a.r + b.r + CIRCLE_GAP;
        if (d >= need - 0.01) continue;
        // two sites on one spot: apart along a fixed direction, so the same data draws the same map
        if (d < 0.01) [dx, dy, d] = [0.6, 0.8, 1];
        const push = (need - d) / 2 + 0.01;
        a.x -= (dx / d) * push;
        a.y -= (dy / d) * push;
        b.x += (dx / d) * push;
        b.y += (dy / d) * push;
        moved = true;
      }
    }
    for (const c of out) {
      c.x = Math.min(Math.max(c.x, c.r), box.width - c.r);
      c.y = Math.min(Math.max(c.y, c.r), box.height - c.r);
    }
    if (!moved) break;
  }
  return out;
}

/** How many names the column beside the district holds, one under another, at `fontSize`. */
export function namesHeld(columnHeight: number, fontSize: number): number {
  // a name's plate: its line, the plate's padding (2 + 2) and a little air between plates
  return Math.max(1, Math.floor(columnHeight / (fontSize * 1.3 + 4 + 4)));
}

export interface DistrictMap {
  option: ChartOption;
  /** The sites on the map, and how many of them are named (the most disputes first): the rest are only circles. */
  placed: number;
  named: number;
}

/**
 * The map for a chart of `size` pixels: circles apart (spreadCircles), and names for as many sites
 * as the column holds, the most disputes first and only those with any — the wall says how many
 * (namesHeld), the rest stay circles, never a name dropped silently.
 */
export function districtMapOption(
  dir: DirectoryAnswer,
  points: readonly SitePoint[],
  opts: { fontSize: number; maxSymbol: number; colour: string; size: { width: number; height: number } },
): DistrictMap {
  const placed = new Map(dir.sites.filter((s) => s.mapX !== null && s.mapY !== null).map((s) => [s.siteId, s]));
  const max = Math.max(1, ...points.map((p) => p.value));
  const symbol = (value: number) => 10 + (opts.maxSymbol - 10) * Math.sqrt(value / max);
  const box = { width: Math.max(1, opts.size.width * (MAP_LABEL_COLUMN - 0.02) - 4), height: Math.max(1, opts.size.height - 8) };
  const onMap = points.filter((p) => placed.has(p.siteId));
  const spread = spreadCircles(
    onMap.map((p) => ({ x: placed.get(p.siteId)!.mapX! * box.width, y: placed.get(p.siteId)!.mapY! * box.height, r: symbol(p.value) / 2 })),
    box,
  );
  const held = namesHeld(box.height, opts.fontSize);
  // a site with no dispute is not among the busiest: a year before the records named seven sites "0"
  const ranked = onMap
    .map((p, i) => ({ p, i }))
    .filter((r) => r.p.value > 0)
    .sort((a, b) => b.p.value - a.p.value || a.p.name.localeCompare(b.p.name));
  const namedIndex = new Set(ranked.slice(0, held).map((r) => r.i));
  // y grows downwards on the map, upwards on the axis
  const row = (p: SitePoint, i: number) => [spread[i]!.x / box.width, 1 - spread[i]!.y / box.height, p.value, p.name];
  const named = onMap.flatMap((p, i) => (namedIndex.has(i) ? [row(p, i)] : []));
  const unnamed = onMap.flatMap((p, i) => (namedIndex.has(i) ? [] : [row(p, i)]));
  return { option: mapOption(named, unnamed, symbol, opts), placed: onMap.length, named: named.length };
}

function mapOption(named: unknown[][], unnamed: unknown[][], symbol: (value: number) => number, opts: { fontSize: number; colour: string }): ChartOption {
  const circles = {
    type: 'scatter',
    encode: { x: 0, y: 1, tooltip: [3, 2] },
    symbolSize: (row: unknown[]) => symbol(Number(row[2])),
    itemStyle: { color: opts.colour, opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
  };
  return {
    animation: false,
    grid: { left: 4, right: `${Math.round((1 - MAP_LABEL_COLUMN + 0.02) * 100)}%`, top: 4, bottom: 4 },
    xAxis: { type: 'value', min: 0, max: 1, show: false },
    yAxis: { type: 'value', min: 0, max: 1, show: false },
    // the outline is one item (one polygon), drawn from the authored points
    dataset: [{ source: [[0.5, 0.5]] }, { source: named }, { source: unnamed }],
    series: [
      {
        type: 'custom',
        datasetIndex: 0,
        silent: true,
        renderItem: (_params: unknown, api: { coord: (p: number[]) => number[] }) => ({
          type: 'polygon',
          shape: { points: districtOutline.map(([x, y]) => api.coord([x, 1 - y])) },
          style: { fill: '#eef0f3', stroke: '#8a9099', lineWidth: 2 },
        }),
        encode: { x: 0, y: 1 },
      },
      {
        ...circles,
        datasetIndex: 1,
        // on a light plate, read across the room
        label: {
          show: true,
          position: 'right',
          fontSize: opts.fontSize,
          color: '#1a1a1a',
          backgroundColor: 'rgba(255, 255, 255, 0.88)',
          padding: [2, 6],
          borderRadius: 4,
          formatter: (p: { value: unknown[] }) => `${String(p.value[3])} ${String(p.value[2])}`,
        },
        labelLine: { show: true, lineStyle: { color: '#5b6068', width: 1.5 } },
        // as many names as the column holds (namesHeld); hideOverlap only guards a miscount
        labelLayout: { x: `${MAP_LABEL_COLUMN * 100}%`, moveOverlap: 'shiftY', hideOverlap: true },
      },
      // the sites the column has no room for: circles only, counted in the panel's heading
      { ...circles, datasetIndex: 2 },
    ],
  };
}

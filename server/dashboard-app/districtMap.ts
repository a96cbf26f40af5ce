import type { DirectoryAnswer } from '../../shared/dashboard/api.js';
import type { ChartOption } from './charts.js';

// The district on a schematic map drawn by us (no map tiles, nothing from the internet): an
// outline authored once as a polygon in the 0..1 square staff place sites in (0 left/top, 1
// right/bottom), and each site a circle sized by its count. A site without a position is left off
// the map (it still counts everywhere else). The names stand in a column beside the district, each
// joined to its circle by a line and kept in the circles' north-to-south order, pushed apart where
// they would touch (ECharts' labelLayout: x, moveOverlap 'shiftY'): sites close together on the
// map no longer put one's name across another's circle or over another name.

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

export function districtMapOption(dir: DirectoryAnswer, points: readonly SitePoint[], opts: { fontSize: number; maxSymbol: number; colour: string }): ChartOption {
  const placed = new Map(dir.sites.filter((s) => s.mapX !== null && s.mapY !== null).map((s) => [s.siteId, s]));
  const max = Math.max(1, ...points.map((p) => p.value));
  const source = points
    .filter((p) => placed.has(p.siteId))
    .map((p) => {
      const s = placed.get(p.siteId)!;
      // y grows downwards on the map, upwards on the axis
      return [s.mapX!, 1 - s.mapY!, p.value, p.name];
    });
  return {
    animation: false,
    grid: { left: 4, right: `${Math.round((1 - MAP_LABEL_COLUMN + 0.02) * 100)}%`, top: 4, bottom: 4 },
    xAxis: { type: 'value', min: 0, max: 1, show: false },
    yAxis: { type: 'value', min: 0, max: 1, show: false },
    // the outline is one item (one polygon), drawn from the authored points
    dataset: [{ source: [[0.5, 0.5]] }, { source }],
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
        type: 'scatter',
        datasetIndex: 1,
        encode: { x: 0, y: 1, tooltip: [3, 2] },
        symbolSize: (row: unknown[]) => 10 + (opts.maxSymbol - 10) * Math.sqrt(Number(row[2]) / max),
        itemStyle: { color: opts.colour, opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
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
        // more names than the column holds: ECharts keeps the larger circle's (the circle stays either way)
        labelLayout: { x: `${MAP_LABEL_COLUMN * 100}%`, moveOverlap: 'shiftY', hideOverlap: true },
      },
    ],
  };
}

import { BarChart, CustomChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

// ECharts as the pages use it: only the charts and components they draw (and the label layout
// that hides labels colliding on the district map), the canvas renderer,
// data through `dataset` + `encode`, and every chart resized when its container changes size
// (the wall's grid, a working view's column).

echarts.use([BarChart, LineChart, PieChart, ScatterChart, CustomChart, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, LabelLayout, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface MountedChart {
  set(option: ChartOption): void;
  dispose(): void;
}

export function mountChart(container: HTMLElement, onClick?: (name: string, dataIndex: number) => void): MountedChart {
  const chart = echarts.init(container, null, { renderer: 'canvas' });
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(container);
  if (onClick) chart.on('click', (p) => onClick(String(p.name), p.dataIndex));
  return {
    set: (option) => chart.setOption(option, { notMerge: true }),
    dispose: () => {
      resize.disconnect();
      chart.dispose();
    },
  };
}

/** The palette the charts share (the court's red first), readable on white and across a room. */
export const seriesColours = ['#a31515', '#1a5fb4', '#1c6b3a', '#8a4b00', '#5b3f8c', '#00707a', '#6b6b6b'];

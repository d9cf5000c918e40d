/**
 * An ECharts chart (SVG renderer: sharp in print and at 200% zoom). The chart is an image for
 * screen readers with a summary as its label; the same data is always available as a table.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkPointComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  LineChart,
  SankeyChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkPointComponent,
  SVGRenderer,
]);

export const PALETTE = [
  '#24578f',
  '#e17000',
  '#39870c',
  '#a90061',
  '#5e4b8b',
  '#007bc7',
  '#ca005d',
  '#777c00',
  '#01689b',
  '#8f4a00',
];

export function Chart({ option, label, height = 280 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ color: PALETTE, textStyle: { fontFamily: 'inherit' }, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} className="zicht-chart" style={{ height }} />;
}

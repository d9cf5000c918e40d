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

/**
 * Series colours: the secondary colours of the Utrecht design tokens (@utrecht/design-tokens), in an
 * order where neighbours differ in hue and lightness. Lime and yellow are left out (too light on white)
 * and so is the bright blue (too close to navy). The values here are the tokens' own; a theme that
 * sets the CSS variables differently wins (see palette()).
 */
const TOKENS: ReadonlyArray<readonly [variable: string, value: string]> = [
  ['--utrecht-color-secondary-navy', '#1c4181'],
  ['--utrecht-color-secondary-orange', '#ff6e00'],
  ['--utrecht-color-secondary-green', '#32ab27'],
  ['--utrecht-color-secondary-magenta', '#f02198'],
  ['--utrecht-color-secondary-purple', '#762cd1'],
  ['--utrecht-color-secondary-cyan', '#009ed4'],
  ['--utrecht-color-secondary-brown', '#ad643b'],
  ['--utrecht-color-secondary-red', '#cc0000'],
  ['--utrecht-color-secondary-grey', '#757575'],
  ['--utrecht-color-secondary-blue', '#006dff'],
];
export const PALETTE: readonly string[] = TOKENS.map(([, v]) => v);

/** The palette as the page's CSS variables have it (a theme may override the tokens). */
export function palette(): string[] {
  const css = getComputedStyle(document.documentElement);
  return TOKENS.map(([name, fallback]) => css.getPropertyValue(name).trim() || fallback);
}

/** CSS pixels across an A4 page between margins of 12 mm (186 mm at 96 px per inch). */
const PRINT_WIDTH = 700;

let legendFont = '12px sans-serif';
const LEGEND_LINE = 22; // px per legend line: ECharts' item height (14) plus the gap between lines
let measure: CanvasRenderingContext2D | null = null;
function textWidth(s: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return s.length * 7;
  measure.font = legendFont;
  return measure.measureText(s).width;
}

/** How many lines a plain (wrapping) legend of these names takes in the given width. */
export function legendLines(names: readonly string[], width: number, itemGap = 10): number {
  let lines = 1;
  let x = 0;
  for (const n of names) {
    const w = 25 + 5 + textWidth(n); // icon, gap to its text, the text
    if (x > 0 && x + w > width) {
      lines++;
      x = 0;
    }
    x += w + itemGap;
  }
  return lines;
}

type Legend = { type?: string; itemGap?: number; show?: boolean; [k: string]: unknown };
type Grid = { bottom?: number | string; [k: string]: unknown };

/**
 * Legends never page (a hidden name behind arrows is a hidden series): every legend is ECharts' plain
 * type, which wraps onto more lines, and the grid above it moves up by the lines beyond the first one
 * the option already left room for.
 */
function withWrappingLegend(option: EChartsCoreOption, width: number): EChartsCoreOption {
  const legend = option.legend as Legend | undefined;
  if (!legend || legend.show === false) return option;
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as Array<{
    name?: string;
  }>;
  const names = [...new Set(series.map((s) => s.name).filter((n): n is string => Boolean(n)))];
  const itemGap = legend.itemGap ?? 10;
  const extra = (legendLines(names, width - 16, itemGap) - 1) * LEGEND_LINE;
  const grow = (g: Grid): Grid => (typeof g.bottom === 'number' ? { ...g, bottom: g.bottom + extra } : g);
  const grid = option.grid as Grid | Grid[] | undefined;
  return {
    ...option,
    legend: { ...legend, type: 'plain', left: 8, right: 8, itemGap },
    ...(grid && extra > 0 ? { grid: Array.isArray(grid) ? grid.map(grow) : grow(grid) } : {}),
  };
}

export function Chart({ option, label, height = 280 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    // the instance on its element, for inspection (the browser tests read the option the chart draws)
    Object.defineProperty(el, 'zichtChart', { value: chart, configurable: true });
    let lines = 0;
    const font = getComputedStyle(el).fontFamily || 'sans-serif';
    legendFont = `12px ${font}`;
    const draw = () => {
      const o = withWrappingLegend(option, el.clientWidth);
      const grid = o.grid as Grid | Grid[] | undefined;
      const g = Array.isArray(grid) ? grid[0] : grid;
      const base = (Array.isArray(option.grid) ? option.grid[0] : option.grid) as Grid | undefined;
      const extra = typeof g?.bottom === 'number' && typeof base?.bottom === 'number' ? g.bottom - base.bottom : 0;
      // the container grows by the legend's extra lines, so the plot keeps its height
      el.style.height = `${height + extra}px`;
      if (extra !== lines) chart.resize();
      lines = extra;
      // the page's own font by name: with "inherit" ECharts measured its text in another font than the SVG
      // then drew, and legend items ran into each other
      chart.setOption({ color: palette(), textStyle: { fontFamily: font }, ...o }, { notMerge: true });
    };
    draw();
    const resize = () => {
      draw();
      chart.resize();
    };
    window.addEventListener('resize', resize);
    // on paper the chart is drawn again at the width of an A4 page (its text stays readable there);
    // beforeprint for the browser's print, the media query for a print preview or emulation
    const print = window.matchMedia('print');
    const toPaper = () => chart.resize({ width: Math.min(el.clientWidth || PRINT_WIDTH, PRINT_WIDTH) });
    const onMedia = () => (print.matches ? toPaper() : resize());
    print.addEventListener('change', onMedia);
    window.addEventListener('beforeprint', toPaper);
    window.addEventListener('afterprint', resize);
    return () => {
      window.removeEventListener('resize', resize);
      print.removeEventListener('change', onMedia);
      window.removeEventListener('beforeprint', toPaper);
      window.removeEventListener('afterprint', resize);
      chart.dispose();
    };
  }, [option, height]);
  return <div ref={ref} role="img" aria-label={label} className="zicht-chart" style={{ height }} />;
}

/**
 * Care paths as a flow diagram (ECharts Sankey). Transitions run both ways (ambulant → verblijf and
 * back), and a Sankey cannot draw cycles, so the diagram has two columns: where youths came from
 * on the left, where they went on the right.
 */
import type { EChartsCoreOption } from 'echarts/core';

interface Transition {
  readonly key: string | null;
  readonly value: number | null;
}

export function flowOption(rows: readonly Transition[], unitLabel: (v: number) => string): EChartsCoreOption | null {
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (!r.key || r.value === null || !r.key.includes('→')) continue;
    sums.set(r.key, (sums.get(r.key) ?? 0) + r.value);
  }
  if (sums.size === 0) return null;
  const links = [...sums].map(([k, v]) => {
    const [from, to] = k.split('→').map((s) => s.trim()) as [string, string];
    return { source: from, target: `naar ${to}`, value: v };
  });
  const nodes = [...new Set(links.flatMap((l) => [l.source, l.target]))].map((name) => ({ name }));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { source?: string; target?: string; value: number; name?: string } }) =>
        p.data.source ? `${p.data.source} ${p.data.target}: ${unitLabel(p.data.value)}` : `${p.data.name ?? ''}`,
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 150,
        top: 8,
        bottom: 8,
        nodeAlign: 'justify',
        emphasis: { focus: 'adjacency' },
        data: nodes,
        links,
        lineStyle: { color: 'gradient', opacity: 0.45 },
        label: { fontSize: 12, color: '#1d1d1d', position: 'right' },
      },
    ],
  };
}

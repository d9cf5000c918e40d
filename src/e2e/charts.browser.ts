/**
 * Charts that fit their data, phones and paper (issue 16 points 7 and 8), in chromium on the region
 * demo: one unit per chart axis (Wachttijden), provider bars sorted with at most ten plus "overige",
 * budget burn as the year to date against the straight line, legends that wrap instead of paging,
 * the first figure above the fold at 390 px, wide tables with a fixed first column (and the verdict
 * in view on Vergelijken), and a print stylesheet without navigation that names gemeente and period.
 * The chart's option is read from the instance the Chart component leaves on its element.
 * Runs inside the web application suite (browser.test.ts) on its demo server and browser: one demo region and one
 * lens for both, where each file built its own (about two minutes of the suite's run).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../server/serve.js';

const SHOTS = resolve('test-output/screenshots');

/** What a chart draws, as read from its ECharts instance in the page. */
interface Drawn {
  xAxis: Array<{ data?: string[]; name?: string }>;
  yAxis: Array<{ data?: string[]; name?: string; type?: string }>;
  legend: Array<{ type?: string }>;
  series: Array<{ name: string; type: string; xAxisIndex?: number; yAxisIndex?: number; data: unknown[] }>;
}

/** What the web application suite lends the charts suite: its server and its log-in with a reused session. */
export interface ChartsEnv {
  server: RunningServer;
  loggedIn(
    username: string,
    opts: { viewport?: { width: number; height: number } },
  ): Promise<{ ctx: BrowserContext; page: Page }>;
}

export function chartsSuite(env: () => ChartsEnv): void {
  describe('charts, phone and print in chromium', () => {
    /** The controller (one gemeente, money figures), logged in once by the suite; later pages reuse the session. */
    const page = (viewport = { width: 1280, height: 900 }) => env().loggedIn('controller', { viewport });
    let server: RunningServer;
    before(() => {
      server = env().server;
      mkdirSync(SHOTS, { recursive: true });
    });

    async function settled(p: Page): Promise<void> {
      await p.waitForLoadState('networkidle', { timeout: 90_000 }); // a loaded CI machine took over 30 s
      await p.waitForFunction("!document.body.innerText.includes('Bezig met laden')", undefined, { timeout: 60_000 });
    }

    /** The option of the chart in the panel whose heading has this id. */
    async function drawn(p: Page, headingId: string): Promise<Drawn> {
      await p.locator(`section:has(#${headingId}) .zicht-chart svg`).first().waitFor();
      return (await p.evaluate(`(() => {
        const el = document.getElementById(${JSON.stringify(headingId)}).closest('section').querySelector('.zicht-chart');
        const o = el.zichtChart.getOption();
        return { xAxis: o.xAxis ?? [], yAxis: o.yAxis ?? [], legend: o.legend ?? [],
          series: o.series.map((s) => ({ name: s.name, type: s.type, xAxisIndex: s.xAxisIndex, yAxisIndex: s.yAxisIndex,
            data: s.data.map((d) => (d !== null && typeof d === 'object' && 'value' in d ? d.value : d)) })) };
      })()`)) as Drawn;
    }

    it('Wachttijden: days and the share within the norm each on an axis of their own unit', async () => {
      const { ctx, page: p } = await page();
      await p.goto(`${server.url}/wachttijden`);
      await settled(p);
      for (const id of ['wait_request_to_allocation', 'wait_allocation_to_start']) {
        const o = await drawn(p, `ind-${id}-statistiek`);
        const axisOf = (label: string) => o.xAxis.findIndex((a) => a.data?.includes(label));
        const [days, share] = [axisOf('mediaan'), axisOf('binnen de norm')];
        assert.ok(days >= 0 && share >= 0, `${id}: both drawn (${JSON.stringify(o.xAxis)})`);
        assert.notEqual(days, share, `${id}: the share is not on the days axis`);
        assert.equal(o.yAxis[days]!.name, 'dagen');
        assert.equal(o.yAxis[share]!.name, '%');
        assert.ok(o.xAxis[days]!.data!.includes('90e percentiel'), 'p90 beside the median, in days');
        for (const s of o.series)
          assert.equal(s.xAxisIndex ?? 0, s.yAxisIndex ?? 0, 'a series on its own pair of axes');
        for (const s of o.series.filter((x) => (x.yAxisIndex ?? 0) === share))
          for (const v of s.data) assert.ok(v === null || (Number(v) >= 0 && Number(v) <= 100), `${v} is a share`);
        assert.ok(
          o.legend.every((l) => l.type === 'plain'),
          'the legend wraps, never pages',
        );
      }
      await p
        .locator('section:has(#ind-wait_request_to_allocation-statistiek)')
        .screenshot({ path: join(SHOTS, 'charts-wachttijden.png') });
      await ctx.close();
    });

    it('Aanbieders: sorted horizontal bars of at most ten providers by name plus "overige"', async () => {
      const { ctx, page: p } = await page();
      await p.goto(`${server.url}/aanbieders`);
      await settled(p);
      const o = await drawn(p, 'ind-cost_total-aanbieder');
      const names = o.yAxis[0]!.data!;
      assert.equal(o.yAxis[0]!.type, 'category', 'bars across: names on the vertical axis');
      assert.ok(names.length >= 2 && names.length <= 11, `${names.length} bars`);
      const top = names.at(-1)!.startsWith('overige') ? names.slice(0, -1) : names;
      assert.ok(top.length <= 10);
      for (const n of top) assert.ok(!/^\d{8}$/.test(n.trim()), `"${n}" is a name, not a bare AGB code`);
      const values = (o.series[0]!.data as Array<number | null>).slice(0, top.length);
      for (let i = 1; i < values.length; i++)
        if (values[i] !== null && values[i - 1] !== null)
          assert.ok(values[i]! <= values[i - 1]!, `largest first: ${values.join(', ')}`);
      await p
        .locator('section:has(#ind-cost_total-aanbieder)')
        .screenshot({ path: join(SHOTS, 'charts-aanbieders.png') });
      await ctx.close();
    });

    it('budget burn: the year to date per month, rising, against the straight line budget × month/12', async () => {
      const { ctx, page: p } = await page();
      await p.goto(`${server.url}/geld`);
      await settled(p);
      const o = await drawn(p, 'ind-budget_burn-totaal');
      const months = o.xAxis[0]!.data!;
      assert.ok(months.length >= 2 && months.length <= 12, `${months.length} months`);
      assert.equal(months[0], 'jan', 'from January');
      const line = o.series.find((s) => s.name.startsWith('rechte lijn'));
      assert.ok(line, 'the straight-line norm is drawn');
      assert.deepEqual(
        line.data,
        months.map((_, i) => Math.round((100_000 * (i + 1)) / 12) / 1000),
      );
      const burn = o.series.find((s) => s !== line)!.data as Array<number | null>;
      const known = burn.filter((v): v is number => v !== null);
      assert.ok(known.length >= 2, 'burn values per month');
      for (let i = 1; i < known.length; i++)
        assert.ok(known[i]! >= known[i - 1]!, `cumulative, never down: ${known.join(', ')}`);
      await p.locator('section:has(#ind-budget_burn-totaal)').screenshot({ path: join(SHOTS, 'charts-budget.png') });
      await ctx.close();
    });

    it('a phone (390 px): the first figure above the fold, tables scroll with the first column fixed, the verdict in view', async () => {
      const { ctx, page: p } = await page({ width: 390, height: 844 });
      await p.goto(`${server.url}/overzicht`);
      await settled(p);
      // the headline tiles load on their own: the first figure is the first tile's
      await p.locator('.zicht-tile-figure').first().waitFor();
      const first = await p.locator('.zicht-tile-figure').first().boundingBox();
      assert.ok(first && first.y + first.height <= 844, `first figure ends at ${first && first.y + first.height}px`);
      await p.screenshot({ path: join(SHOTS, 'charts-overzicht-telefoon.png') });
      // a wide table scrolled sideways keeps its first column where it was
      await p.goto(`${server.url}/wachttijden`);
      await settled(p);
      const panel = p.locator('section:has(#ind-wait_request_to_allocation-statistiek)');
      await panel.getByRole('button', { name: 'Tabel', exact: true }).click();
      const wrap = panel.locator('.zicht-table-wrap');
      const cell = wrap.locator('tbody tr').first().locator('td, th').first();
      const firstCell =
        "document.querySelector('section:has(#ind-wait_request_to_allocation-statistiek) .zicht-table-wrap tbody tr > *')";
      assert.equal(await p.evaluate(`getComputedStyle(${firstCell}).position`), 'sticky');
      const before = (await cell.boundingBox())!.x;
      const scrolled = Number(
        await p.evaluate(
          `(${firstCell}.closest('.zicht-table-wrap').scrollLeft = 400, ${firstCell}.closest('.zicht-table-wrap').scrollLeft)`,
        ),
      );
      assert.ok(scrolled > 0, 'the table is wider than the phone');
      assert.equal((await cell.boundingBox())!.x, before, 'the first column stays');
      // Vergelijken: the verdict column is in view without scrolling
      await p.goto(`${server.url}/vergelijken`);
      await settled(p);
      const verdict = p.getByRole('columnheader', { name: 'Oordeel' });
      await verdict.waitFor();
      const box = (await verdict.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 390, `verdict column at ${box.x}–${box.x + box.width}px`);
      await ctx.close();
    });

    it('print: no navigation, filters or buttons; the heading names gemeente and period; charts fit A4', async () => {
      const { ctx, page: p } = await page();
      await p.goto(`${server.url}/overzicht`);
      await settled(p);
      const title = p.getByRole('heading', { level: 1 });
      assert.equal(await p.locator('.zicht-print-only').first().isVisible(), false, 'on screen the filters say it');
      await p.emulateMedia({ media: 'print' });
      assert.equal(await p.getByRole('navigation').first().isVisible(), false, 'no menu on paper');
      assert.equal(await p.locator('.zicht-filters').isVisible(), false, 'no filters on paper');
      assert.equal(await p.getByRole('button').filter({ visible: true }).count(), 0, 'no buttons on paper');
      const heading = await title.innerText();
      const gemeente = (await p.evaluate("fetch('/api/v1/me').then((r) => r.json())")) as {
        gemeenten: Array<{ name: string }>;
      };
      assert.ok(heading.includes(gemeente.gemeenten[0]!.name), `"${heading}" names the gemeente`);
      assert.match(heading, /(halfjaar|kwartaal|\d{4})/, `"${heading}" names the period`);
      await p.waitForTimeout(200);
      const widths = (await p.evaluate(
        "[...document.querySelectorAll('.zicht-chart svg')].map((e) => e.getBoundingClientRect().width)",
      )) as number[];
      assert.ok(widths.length > 0);
      // 186 mm between the page margins at 96 px per inch
      for (const w of widths) assert.ok(w <= 703, `a chart of ${w}px fits the width of A4`);
      await p.emulateMedia({ media: 'screen' });
      await ctx.close();
    });

    it('screenshots of the Overzicht at desktop and phone width (README)', async () => {
      for (const [name, viewport] of [
        ['overzicht-desktop', { width: 1280, height: 900 }],
        ['overzicht-telefoon', { width: 390, height: 844 }],
      ] as const) {
        const { ctx, page: p } = await page(viewport);
        await p.goto(`${server.url}/overzicht`);
        // the tiles and the charts below them load on their own after the page itself
        await p.locator('.zicht-tile-figure').first().waitFor();
        await p.locator('.zicht-chart svg').first().waitFor();
        await settled(p);
        await p.screenshot({ path: join(SHOTS, `charts-${name}.png`) });
        await ctx.close();
      }
    });
  });
}

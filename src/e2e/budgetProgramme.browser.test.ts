/**
 * Geld's table "Begroting en realisatie per programma, met reserves" (issue 19) in chromium on the small server
 * fixture with a budget file of two programmes, a draw-down and an addition: Dutch amounts and percentages, the
 * definition shown above the table, words for the taakvelden, the split switch, and no WCAG 2.1 AA violations (axe).
 * The figures themselves: src/indicators/budgetProgramme.handworked.test.ts. Skipped when chromium is missing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip as skip, pageFixture, settled, type PageFixture } from '../testing/browser.js';

const BUDGET =
  'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro;programma;reserve_euro;reserve_naam\n' +
  '9001;2024;6.72a;1000000,00;812345,00;Jeugd — specialistisch;50000,00;Reserve sociaal domein\n' +
  '9001;2024;6.72b;400000,00;433000,01;Jeugd — specialistisch;;\n' +
  '9001;2024;6.82a;300000,00;255000,00;Jeugd — veiligheid;-20000,00;Reserve sociaal domein\n';

describe('Geld: budget per programme in chromium (issue 19)', { skip, timeout: 300_000 }, () => {
  let p: PageFixture;
  before(
    async () => {
      p = await pageFixture({ files: { 'budget.csv': BUDGET } });
    },
    { timeout: 120_000 },
  );
  after(async () => p?.close(), { timeout: 60_000 });

  it('controller: the table per programme and per taakveld, Dutch formats, definition shown, no axe violations', async () => {
    const { page, errors } = await p.as('controller');
    await page.goto(`${p.url}/geld?gemeente=9001&periode=2024`);
    const panel = page.getByRole('region', { name: 'Begroting en realisatie per programma, met reserves' });
    await panel.getByRole('table').waitFor();
    await settled(page);
    const table = await panel.getByRole('table').innerText();
    assert.match(table, /Jeugd — specialistisch/);
    // € 1.400.000 budget, € 50.000 draw-down, 88,953% shown at one decimal; the addition of € 20.000 negative
    assert.match(table, /€\s?1\.400\.000/);
    assert.match(table, /€\s?50\.000/);
    assert.match(table, /89,0%/);
    assert.match(table, /−\s?€\s?20\.000|-\s?€\s?20\.000|€\s?-20\.000|€\s?−20\.000/);
    assert.match(await panel.innerText(), /niet de som van declaraties en betalingen/);
    await panel.getByLabel('Per', { exact: true }).selectOption('post');
    await panel.getByText('Maatwerkdienstverlening 18- (taakveld 6.72a)').waitFor();
    assert.match(await panel.getByRole('table').innerText(), /Jeugdbescherming \(taakveld 6\.82a\)/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });
});

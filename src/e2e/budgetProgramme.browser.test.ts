/**
 * Geld in chromium (issue 19) on the small server fixture with a budget file of two programmes, a draw-down and an
 * addition, and contracts paid outside iJw (a lump sum with an AGB code, a consortium's, a tranche, a subsidy):
 * - the table "Begroting en realisatie per programma, met reserves": Dutch amounts and percentages, the definition
 *   shown above the table, words for the taakvelden, the split switch;
 * - the panel "kosten per jeugdige naar financieringsvorm": measures and forms in words, Dutch amounts, the definition
 *   one click away, its CSV download; and the trancheboek and lumpsum panels beside it with theirs;
 * and no WCAG 2.1 AA violations (axe). The figures themselves: src/indicators/budgetProgramme.handworked.test.ts and
 * src/indicators/costPerYouthByForm.handworked.test.ts. Skipped when chromium is missing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, browserSkip as skip, pageFixture, settled, type PageFixture } from '../testing/browser.js';

const BUDGET =
  'gemeente;jaar;taakveld_of_post;begroot_euro;gerealiseerd_euro;programma;reserve_euro;reserve_naam\n' +
  '9001;2024;6.72a;1000000,00;812345,00;Jeugd — specialistisch;50000,00;Reserve sociaal domein\n' +
  '9001;2024;6.72b;400000,00;433000,01;Jeugd — specialistisch;;\n' +
  '9001;2024;6.82a;300000,00;255000,00;Jeugd — veiligheid;-20000,00;Reserve sociaal domein\n';

// 9001: C-TAAK (AGB 22222222, category 45) serves the fixture's T12–T14; C-CONS has no AGB; C-RES pays a tranche for
// T0; C-SUB is a subsidy
const CONTRACTS =
  'contract_id;naam;aanbieder_agb;consortium;perceel;financieringsvorm;tranches;productcategorieen;productcodes;plafond_euro;startdatum;einddatum;verlengingen;verlengingen_benut;evaluatiemomenten;gemeenten\n' +
  'C-TAAK;Wijkteam;22222222;;;taakgericht;;45;;;2024-01-01;2024-12-31;;;;9001\n' +
  'C-CONS;Consortium;;Samen;;taakgericht;;;;;2024-01-01;2024-12-31;;;;9001\n' +
  'C-RES;Resultaat;11111111;;;resultaat;50 start | 50 doelrealisatie;45;;;2024-01-01;2026-12-31;;;;9001\n' +
  'C-SUB;Preventie;;Welzijn;;subsidie;;;;;2024-01-01;2024-12-31;;;;9001\n';
const PAYMENTS =
  'betaling_id;contract_id;gemeente;periode;soort;tranche_nummer;bedrag_euro;client_id;traject_id\n' +
  'L-03;C-TAAK;9001;2024-03;termijn;;3100,00;;\n' +
  'K-03;C-CONS;9001;2024-03;termijn;;1200,00;;\n' +
  'T-03;C-RES;9001;2024-03;tranche;1;900,00;;T0\n' +
  'S-03;C-SUB;9001;2024-03;subsidie;;500,00;;\n';

describe(
  'Geld: budget per programme and cost per youth by form in chromium (issue 19)',
  { skip, timeout: 300_000 },
  () => {
    let p: PageFixture;
    before(
      async () => {
        p = await pageFixture({
          files: { 'budget.csv': BUDGET, 'contracten.csv': CONTRACTS, 'betalingen.csv': PAYMENTS },
        });
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

    it('controller: cost per youth by form in words and Dutch amounts, its definition and CSV, no axe violations', async () => {
      const { page, errors } = await p.as('controller');
      await page.goto(`${p.url}/geld?gemeente=9001&periode=2024`);
      const panel = page.getByRole('region', { name: /^kosten per jeugdige naar financieringsvorm/ });
      await panel.getByRole('button', { name: 'Tabel', exact: true }).click();
      await panel.getByRole('table').waitFor();
      await settled(page);
      const table = await panel.getByRole('table').innerText();
      // taakgericht: € 3.100 + € 1.200 = € 4.300; C-TAAK served T12–T14: 3 youths; the consortium's € 1.200 reaches no
      // one; (4.300 − 1.200) ÷ 3 = € 1.033,33, shown in whole euros
      assert.match(table, /kosten — taakgericht \(vast budget\)\s+€\s?4\.300/);
      assert.match(table, /jeugdigen bereikt — taakgericht \(vast budget\)\s+3\b/);
      assert.match(table, /niet toe te rekenen aan een jeugdige — taakgericht \(vast budget\)\s+€\s?1\.200/);
      assert.match(table, /kosten per bereikte jeugdige — taakgericht \(vast budget\)\s+€\s?1\.033/);
      // claims: 16 lines of € 400 + 10 × i (i = 0…14) and € 690 = € 7.740 over 16 youths = € 483,75 → € 484
      assert.match(table, /kosten per bereikte jeugdige — declaraties \(prijs × aantal\)\s+€\s?484/);
      // the subsidy reaches no identifiable youth: no amount per youth
      assert.match(table, /kosten per bereikte jeugdige — subsidie[^\n]*\s+–/);
      assert.doesNotMatch(table, /per_jeugdige|niet_toegerekend|\|/, 'no codes in the table');
      await panel.locator('summary', { hasText: 'Definitie' }).click();
      assert.match(
        await panel.locator('details').first().innerText(),
        /jeugdigen die het contract in de periode bediende/,
      );
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        panel.getByRole('button', { name: 'Download de gegevens (CSV)' }).click(),
      ]);
      const file = join(p.f.dataDir, 'kosten-per-vorm.csv');
      await download.saveAs(file);
      assert.equal(download.suggestedFilename(), 'cost_per_youth_by_form-2024.csv');
      const csv = readFileSync(file, 'utf8');
      // the exact amount per youth to the cent, the key as a code beside its words
      assert.match(
        csv,
        /;"?per_jeugdige\|taakgericht"?;"?kosten per bereikte jeugdige — taakgericht \(vast budget\)"?;1033,33;3100;3;/,
      );
      // the tranche ledger and the lump sums beside it have their CSV too
      for (const name of [/^trancheboek resultaatfinanciering/, /^lumpsum tegen gerealiseerd volume/]) {
        const other = page.getByRole('region', { name });
        await other.getByRole('button', { name: 'Download de gegevens (CSV)' }).waitFor();
      }
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(errors, []);
    });
  },
);

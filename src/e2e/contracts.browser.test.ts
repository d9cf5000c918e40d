/**
 * The page Contracten (issue 19) in chromium on the small server fixture with one contract that ends within six
 * months while 13 youths run with its provider: the menu offers it to the contractmanager (not to the bestuur), the
 * table shows Dutch dates and amounts, the warning is in words, and axe finds no WCAG 2.1 AA violations; and the same
 * contract, with a tariff, in the section Contract of the Kwartaalgesprek. Skipped when chromium is missing. Figures
 * themselves: src/server/contracts.test.ts, src/reports/contractSection.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip as skip, pageFixture, type PageFixture } from '../testing/browser.js';

const CONTRACTS =
  'contract_id;naam;aanbieder_agb;financieringsvorm;plafond_euro;startdatum;einddatum;verlengingen;gemeenten\n' +
  'C-A;Ambulant Een;11111111;inspanningsgericht;10000;2022-01-01;2024-12-31;1+1;9001\n';
// the fixture's claims are € 110 an hour for 45A01: against them the provider's effective price in 2024Q1
const TARIFFS =
  'contract_id;productcategorie;productcode;eenheid;tarief_euro;geldig_van;geldig_tot\n' +
  'C-A;45;45A01;04;110,00;2024-01-01;2024-12-31\n';

describe('Contracten in chromium (issue 19)', { skip, timeout: 300_000 }, () => {
  let p: PageFixture;
  let url: string;
  before(
    async () => {
      p = await pageFixture({ files: { 'contracten.csv': CONTRACTS, 'contracttarieven.csv': TARIFFS } });
      url = p.url;
    },
    { timeout: 120_000 },
  );
  after(async () => p?.close(), { timeout: 60_000 });
  const as = (username: string) => p.as(username);

  it('bestuur has no Contracten in its menu', async () => {
    const { page } = await as('bestuur');
    assert.equal(await page.getByRole('link', { name: 'Contracten' }).count(), 0);
  });

  it('contractmanager: the register with Dutch formats, the warning in words, no axe violations', async () => {
    const { page, errors } = await as('contractmanager');
    await page.getByRole('link', { name: 'Contracten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contracten' }).waitFor();
    await page.goto(`${url}/contracten?peildatum=2024-09-15`);
    await page.getByRole('heading', { level: 2, name: 'Contracten op 15 september 2024' }).waitFor();
    const table = await page.getByRole('table').first().innerText();
    assert.match(table, /Ambulant Een \(C-A\)/);
    // words, not codes: no snake_case identifier, no AGB code without saying so (as src/e2e/browser.test.ts)
    assert.doesNotMatch(table, /\b[a-z]+_[a-z_]+\b|(?<!AGB )\b\d{8}\b/);
    assert.match(table, /Aanbieder Een \(AGB 11111111\)/);
    assert.match(table, /inspanningsgericht \(prijs × aantal per tijdseenheid\)/);
    assert.match(table, /31 december 2024 \(verlengen of beëindigen\)/);
    // € 10.000 ceiling; claims € 6.150 = 61,5%
    assert.match(table, /€\s?10\.000/);
    assert.match(table, /€\s?6\.150 \(61,5% van het plafond\)/);
    assert.match(table, /eindigt binnen zes maanden terwijl 13 jeugdigen nog zorg krijgen/);
    // and above the table in a whole sentence, as an alert of its own
    const warning = 'het contract eindigt op 31 december 2024, binnen zes maanden, en 13 jeugdigen hebben nog';
    assert.ok(await page.locator('.utrecht-alert', { hasText: warning }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Download als CSV' }).isVisible());
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('Kwartaalgesprek: the contract manager records an agreement and its status; the report section shows it; no axe violations', async () => {
    const { page, errors } = await as('contractmanager');
    await page.goto(`${url}/kwartaalgesprek?gemeente=9001&aanbieder=11111111&kwartaal=2024Q2`);
    await page.getByRole('heading', { level: 2, name: 'Afspraken vastleggen en bijwerken' }).waitFor();
    const report = page.getByRole('region', { name: 'Afspraken', exact: true });
    assert.match(await report.innerText(), /nog geen afspraken vastgelegd/);
    await page.getByLabel('Afspraak', { exact: true }).fill('Wachtlijst ambulant terugbrengen naar zes weken');
    await page.getByLabel('Eigenaar').fill('J. de Vries');
    await page.getByLabel('Uiterlijk').fill('2024-09-30');
    await page.getByRole('button', { name: 'Afspraak vastleggen' }).click();
    await page.getByText('Afspraak vastgelegd.').waitFor();
    // the report section is made again with it: Dutch date, words for the status
    await report.getByText('Wachtlijst ambulant terugbrengen naar zes weken').waitFor();
    assert.match(await report.innerText(), /J\. de Vries\s+30-09-2024\s+open/);
    // the confirmation stays once the report is made again (it was unmounted with the panel and flashed by unseen)
    assert.ok(await page.getByText('Afspraak vastgelegd.').isVisible());
    await page.getByLabel(/^Stand van Wachtlijst/).selectOption('afgerond');
    await report.getByText('afgerond', { exact: true }).waitFor();
    assert.ok(await page.getByText('Stand bijgewerkt.').isVisible());
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('Kwartaalgesprek: the section Contract in words and Dutch formats; no axe violations', async () => {
    const { page, errors } = await as('contractmanager');
    await page.goto(`${url}/kwartaalgesprek?gemeente=9001&aanbieder=11111111&kwartaal=2024Q1`);
    const section = page.getByRole('region', { name: 'Contract', exact: true });
    await section.getByRole('heading', { level: 2, name: 'Contract' }).waitFor();
    const text = await section.innerText();
    // form in words, term as Dutch dates, options left
    assert.match(
      text,
      /Ambulant Een \(C-A\)\s+inspanningsgericht \(prijs × aantal per tijdseenheid\)\s+1 januari 2022\s+31 december 2024/,
    );
    assert.match(text, /2 van 2 over \(1\+1 jaar\)/);
    // claims K0–K11 and K29 in March 2024 = € 6.150 of € 10.000 = 61,5%; 3 months → 6.150 × 12 / 3 = € 24.600
    assert.match(text, /€\s?10\.000\s+€\s?6\.150\s+61,5%\s+€\s?24\.600\s+plafond dreigt overschreden/);
    assert.match(text, /Let op: bij Ambulant Een \(C-A\) dreigt het plafond overschreden te worden/);
    // € 6.150 over 52 hours = € 118,27 an hour against € 110,00: +7,5%
    assert.match(
      text,
      /45A01 \(categorie 45 Jeugdhulp ambulant\)\s+uur\s+1 januari 2024 t\/m 31 december 2024\s+€\s?110,00\s+€\s?118,27\s+7,5%/,
    );
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b|"inspanningsgericht"/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('Kwartaalgesprek: the provider’s own picture — volume, waits, product mix and price beside the regio', async () => {
    const { page, errors } = await as('contractmanager');
    await page.goto(`${url}/kwartaalgesprek?gemeente=9001&aanbieder=11111111&kwartaal=2024Q1`);
    const section = page.getByRole('region', { name: 'Het beeld van Aanbieder Een', exact: true });
    await section.getByRole('heading', { level: 2, name: 'Het beeld van Aanbieder Een' }).waitFor();
    const volume = await section.getByRole('table', { name: /^Volume en wachttijd 1e kwartaal 2024/ }).innerText();
    // 13 youths of Aanbieder Een of the regio's 30, all started 1 February 2024: asked 3 January (29 days), allocated
    // 8 January (24 days), all within the norms of 56 and 42 days
    assert.match(volume, /jeugdigen met jeugdhulp \(cliëntvolume\)\s+13\s+30/);
    assert.match(volume, /gestarte trajecten\s+13\s+30/);
    assert.match(volume, /wachttijd aanvraag → start zorg, mediaan\s+29 dagen\s+29 dagen/);
    assert.match(volume, /wachttijd toewijzing → start zorg, binnen de norm\s+100,0%\s+100,0%/);
    const mix = await section.getByRole('table', { name: /^Productmix en prijs per product/ }).innerText();
    // claims K0–K11 and K29 = € 6.150 over 13 children = € 473 (the report's whole euros); all providers € 16.350 over 30 = € 545
    assert.match(mix, /Jeugdhulp ambulant\s+45A01\s+13\s+13\s+–\s+€\s?6\.150\s+€\s?473\s+€\s?545$/m);
    assert.doesNotMatch(volume + mix, /\b[a-z]+_[a-z_]+\b/, 'no internal codes');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('Kwartaalgesprek: the provider itself reads its own picture as published, and no other provider', async () => {
    const { page, errors } = await as('aanbieder1');
    await page.goto(`${url}/kwartaalgesprek?gemeente=9001&aanbieder=11111111&kwartaal=2024Q1`);
    const section = page.getByRole('region', { name: 'Het beeld van Aanbieder Een', exact: true });
    await section.getByRole('heading', { level: 2, name: 'Het beeld van Aanbieder Een' }).waitFor();
    const text = await section.innerText();
    // 13 youths rounded to 15 (the external version); the regio's 30 stays 30
    assert.match(text, /jeugdigen met jeugdhulp \(cliëntvolume\)\s+15\s+30/);
    assert.doesNotMatch(text, /Aanbieder Twee|22222222/);
    assert.deepEqual(errors, []);
  });

  it('Kwartaalgesprek: bestuur reads the agreements in the report but gets no form to record them', async () => {
    const { page } = await as('bestuur');
    await page.goto(`${url}/kwartaalgesprek?gemeente=9001&aanbieder=11111111&kwartaal=2024Q2`);
    await page.getByRole('region', { name: 'Afspraken', exact: true }).getByText('Wachtlijst ambulant').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Afspraak vastleggen' }).count(), 0);
  });
});

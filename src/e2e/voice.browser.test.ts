/**
 * Issue 20 in chromium on the small server fixture: on Verhalen an analist tells a client's story about a theme
 * (with consent) and a professional's about a provider, and finds them grouped under "Over een thema" and "Over een
 * aanbieder" — the provider by name, never a bare code —; the form refuses a client story without consent in words;
 * the Kwartaalgesprek shows the provider's kwaliteitsmonitor beside the regio; and the page Kwaliteit gives complaints
 * per 1.000 by theme and provider and the experience score in words and Dutch numbers. Zero axe violations on each page.
 * The figures themselves: src/indicators/voice.handworked.test.ts, src/reports/qualitySection.test.ts; who reads
 * which story: src/server/storySubjects.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip as skip, pageFixture, settled, type PageFixture } from '../testing/browser.js';

const ERVARINGEN = [
  'gemeente;periode;aanbieder_agb;productcategorie;productcode;thema;vraag;score;aantal_antwoorden;aantal_uitgenodigd;aantal_positief',
  '9001;2024Q1;11111111;45;;algemeen;;7,5;40;100;30',
].join('\n');
// 2024: 12 complaints about Aanbieder Een's bejegening, 3 about a decision of the gemeente itself (no provider)
const KLACHTEN = [
  'klacht_id;gemeente;soort;thema;aanbieder_agb;datum;uitkomst;client_id',
  ...Array.from(
    { length: 12 },
    (_, i) => `K${i};9001;klacht;bejegening;11111111;2024-02-${String(i + 1).padStart(2, '0')};gegrond;`,
  ),
  ...Array.from({ length: 3 }, (_, i) => `B${i};9001;klacht;besluit_toegang;;2024-03-0${i + 1};ongegrond;`),
].join('\n');

describe('the voice of clients in chromium (issue 20)', { skip, timeout: 300_000 }, () => {
  let p: PageFixture;
  before(
    async () => {
      p = await pageFixture({ files: { 'ervaringen.csv': ERVARINGEN, 'klachten.csv': KLACHTEN } });
    },
    { timeout: 120_000 },
  );
  after(async () => p?.close(), { timeout: 60_000 });

  it('Verhalen: a story about a theme and one about a provider, grouped by subject, in words', async () => {
    const { page, errors } = await p.as('analist9001');
    await page.goto(`${p.url}/verhalen?gemeente=9001`);
    await settled(page);
    await page.getByRole('button', { name: 'Verhaal vertellen over een aanbieder, product of thema' }).click();
    const form = page.getByRole('form', { name: 'Verhaal vertellen' });
    // a client's story without consent is refused, in words
    await form.getByLabel('Thema', { exact: true }).fill('wachttijd');
    await form.getByLabel('Het verhaal').fill('Het wachten was het zwaarst, zegt een moeder.');
    await form.getByRole('button', { name: 'Verhaal bewaren' }).click();
    await page
      .getByText(/toestemming/)
      .first()
      .waitFor();
    await form.getByLabel(/toestemming gegeven/).check();
    await form.getByRole('button', { name: 'Verhaal bewaren' }).click();
    await page.getByRole('heading', { level: 2, name: 'Over een thema' }).waitFor();
    // a professional about a provider: chosen by name
    await form.getByLabel('Waarover').selectOption('aanbieder');
    await form.getByLabel('Aanbieder', { exact: true }).selectOption({ label: 'Aanbieder Een (AGB 11111111)' });
    await form.getByLabel('Soort', { exact: true }).selectOption('professional');
    await form.getByLabel('Het verhaal').fill('De samenwerking met school loopt goed.');
    await form.getByLabel(/toestemming gegeven/).check();
    await form.getByRole('button', { name: 'Verhaal bewaren' }).click();
    await page.getByRole('heading', { level: 2, name: 'Over een aanbieder' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Aanbieder Een (AGB 11111111)' }).waitFor();
    const text = await page.locator('main').innerText();
    assert.match(text, /Het wachten was het zwaarst/);
    assert.match(text, /verhaal van een cliënt/);
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no internal codes');
    // only the theme's stories when filtered by subject
    await page.getByLabel('Onderwerp').selectOption('thema');
    await settled(page);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Over een aanbieder' }).count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('Kwartaalgesprek: the kwaliteitsmonitor beside the regio', async () => {
    const { page, errors } = await p.as('contractmanager');
    await page.goto(`${p.url}/kwartaalgesprek?gemeente=9001&aanbieder=11111111&kwartaal=2024Q1`);
    await settled(page);
    const monitor = page.getByRole('heading', { name: 'Kwaliteitsmonitor Aanbieder Een' });
    await monitor.waitFor();
    const table = page.getByRole('table', { name: /^Kwaliteit 1e kwartaal 2024/ });
    const cells = await table.innerText();
    assert.match(cells, /ervaringsscore\s+7,5/);
    assert.match(cells, /respons ervaringsonderzoek\s+40/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('Kwaliteit: experience and complaints per provider and theme, in words, weak figures said, no axe violations', async () => {
    const { page, errors } = await p.as('analist9001');
    await page.goto(`${p.url}/kwaliteit?gemeente=9001&periode=2024`);
    await settled(page);
    // the complaints of 2024 as a table: per theme against the 16 youths in care of Testdorp, per provider against
    // each provider's own youths (Aanbieder Een 13: 12 ÷ 13 × 1.000 = 923,1), a complaint without one against all 16
    const table = async (heading: string) => {
      const panel = page.getByRole('region', { name: heading, exact: true });
      await panel.getByRole('button', { name: 'Tabel', exact: true }).click();
      return panel.getByRole('table').first().innerText();
    };
    const byTheme = await table('klachten per 1.000 jeugdigen met jeugdhulp — naar thema');
    assert.match(byTheme, /bejegening\s+750,0 per 1\.000/);
    assert.match(byTheme, /besluit en toegang\s+187,5 per 1\.000/);
    const byProvider = await table('klachten per 1.000 jeugdigen met jeugdhulp — naar aanbieder');
    assert.match(byProvider, /Aanbieder Een \(AGB 11111111\)\s+923,1 per 1\.000/);
    assert.match(byProvider, /geen aanbieder\s+187,5 per 1\.000/);
    // experience: 7,5 on 40 of 100 invited, not weak
    const experience = await table('ervaringsscore — naar aanbieder');
    assert.match(experience, /Aanbieder Een \(AGB 11111111\)\s+7,5/);
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no internal codes');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });
});

/**
 * Issue 21 in chromium on the small server fixture. The public sociale kaart /sociale-kaart/9001 without logging in:
 * the offers of Testdorp valid today in words and Dutch dates, none of Proefstad and no ended one, filters by theme,
 * downloads, no request for a session, no cookie; and on the page Sociale kaart an analist adds an offer with the
 * keyboard-labelled form (refused first for a 06 number, in words), changes and ends it; bestuur reads without the
 * form; "wat had eerst gekund" gives the free offers of a category's themes; after the switch to English the page,
 * its parts and its form speak English. Zero axe violations on each page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip as skip, pageFixture, settled, type PageFixture } from '../testing/browser.js';
import { addDays, dutchToday } from '../domain/dates.js';

const today = dutchToday();
const AANBOD = [
  'aanbod_id;gemeente;organisatie;naam;doelgroep;omschrijving;leeftijd_van;leeftijd_tot;themas;wijk;vrij_toegankelijk;website;telefoon;email;geldig_van;geldig_tot',
  'O1;9001;Opvoedpunt Testdorp;Opvoedspreekuur;ouders van jonge kinderen;Zonder afspraak.;0;12;opvoeden;Noord;ja;opvoedpunt.example.nl;0101234567;;2024-01-01;',
  'O2;9001;Bibliotheek Testdorp;Huiswerkklas;scholieren;;10;16;school|vrije_tijd;;ja;bieb.example.nl;;info@bieb.example.nl;2024-01-01;',
  'O3;9001;Jongerenwerk Testdorp;Inloop jongeren;jongeren;;12;23;psychisch_welzijn;Zuid;nee;jong.example.nl;;;2024-01-01;',
  `OUD;9001;Oud Verleden;Afgelopen cursus;ouders;;0;18;opvoeden;;ja;oud.example.nl;;;2023-01-01;${addDays(today, -1)}`,
  'P1;9002;Proefstad Welzijn;Geheim van Proefstad;ouders;;0;18;opvoeden;;ja;proef.example.nl;;;2024-01-01;',
].join('\n');

describe('the sociale kaart in chromium (issue 21)', { skip, timeout: 300_000 }, () => {
  let p: PageFixture;
  before(
    async () => {
      p = await pageFixture({ files: { 'aanbod.csv': AANBOD } });
    },
    { timeout: 120_000 },
  );
  after(async () => p?.close(), { timeout: 60_000 });

  it('the public page without logging in: Testdorp’s offers of today, filters, downloads, no axe violations', async () => {
    const { page, errors } = await p.anonymous();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${p.url}/sociale-kaart/9001`);
    await page.getByRole('heading', { level: 1, name: 'Sociale kaart Testdorp' }).waitFor();
    await settled(page);
    const text = await page.locator('main').innerText();
    for (const w of ['Opvoedspreekuur', 'Huiswerkklas', 'Inloop jongeren', '0 tot en met 12 jaar', 'de hele gemeente'])
      assert.ok(text.includes(w), w);
    for (const w of ['Proefstad', 'Afgelopen cursus']) assert.ok(!text.includes(w), `${w} is not shown`);
    assert.match(text, /vanaf 1 januari 2024/, 'dates in Dutch words');
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no internal codes');
    assert.ok(!asked.some((x) => x.endsWith('/me') || x.endsWith('/login')), `no session asked: ${asked.join(' ')}`);
    assert.deepEqual(await page.context().cookies(), [], 'no cookie');
    assert.equal(await page.getByLabel('Gebruikersnaam').count(), 0, 'no log-in form');
    assert.deepEqual(await axeViolations(page), []);
    // filter by theme, with the keyboard-reachable form
    await page.getByLabel('Thema').selectOption({ label: 'school en leren' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('heading', { level: 2, name: /^1 aanbod, geldig op/ }).waitFor();
    assert.match(await page.locator('main').innerText(), /Huiswerkklas/);
    assert.equal(await page.getByRole('heading', { level: 3, name: 'Opvoedspreekuur' }).count(), 0);
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    assert.equal(csv, '/api/v1/publiek/sociale-kaart/9001?format=csv');
    const res = await page.request.get(`${p.url}${csv}`);
    assert.equal(res.status(), 200);
    assert.ok(!(await res.text()).includes('Proefstad'));
    // another gemeente's address is that gemeente only; an unknown one says so
    await page.goto(`${p.url}/sociale-kaart/9999`);
    await page.getByText(/geen sociale kaart/i).waitFor();
    assert.deepEqual(errors, []);
  });

  it('the analist adds, changes and ends an offer; a 06 number is refused in words; no axe violations', async () => {
    const { page, errors } = await p.as('analist9001');
    await page.goto(`${p.url}/sociale-kaart?gemeente=9001`);
    await settled(page);
    await page.getByRole('heading', { level: 2, name: /^Aanbod \(4\)/ }).waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: 'Nieuw aanbod toevoegen' }).click();
    const form = page.getByRole('form', { name: 'Nieuw aanbod' });
    await form.getByLabel('Nummer van het aanbod').fill('N1');
    await form.getByLabel('Organisatie', { exact: true }).fill('Buurthuis De Linde');
    await form.getByLabel('Naam van het aanbod').fill('Kookclub');
    await form.getByLabel('Leeftijd van (jaar)').fill('6');
    await form.getByLabel('Leeftijd tot en met (jaar)').fill('12');
    await form.getByLabel('vrije tijd en meedoen').check();
    await form.getByLabel('Geldig vanaf').fill('2025-01-01');
    await form.getByLabel('Algemeen telefoonnummer').fill('06 12345678');
    assert.deepEqual(await axeViolations(page), [], 'the form itself');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form
      .getByRole('alert')
      .getByText(/06-nummer is meestal van een persoon/)
      .waitFor();
    await form.getByLabel('Algemeen telefoonnummer').fill('010 765 4321');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('status').getByText('‘Kookclub’ staat op de sociale kaart.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Kookclub' }).waitFor();
    // change it
    await page.getByRole('button', { name: 'Wijzigen: Kookclub' }).click();
    const edit = page.getByRole('form', { name: 'Aanbod wijzigen: Kookclub' });
    await edit.getByLabel('Naam van het aanbod').fill('Kookclub junior');
    await edit.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { level: 3, name: 'Kookclub junior' }).waitFor();
    // end it yesterday: it stays here, marked, and leaves the public page
    const actions = page.getByRole('form', { name: 'Kookclub junior wijzigen of beëindigen' });
    await actions.getByLabel('Laatste dag').fill(addDays(today, -1));
    await actions.getByRole('button', { name: /Beëindigen/ }).click();
    await page.getByRole('status').getByText('‘Kookclub junior’ is beëindigd.').waitFor();
    assert.match(await page.locator('main').innerText(), /Kookclub junior[\s\S]*\(beëindigd\)/);
    const pub = await page.request.get(`${p.url}/api/v1/publiek/sociale-kaart/9001`);
    assert.ok(!(await pub.text()).includes('Kookclub'));
    // wat had eerst gekund: ambulante jeugdhulp (45) → the free offers in opvoeden, psychisch welzijn, gezin, school
    await page.getByLabel('Productcategorie').selectOption('45');
    const first = page.getByRole('region', { name: 'Wat had eerst gekund?' });
    await first.getByRole('heading', { level: 3, name: 'Opvoedspreekuur' }).waitFor();
    await first.getByRole('heading', { level: 3, name: 'Huiswerkklas' }).waitFor();
    assert.equal(await first.getByRole('heading', { level: 3, name: 'Inloop jongeren' }).count(), 0, 'not free');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('in English the logged-in page speaks English: labels, themes, ages and dates; no axe violations', async () => {
    const { page, errors } = await p.as('analist9001');
    await page.goto(`${p.url}/sociale-kaart?gemeente=9001`);
    await settled(page);
    await page.getByRole('button', { name: 'Switch to English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Social map' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /^Offers \(\d+\)/ }).waitFor();
    const search = page.getByRole('search', { name: 'Search offers' });
    await search.getByLabel('Search words').waitFor();
    await search.getByLabel('Theme', { exact: true }).selectOption({ label: 'school and learning' });
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 2, name: 'Offers (1)' }).waitFor();
    await page.getByRole('button', { name: 'Change: Huiswerkklas' }).waitFor();
    await page.getByLabel('Product category').selectOption('45');
    const first = page.getByRole('region', { name: 'What could have come first?' });
    await first.getByRole('heading', { level: 3, name: 'Opvoedspreekuur' }).waitFor();
    await settled(page);
    const text = await page.locator('main').innerText();
    for (const w of ['For whom', '0 to 12 years', 'parenting and growing up', 'from 1 January 2024', 'Open access'])
      assert.ok(text.includes(w), w);
    assert.doesNotMatch(text, /Voor wie|tot en met|Thema’s|Vrij toegankelijk|vanaf|Wijzigen|Beëindigen|Laatste dag/);
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no internal codes');
    assert.deepEqual(await axeViolations(page), []);
    // the form for a new offer, labelled in English too
    await page.getByRole('button', { name: 'Add a new offer' }).click();
    const form = page.getByRole('form', { name: 'New offer' });
    await form.getByLabel('Name of the offer').waitFor();
    await form.getByLabel('leisure and taking part').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the English form');
    assert.deepEqual(errors, []);
  });

  it('bestuur reads the sociale kaart without the form', async () => {
    const { page, errors } = await p.as('bestuur');
    await page.goto(`${p.url}/sociale-kaart`);
    await settled(page);
    await page.getByRole('heading', { level: 3, name: 'Opvoedspreekuur' }).waitFor();
    assert.match(await page.locator('main').innerText(), /0 tot en met 12 jaar/, 'ages not hidden as small counts');
    assert.equal(await page.getByRole('button', { name: 'Nieuw aanbod toevoegen' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Wijzigen/ }).count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });
});

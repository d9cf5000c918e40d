/**
 * The pages Per productcode and Per maand (issue 16.4/16.5) in chromium on the small server fixture:
 * the tables render with Dutch numbers, sort by a column (aria-sort follows), the drill-down opens the
 * providers of a code by name with AGB, the month picker changes the client list, a teammanager sees
 * only the own team, and axe finds no WCAG 2.1 AA violations. Skipped when chromium is missing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freshStore, type TestDb } from '../testing/backends.js';
import { PASSWORD, serverFixture, type ServerFixture } from '../testing/server.js';
import { currentStep, totpAt } from '../app/auth/totp.js';

const CHROMIUM = process.env.ZICHT_CHROMIUM ?? '/usr/bin/chromium';
const WEB = resolve('dist-web');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const skip = !existsSync(CHROMIUM)
  ? `chromium not found at ${CHROMIUM}`
  : !existsSync(resolve(WEB, 'index.html'))
    ? 'dist-web not built (npm run build:web)'
    : false;

describe('Per productcode and Per maand in chromium (16.4, 16.5)', { skip, timeout: 300_000 }, () => {
  let db: TestDb;
  let f: ServerFixture;
  let browser: Browser;
  let url: string;
  let step = 0;
  before(async () => {
    db = await freshStore('pglite');
    f = await serverFixture(db.store, { webDir: WEB });
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    step = currentStep(Date.now());
  });
  after(async () => {
    await browser?.close();
    await f?.close();
    await db?.drop();
  });

  async function as(username: string): Promise<{ page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/overzicht`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    const totp = f.accounts.get(username)!.totp;
    if (totp) await page.getByLabel(/Code uit de authenticator-app/).fill(totpAt(totp, step));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
    return { page, errors };
  }
  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle', { timeout: 90_000 }); // a loaded CI machine took over 30 s
    await page.waitForFunction("!document.body.innerText.includes('Bezig met laden')", undefined, { timeout: 60_000 });
  }
  async function axe(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: AXE });
    const r = (await page.evaluate(
      "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
    )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
    return r.violations.map((v) => `${v.id} (${v.nodes[0]?.target.join(' ')})`);
  }

  it('analist: per productcode sorts, drills down to providers; per maand with month picker and clients', async () => {
    const { page, errors } = await as('analist9001');
    await page.getByRole('link', { name: 'Per productcode' }).click();
    await page.getByRole('heading', { level: 1, name: 'Per productcode' }).waitFor();
    await page.goto(`${url}/productcodes?jaren=2024`);
    await settled(page);
    const table = page.getByRole('table').first();
    const header = table.getByRole('columnheader', { name: /^trajecten/ });
    assert.equal(await header.getAttribute('aria-sort'), 'none');
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.equal(await table.getByRole('columnheader', { name: /^kinderen/ }).getAttribute('aria-sort'), 'none');
    assert.ok(await table.getByRole('rowheader', { name: '45A01' }).isVisible());
    // Dutch formats: euros with a comma for cents or a point for thousands
    assert.match(await table.innerText(), /€\s?[\d.]+/);
    assert.deepEqual(await axe(page), []);
    await page.getByRole('button', { name: 'Aanbieders van 45A01' }).click();
    await settled(page);
    const drill = await page.getByRole('table').first().innerText();
    assert.match(drill, /Aanbieder Een/);
    assert.match(drill, /11111111/);
    await page.getByRole('link', { name: 'Per maand' }).click();
    await page.goto(`${url}/maandoverzicht?jaar=2024&maand=3`);
    await settled(page);
    await page.getByRole('heading', { name: /Cliënten in maart 2024/ }).waitFor();
    await page.getByLabel('Maand', { exact: true }).selectOption('9');
    await page.getByRole('heading', { name: /Cliënten in september 2024/ }).waitFor();
    await settled(page);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(errors, []);
  });

  it('teammanager: per maand shows only the own team', async () => {
    const { page, errors } = await as('teammanager');
    await page.goto(`${url}/maandoverzicht?jaar=2024`);
    await settled(page);
    const text = await page.getByRole('table').first().innerText();
    assert.match(text, /Noord/);
    assert.doesNotMatch(text, /Zuid|hele gemeente/);
    assert.deepEqual(errors, []);
  });
});

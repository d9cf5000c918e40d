/**
 * The web application in a real browser (Debian chromium driven by playwright-core) on the region
 * demo: log in with TOTP, open every page (screenshot + axe-core: zero WCAG 2.1 AA violations),
 * filters in a shareable URL, drill-down from referrer type to GP practices, an explanation added
 * and seen beside the figure and in the API, an upload with an error and its report, a provider
 * that cannot reach another provider's clients by editing the URL, keyboard use and 200% zoom.
 * Skipped with a reason when chromium is not installed (CI installs it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { ensureDemoUsers, type DemoLogin } from '../demo/users.js';
import { openStore } from '../app/openStore.js';
import type { Store } from '../store/sql.js';
import { PseudonymKey } from '../domain/pseudonym.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { ensureDemoBusinessCase, ensureDemoGoals } from '../demo/goals.js';
import { currentStep, totpAt } from '../app/auth/totp.js';
import { tempDir } from '../testing/fixtures.js';
import { chartsSuite } from './charts.browser.js';

const CHROMIUM = process.env.ZICHT_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve('test-output/screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Pages every analist sees, at the least: a floor for the menu read from the application (below), not the list. */
const AT_LEAST = [
  '/overzicht',
  '/gebruik',
  '/kwaliteit',
  '/kwartaalgesprek',
  '/geld',
  '/verhalen',
  '/trajecten',
  '/data',
];

// CI installs chromium (.ci/run), so there a missing browser fails instead of skipping
const skip =
  existsSync(CHROMIUM) || process.env.CI ? false : `chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

describe('web application in chromium', { skip, timeout: 1_500_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let logins: DemoLogin[];
  let dataDir: string;
  let store: Store;
  const usedSteps = new Map<string, number>();

  before(async () => {
    dataDir = process.env.ZICHT_E2E_DATA_DIR ?? tempDir('zicht-e2e-');
    // the demo through the real CLI, as a user would run it (reused when ZICHT_E2E_DATA_DIR holds one)
    const demo = spawnSync(process.execPath, ['bin/zicht.js', 'demo', '--no-serve', '--data-dir', dataDir], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    assert.equal(demo.status, 0, demo.stderr);
    store = await openStore({ dataDir, databaseUrl: undefined });
    logins = await ensureDemoUsers(store, dataDir);
    await ensureDemoGoals(store);
    await ensureDemoBusinessCase(store);
    // ~30 log-ins (two requests each with TOTP) from one address within minutes: over the default of
    // 20 log-in requests a minute, which answered 429 and failed whichever test came next
    server = await startServer({
      store,
      dataDir,
      key: PseudonymKey.load(join(dataDir, 'secrets', 'pseudonym.key'), process.env.ZICHT_PSEUDONYM_KEY || undefined),
      port: 0,
      host: '127.0.0.1',
      loginRateLimitPerMinute: 600,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the demo leaves no plain inputs behind: its generated files are kept only sealed in the raw store', () => {
    // found from outside: demo/files and demo/ijw held the fictional BSNs, names and birth dates in plain text
    for (const sub of ['files', 'ijw'])
      assert.equal(existsSync(join(dataDir, 'demo', sub)), false, `demo/${sub} removed`);
  });

  it("the demo's last twelve months came in as iJw 3.2 messages, none refused", async () => {
    const runs = await store.query<{ type: string; status: string; n: number }>(
      "SELECT record_type AS type, status, count(*)::int AS n FROM import_run WHERE record_type LIKE 'JW3%' GROUP BY 1, 2",
    );
    for (const type of ['JW315', 'JW301', 'JW305', 'JW307', 'JW323', 'JW325']) {
      assert.ok(
        (runs.find((r) => r.type === type && r.status === 'committed')?.n ?? 0) > 0,
        `${type} messages imported`,
      );
    }
    assert.deepEqual(
      runs.filter((r) => r.status === 'rejected'),
      [],
    );
  });

  /** A fresh TOTP code for the account, never the same step twice (codes cannot be replayed). */
  async function code(username: string): Promise<string> {
    const l = logins.find((x) => x.username === username)!;
    const step = Math.max(currentStep(Date.now()), (usedSteps.get(username) ?? -1) + 1);
    // the server accepts one step of clock drift: wait until an unused step is that close
    while (step > currentStep(Date.now()) + 1) await new Promise((r) => setTimeout(r, 1000));
    usedSteps.set(username, step);
    return totpAt(l.totpSecret!, step);
  }

  /** Each account logs in through the page once; later tests reuse its session cookie (see loggedIn). */
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

  async function loggedIn(
    username: string,
    opts: { viewport?: { width: number; height: number } } = {},
  ): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
    // bypassCSP only so the test can inject axe-core; the app itself runs under the strict CSP. A session of an
    // earlier test is reused: a TOTP code cannot be replayed, so every fresh log-in of the same account waited for
    // the next 30-second step, minutes of the suite's run
    const saved = sessions.get(username);
    const ctx = await browser.newContext({
      bypassCSP: true,
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      locale: 'nl-NL',
      acceptDownloads: true,
      ...(saved ? { storageState: saved } : {}),
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${server.url}/overzicht`);
    if (saved) {
      await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
      return { ctx, page, errors };
    }
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(logins.find((l) => l.username === username)!.password);
    // the code field is always there (the server does not say which names need one): filled with the rest
    if (logins.find((l) => l.username === username)!.totpSecret)
      await page.getByLabel(/Code uit de authenticator-app/).fill(await code(username));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
    sessions.set(username, await ctx.storageState());
    return { ctx, page, errors };
  }

  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle', { timeout: 90_000 }); // a loaded CI machine took over 30 s
    await page.waitForFunction("!document.body.innerText.includes('Bezig met laden')", undefined, { timeout: 60_000 });
  }

  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: AXE });
    // evaluated in the page (a string, so this Node program needs no DOM types)
    const result = (await page.evaluate(
      "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
    )) as { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> };
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
  }

  /**
   * Words, not codes: every text node a user sees or a screen reader reads (chart labels in the SVG
   * included, visually hidden helper text included, closed forms excluded) and every option of a select.
   */
  const SNAKE = /\b[a-z]+_[a-z_]+\b/;
  /** An AGB code (8 digits) without saying what it is: providers, GP practices are named or say "AGB". */
  const BARE_CODE = /(?<!AGB )\b\d{8}\b/;
  /**
   * The allowance, each with its reason:
   * - text inside <code>: the canonical column names of a file format (Data page, mapping profiles), which
   *   the user types into a mapping profile and finds in the gemeente's own export; they are names, on purpose.
   */
  const ALLOWED_INSIDE = 'code';
  const visibleTexts = `(() => {
    const out = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent.trim() || el.closest('${ALLOWED_INSIDE}, script, style, noscript')) continue;
      if (el.closest('option') ? !el.closest('select').checkVisibility() : !el.checkVisibility({ visibilityProperty: true })) continue;
      out.push(n.textContent.trim());
    }
    return out;
  })()`;

  /** Opens every figure's table, then names each snake_case identifier or bare AGB code a user would read. */
  async function readWords(page: Page, where: string, found: string[]): Promise<void> {
    for (const b of await page.getByRole('button', { name: /^(Tabel|Table)$/ }).all()) await b.click();
    for (const text of (await page.evaluate(visibleTexts)) as string[]) {
      const m = text.match(SNAKE) ?? text.match(BARE_CODE);
      if (m) found.push(`${where}: "${m[0]}" in "${text.slice(0, 120)}"`);
    }
  }

  it('the analist logs in with TOTP; every page renders without accessibility violations and reads words, not codes (Dutch, one gemeente)', async () => {
    const { ctx, page, errors } = await loggedIn('analist');
    const problems: string[] = [];
    const words: string[] = [];
    // the pages as the application offers them: every link of its main menu (a page added to pages/config.ts is
    // checked without a list here to keep up to date)
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link');
    const pages = await menu.evaluateAll((links) =>
      links.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('href') ?? ''),
    );
    for (const must of AT_LEAST) assert.ok(pages.includes(must), `${must} in the menu: ${pages.join(' ')}`);
    for (const path of pages) {
      await page.goto(`${server.url}${path}?gemeente=9001`);
      await settled(page);
      // for a person looking at the pages; CI keeps no artefacts, and a full-page picture of a long page cost a second
      if (!process.env.CI)
        await page.screenshot({ path: join(SHOTS, `analist${path.replace('/', '-')}.png`), fullPage: true });
      // the Dutch words of one gemeente's view are read on this visit too (with every figure's table open, which
      // axe then checks as well): one load per page instead of two (the words test reads the regio and English)
      await readWords(page, `nl ${path}?gemeente=9001`, words);
      for (const v of await axeViolations(page)) problems.push(`${path}: ${v}`);
      assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(words, []);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('speaks words, not codes: no snake_case identifier or bare AGB code in the visible text of any page, the regio in English, the drill-down in both', async () => {
    const { ctx, page, errors } = await loggedIn('analist');
    // the pages come from the application's own menu, not from a list kept here
    const paths = await page
      .locator('nav a[href^="/"]')
      .evaluateAll((as) => as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href')));
    assert.ok(paths.length >= 10, `the menu lists the pages (${paths.length})`);
    const found: string[] = [];
    const scan = async (where: string) => {
      await settled(page);
      // the table alternative of every figure is read too
      await readWords(page, where, found);
    };
    for (const lang of ['nl', 'en'] as const) {
      if (lang === 'en') await page.getByRole('button', { name: 'Switch to English' }).click();
      // every page once, the regio view in English: one gemeente's Dutch view is read by the analist's axe test on
      // its visit, and a code that leaks into a page leaks in both languages (the labels are looked up by the same
      // key), so the regio's Dutch and a gemeente's English view are not read again (they were 44 of the suite's
      // page loads, on a CI run that neared its 30 minutes)
      if (lang === 'en')
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await scan(`${lang} ${path}`);
        }
      // the drill-down from referrer type to GP practices and schools
      await page.goto(`${server.url}/verwijzers?gemeente=9001`);
      await settled(page);
      await page
        .getByRole('button', { name: /^(Tabel|Table)$/ })
        .first()
        .click();
      await page
        .getByRole('button', { name: /Bekijk per huisarts|Show per GP practice/ })
        .first()
        .click();
      await scan(`${lang} /verwijzers drill-down`);
    }
    assert.ok(paths.includes('/gebruik') && paths.includes('/aanbieders'), 'the dashboard pages were among those read');
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  /** What a user must never read: a value the code failed to compute or format. */
  const BROKEN = /\b(NaN|undefined|null|Infinity)\b/;

  it('controller, bestuur and contractmanager: every page of their own menu, reached by the menu, reads words and numbers only (bestuur also at phone width), has no axe violation and puts the focus on its heading (16)', async () => {
    const found: string[] = [];
    for (const role of ['controller', 'bestuur', 'contractmanager']) {
      const { ctx, page, errors } = await loggedIn(role);
      await page.goto(`${server.url}/overzicht?gemeente=9001`);
      await settled(page);
      // the pages come from the role's own menu, not from a list kept here
      const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
      const names = (await menu.getByRole('link').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      assert.ok(names.length >= 5, `${role}: the menu lists the pages (${names.join(', ')})`);
      const paths: string[] = [];
      for (const name of names) {
        const link = menu.getByRole('link', { name, exact: true });
        const same = (await link.getAttribute('href'))?.split('?')[0] === new URL(page.url()).pathname;
        await link.click();
        // the menu item of the page one is on does not navigate, so it does not move the focus either
        if (!same) {
          await page.waitForFunction("document.activeElement?.tagName === 'H1'", undefined, { timeout: 30_000 });
        }
        await settled(page);
        paths.push(new URL(page.url()).pathname);
        for (const b of await page.getByRole('button', { name: /^(Tabel|Table)$/ }).all()) await b.click();
        for (const text of (await page.evaluate(visibleTexts)) as string[]) {
          const m = text.match(SNAKE) ?? text.match(BARE_CODE) ?? text.match(BROKEN);
          if (m) found.push(`${role} ${name}: "${m[0]}" in "${text.slice(0, 120)}"`);
        }
        for (const v of await axeViolations(page)) found.push(`${role} ${name}: ${v}`);
      }
      assert.deepEqual(errors, [], `${role}: no errors in the browser console`);
      await ctx.close();
      // at phone width the council member's view (bestuur); the other roles' pages share their layout
      if (role !== 'bestuur') continue;
      const phone = await loggedIn(role, { viewport: { width: 390, height: 844 } });
      for (const path of paths) {
        await phone.page.goto(`${server.url}${path}?gemeente=9001`);
        await settled(phone.page);
        for (const text of (await phone.page.evaluate(visibleTexts)) as string[]) {
          const m = text.match(SNAKE) ?? text.match(BARE_CODE) ?? text.match(BROKEN);
          if (m) found.push(`${role} phone ${path}: "${m[0]}" in "${text.slice(0, 120)}"`);
        }
      }
      await phone.ctx.close();
    }
    assert.deepEqual(found, []);
  });

  it('names providers by name with their AGB code, sorted by value, the rest as "overige"', async () => {
    const { ctx, page, errors } = await loggedIn('controller');
    await page.goto(`${server.url}/aanbieders?gemeente=9001`);
    await settled(page);
    const panel = page.locator('section.zicht-panel', {
      has: page.getByRole('heading', { name: /^kosten .* — naar aanbieder$/ }),
    });
    const chart = panel.locator('.zicht-chart svg');
    const labels = (await chart.locator('text').allTextContents()).map((l) => l.trim());
    assert.ok(
      labels.some((l) => /^overige \(\d+\)$/.test(l)),
      `a bar "overige" (${labels.join(' | ')})`,
    );
    assert.ok(!labels.some((l) => /^\d{8}$/.test(l)), 'no bare AGB code on the axis');
    await panel.getByRole('button', { name: 'Tabel' }).click();
    const cells = await panel.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cs = (tr as unknown as { children: ArrayLike<{ textContent: string }> }).children;
        return [cs[2]!.textContent, cs[3]!.textContent];
      }),
    );
    assert.ok(cells.length > 10, `more providers than bars (${cells.length})`);
    assert.ok(
      cells.every(([name]) => /(^|\()AGB \d{8}\)?$/.test(name!)),
      `every provider with "AGB" and its code (${cells[0]![0]})`,
    );
    assert.ok(
      cells.some(([name]) => /^\S.* \(AGB \d{8}\)$/.test(name!)),
      'the demo registers provider names: they are shown',
    );
    const euros = cells.map(([, v]) => Number(v!.replace(/[^\d-]/g, '')));
    assert.deepEqual(
      euros,
      [...euros].sort((a, b) => b - a),
      'sorted by value, largest first',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: /Download/ }).click(),
    ]);
    const file = join(dataDir, 'aanbieders.csv');
    await download.saveAs(file);
    const [header, first] = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    const cols = header!.split(';');
    for (const c of ['sleutel_code', 'sleutel', 'gemeente_code', 'gemeente', 'splitsing_code', 'splitsing'])
      assert.ok(cols.includes(c), `CSV column ${c}`);
    const row = first!.split(';');
    assert.match(row[cols.indexOf('sleutel_code')]!, /^\d{8}$/, 'the code column holds the AGB code');
    assert.match(row[cols.indexOf('sleutel')]!, /AGB \d{8}/, 'the label column holds the name');
    // the same columns with English headers, in the ISO form (docs/downloads.md)
    const [english] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'CSV met Engelse kolomnamen (ISO)' }).click(),
    ]);
    const fileEn = join(dataDir, 'aanbieders-en.csv');
    await english.saveAs(fileEn);
    assert.match(english.suggestedFilename(), /-en\.csv$/);
    const [headerEn, firstEn] = readFileSync(fileEn, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    const colsEn = headerEn!.split(',');
    assert.equal(colsEn.length, cols.length, 'as many columns as the Dutch file');
    assert.deepEqual(
      ['key_code', 'key', 'municipality_code', 'municipality', 'split_code', 'split'].map((c) => colsEn.indexOf(c)),
      ['sleutel_code', 'sleutel', 'gemeente_code', 'gemeente', 'splitsing_code', 'splitsing'].map((c) =>
        cols.indexOf(c),
      ),
      'each English header where its Dutch one is',
    );
    assert.match(firstEn!, new RegExp(`(^|,)${row[cols.indexOf('sleutel_code')]}(,|$)`), 'the same first row');
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('"Duiding toevoegen" is a button that opens the form; Escape closes it; written explanations stay visible', async () => {
    const { ctx, page, errors } = await loggedIn('controller');
    await page.goto(`${server.url}/overzicht?gemeente=9001`);
    await settled(page);
    const panels = page.locator('section.zicht-panel:has(.zicht-narratives)');
    assert.ok((await panels.count()) >= 3);
    assert.equal(await page.locator('.zicht-narrative-form:visible').count(), 0, 'no open form under the figures');
    const panel = page.locator('section.zicht-panel', {
      has: page.getByRole('heading', { name: 'gestarte trajecten', exact: true }),
    });
    const button = panel.getByRole('button', { name: /^Duiding toevoegen/ });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const field = panel.getByLabel(/Tekst van de duiding/);
    await field.waitFor();
    assert.equal(
      await page.evaluate('document.activeElement.id'),
      await field.getAttribute('id'),
      'focus moves into the form',
    );
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await field.isVisible(), false, 'Escape closes the form');
    assert.equal(
      await page.evaluate("document.activeElement.getAttribute('aria-controls')"),
      await button.getAttribute('aria-controls'),
      'focus returns to the button',
    );
    // written: the text stays beside the figure, the form closes
    await page.keyboard.press('Enter');
    const text = `Meer starts door de wachtlijstaanpak (${Date.now()})`;
    await field.fill(text);
    await panel.getByRole('button', { name: 'Opslaan' }).click();
    await panel.locator('li', { hasText: text }).waitFor();
    assert.equal(await field.isVisible(), false);
    await page.reload();
    await settled(page);
    // shown without opening anything; waited for, because the explanations load after the figures and a busy
    // machine can go quiet on the network between the two (CI failed here once, 2026-12-07)
    await panel.locator('li', { hasText: text }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await field.isVisible(), false, 'the form stays closed');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('shows goals with a derived status on the overview and the Doelen page', async () => {
    const { ctx, page } = await loggedIn('bestuur');
    await settled(page);
    const summary = page.locator('section', { has: page.getByRole('heading', { name: 'Doelen', level: 2 }) });
    assert.match(await summary.innerText(), /(op koers|aandacht|achter)/);
    await page.goto(`${server.url}/doelen`);
    await settled(page);
    assert.match(await page.locator('.zicht-goals').innerText(), /Op koers: de lineaire trend/);
    await ctx.close();
  });

  it('compares a gemeente with its reference group and shows expected versus actual', async () => {
    const { ctx, page, errors } = await loggedIn('analist');
    await page.goto(`${server.url}/overzicht?gemeente=9002`);
    await settled(page);
    const summary = page.locator('section', {
      has: page.getByRole('heading', { name: 'Vergeleken met vergelijkbare gemeenten' }),
    });
    assert.match(await summary.innerText(), /Brakelhoven.*hoger dan verwacht/s);
    await summary.getByRole('link', { name: 'Naar de vergelijking' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vergelijken' }).waitFor();
    await settled(page);
    const focus = page.locator('tr.zicht-row-focus');
    assert.match(await focus.innerText(), /Brakelhoven[\s\S]*hoger dan verwacht/);
    assert.equal(
      await page.locator('tbody tr').count(),
      1 + 10 + 2,
      'the gemeente, ten similar gemeenten, the pooled group and all gemeenten',
    );
    await page.getByLabel('Referentiegroep').selectOption('regio');
    await page.getByRole('heading', { name: /vergeleken met gemeenten van jeugdzorgregio Middenwaard/ }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 1 + 8 + 2);
    assert.match(page.url(), /groep=regio/, 'the choice is in the URL, so the view can be shared');
    const chart = page.getByRole('img', { name: /Brakelhoven.*: feitelijk .* verwacht .*hoger dan verwacht/ });
    assert.equal(await chart.locator('svg').count(), 1);
    await page.getByText('Hoe is "verwacht" berekend?').click();
    await page.getByText(/Robuuste regressie \(Huber/).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als CSV' }).click(),
    ]);
    const path = join(dataDir, 'vergelijking.csv');
    await download.saveAs(path);
    assert.match(
      readFileSync(path, 'utf8'),
      /^\ufeffgemeente_code;gemeente;basisperiode_code;periode_code;inwoners;ses_deciel/,
      'fixed headers: the periods are columns, not parts of a header',
    );
    await page.screenshot({ path: join(SHOTS, 'analist-vergelijken-regio.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('shows how reliable a figure is and the data quality per source', async () => {
    const { ctx, page, errors } = await loggedIn('analist');
    await page.goto(`${server.url}/overzicht?gemeente=9001`);
    await settled(page);
    const panel = page.locator('section', {
      has: page.getByRole('heading', { name: '% jeugdigen met jeugdhulp', exact: true }),
    });
    assert.match(await panel.innerText(), /Betrouwbaarheid: \d{1,3}\/100/);
    await page.goto(`${server.url}/data`);
    await settled(page);
    const quality = page.locator('section', { has: page.getByRole('heading', { name: /Datakwaliteit per bron/ }) });
    assert.match(await quality.innerText(), /startberichten aanwezig\s+\d+% \([\d.]+\/[\d.]+\)/);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('the quarterly talk shows one provider against the region with its trend; a provider sees only itself', async () => {
    const { ctx, page, errors } = await loggedIn('contractmanager');
    await page.goto(`${server.url}/kwartaalgesprek?gemeente=9001`);
    await settled(page);
    await page.getByRole('heading', { name: /KPI's van .* tegen het regionale beeld/ }).waitFor();
    const trend = page.getByRole('region', { name: /^Verloop bij / });
    assert.equal(await trend.getByRole('row').count(), 1 + 5, 'a header and five KPIs');
    assert.equal(await trend.getByRole('img').locator('svg').count(), 1);
    const options = await page.getByLabel('Aanbieder', { exact: true }).locator('option').count();
    assert.ok(options > 3, 'the contract manager chooses among the providers');
    await ctx.close();
    const own = await loggedIn('aanbieder');
    await own.page.goto(`${server.url}/kwartaalgesprek`);
    await settled(own.page);
    const agb = logins.find((l) => l.username === 'aanbieder')!.scope.split(' ')[1]!;
    assert.deepEqual(
      await own.page
        .getByLabel('Aanbieder', { exact: true })
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)),
      [agb],
    );
    assert.deepEqual([...errors, ...own.errors], []);
    await own.ctx.close();
  });

  it('shows a business case with its break-even year and records a new one', async () => {
    const { ctx, page, errors } = await loggedIn('controller');
    await page.goto(`${server.url}/businesscases`);
    await settled(page);
    const demo = page.locator('section', { has: page.getByRole('heading', { name: 'Jeugd- en gezinsteam (demo)' }) });
    assert.match(await demo.innerText(), /budgetneutraal (\d{4}|nog niet), terugverdiend (\d{4}|nog niet)/);
    assert.ok((await demo.getByRole('row').count()) >= 4, 'a row per year from the baseline year');
    assert.equal(await demo.getByRole('img').locator('svg').count(), 1);
    await page.getByLabel('Naam', { exact: true }).fill('Praktijkondersteuner jeugd bij de huisarts');
    await page.getByLabel(/Vervangt intensiteiten/).fill('A');
    await page.getByLabel(/Investering per jaar/).fill('2024=120.000; 2025=125000');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Business case vastgelegd.').waitFor();
    await page.getByRole('heading', { name: 'Praktijkondersteuner jeugd bij de huisarts', level: 2 }).waitFor();
    await page.getByLabel(/Investering per jaar/).fill('in 2024 een ton');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Bedragen per jaar als 2024=450000; 2025=420000.').waitFor();
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('downloads the monthly report as a PDF from the Rapporten page', async () => {
    const { ctx, page } = await loggedIn('controller');
    await page.goto(`${server.url}/rapporten`);
    await settled(page);
    const [download] = await Promise.all([
      // the first cost figure of a gemeente on a fresh lens decides its hidden amounts (docs/benchmarks.md, issue 14:
      // about 10 s for the largest demo gemeente), so the first report may take longer than 30 s on a busy machine
      page.waitForEvent('download', { timeout: 90_000 }),
      page.getByRole('link', { name: 'PDF' }).first().click(),
    ]);
    const path = join(dataDir, 'maand-uit-browser.pdf');
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
    await ctx.close();
  });

  it('a report saved as a fixed report is made with "nu maken" and stays downloadable', async () => {
    const { ctx, page, errors } = await loggedIn('controller');
    await page.goto(`${server.url}/rapporten?gemeente=9001`);
    await settled(page);
    await page.getByLabel('Naam (a-z, 0-9, -)').fill('maand-e2e');
    await page.getByLabel('Rapport', { exact: true }).selectOption('maand');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.getByText(/Vast rapport maand-e2e bewaard; het wordt gemaakt vanaf \d{4}-\d{2}\./).waitFor();
    await page.getByRole('button', { name: 'Nu maken maand-e2e' }).click();
    await page.getByText(/maand-e2e gemaakt voor \d{4}-\d{2}\./).waitFor({ timeout: 60_000 });
    const item = page.getByRole('listitem').filter({ hasText: 'maand-e2e' });
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link').first().click()]);
    const path = join(dataDir, 'vast-rapport.pdf');
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('the beheerder creates an account on the Beheer page and disables it; both are in the access log', async () => {
    const { ctx, page } = await loggedIn('beheerder');
    await page.goto(`${server.url}/beheer`);
    await settled(page);
    await page.getByRole('heading', { name: /Indeling in zorgvormen \(regio DEMO-MW\)/ }).waitFor();
    assert.equal(
      await page.getByLabel(/^Zorgvorm van 45 /).inputValue(),
      'zonder_verblijf',
      'the care-form mapping is shown and editable',
    );
    assert.equal(
      await page.getByLabel(/^Een traject loopt lang na \(maanden; standaard 18\)/).inputValue(),
      '18',
      'the norms are shown and editable',
    );
    assert.deepEqual(
      await axeViolations(page),
      [],
      'the Beheer page, with the mapping table, has no accessibility violations',
    );
    const name = `j.tester${Date.now() % 100000}`;
    // the Beheer page also has the service-token form (issue 17.4), with fields of the same names
    const form = page.getByRole('form', { name: 'Account aanmaken' });
    await form.getByLabel('Gebruikersnaam', { exact: true }).fill(name);
    await form.getByLabel('Naam', { exact: true }).fill('J. Tester');
    await form.getByLabel('Rol').selectOption('analist');
    await form.getByLabel('Soort scope').selectOption('gemeente');
    await form.getByLabel(/^Scope \(code/).fill('9001');
    await form.getByLabel(/Beginwachtwoord/).fill('een-lang-beginwachtwoord');
    await form.getByRole('button', { name: 'Aanmaken' }).click();
    await page.getByText(/TOTP-geheim \(één keer getoond\): [A-Z2-7]{32}/).waitFor();
    await page
      .getByRole('row', { name: new RegExp(name.replace('.', '\\.')) })
      .getByRole('button', { name: /Uitschakelen/ })
      .click();
    await page
      .getByRole('row', { name: new RegExp(name.replace('.', '\\.')) })
      .getByText('uitgeschakeld')
      .waitFor();
    const log = (await (await page.request.get(`${server.url}/api/v1/audit?username=beheerder`)).json()) as Array<{
      event: string;
      query: string;
    }>;
    assert.ok(log.some((e) => e.event === 'gebruiker_aangemaakt' && e.query.includes(name)));
    assert.ok(log.some((e) => e.event === 'gebruiker_gewijzigd' && e.query.includes(`${name} uitgeschakeld`)));
    await ctx.close();
  });

  it('filters live in the URL: a shared link opens the same view', async () => {
    const { ctx, page } = await loggedIn('analist');
    await page.goto(`${server.url}/gebruik`);
    await settled(page);
    await page.getByLabel('Gemeente').selectOption('9002');
    await page.getByLabel('Periode').selectOption('2025');
    await settled(page);
    const url = page.url();
    assert.match(url, /gemeente=9002/);
    assert.match(url, /periode=2025/);
    const other = await ctx.newPage();
    await other.goto(url);
    await settled(other);
    assert.equal(await other.getByLabel('Gemeente').inputValue(), '9002');
    assert.equal(await other.getByLabel('Periode').inputValue(), '2025');
    assert.ok(await other.getByRole('heading', { name: /jeugdigen met jeugdhulp — naar zorgvorm/ }).isVisible());
    await ctx.close();
  });

  it('drills down from referrer type to GP practices, outliers marked', async () => {
    const { ctx, page } = await loggedIn('controller');
    await page.goto(`${server.url}/verwijzers?periode=2025`);
    await settled(page);
    const panel = page.locator('section', {
      has: page.getByRole('heading', { name: 'verwijsstromen — naar verwijzer', exact: true }),
    });
    await panel.getByRole('button', { name: 'Tabel' }).click();
    await panel
      .getByRole('row', { name: /Huisarts/ })
      .getByRole('button')
      .click();
    await settled(page);
    assert.match(page.url(), /verwijzer=02/);
    const rows = page.locator('section', {
      has: page.getByRole('heading', {
        name: 'verwijsstromen — naar huisartsenpraktijk, school en andere verwijzer',
        exact: true,
      }),
    });
    await rows.getByRole('button', { name: 'Tabel' }).click();
    const cells = await rows.locator('tbody tr td:nth-child(3)').allInnerTexts();
    assert.ok(cells.length >= 5, `several practices (${cells.length})`);
    assert.ok(
      cells.every((c) => c.startsWith('Huisarts')),
      'only GP practices after the drill-down',
    );
    await page.screenshot({ path: join(SHOTS, 'drilldown-huisartsen.png'), fullPage: true });
    await ctx.close();
  });

  it('an explanation added beside a figure appears there and in the API', async () => {
    const { ctx, page } = await loggedIn('controller');
    await page.goto(`${server.url}/overzicht?gemeente=9001&periode=2025H2`);
    await settled(page);
    const panel = page.locator('section.zicht-panel', {
      has: page.getByRole('heading', { name: '% jeugdigen met jeugdhulp', exact: true }),
    });
    const text = `Stijging door de nieuwe praktijkondersteuner jeugd (${Date.now()})`;
    await panel.getByRole('button', { name: /^Duiding toevoegen/ }).click();
    await panel.getByLabel(/Tekst van de duiding/).fill(text);
    await panel.getByRole('button', { name: 'Opslaan' }).click();
    const item = panel.locator('li', { hasText: text });
    await item.waitFor();
    await page.screenshot({ path: join(SHOTS, 'duiding-toegevoegd.png'), fullPage: true });
    assert.match(await item.innerText(), /geschreven bij de waarde \d+,\d%/);
    const api = await page.request.get(
      `${server.url}/api/v1/narratives?indicator=pct_youth_in_care&gemeente=9001&period=2025H2`,
    );
    const items = (await api.json()) as Array<{ body: string; valueSnapshot: { value: number } }>;
    assert.ok(items.some((n) => n.body === text && typeof n.valueSnapshot.value === 'number'));
    await ctx.close();
  });

  it('an uploaded CSV with an error is refused whole with a report naming line, column and reason', async () => {
    const { ctx, page } = await loggedIn('analist');
    await page.goto(`${server.url}/data`);
    await settled(page);
    const bad = join(dataDir, 'tevredenheid-fout.csv');
    writeFileSync(bad, 'gemeente;periode;aanbieder_agb;traject_id;score\n9001;2025H1;;;8\n9001;2025H1;;;12\n');
    await page.getByLabel(/Kies een/).setInputFiles(bad);
    await page.getByRole('button', { name: 'Bestand inlezen' }).click();
    const report = page.locator('.zicht-report');
    await report.waitFor({ timeout: 60_000 });
    const textContent = await report.innerText();
    assert.match(textContent, /geweigerd/);
    assert.match(textContent, /\b3\b/, 'line 3 named');
    await page.screenshot({ path: join(SHOTS, 'upload-fout.png'), fullPage: true });
    await ctx.close();
  });

  it('a mapping profile made on the Data page reads an Excel export with own column names; a bad cell is named by its Excel row', async () => {
    const { ctx, page, errors } = await loggedIn('analist');
    await page.goto(`${server.url}/data`);
    await settled(page);
    await page.getByLabel('Naam', { exact: true }).fill('tevredenheid-export');
    await page.getByLabel('Soort gegevens').selectOption('tevredenheid');
    await page.getByLabel(/Kolommen: per regel/).fill('Cijfer = cijfer');
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();
    await page.getByText(/kolommen\.Cijfer: 'cijfer' is geen canonieke kolom van tevredenheid/).waitFor();
    await page.getByLabel(/Kolommen: per regel/).fill('Cijfer = score\nGemeentecode = gemeente');
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();
    await page.getByText('Profiel tevredenheid-export opgeslagen.').waitFor();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Enquête');
    ws.addRow(['Gemeentecode', 'periode', 'aanbieder_agb', 'traject_id', 'Cijfer']);
    ws.addRow([9001, '2025H1', null, null, 8]);
    ws.addRow([9001, '2025H1', null, null, 12]);
    const path = join(dataDir, 'enquete.xlsx');
    await wb.xlsx.writeFile(path);
    await page.getByLabel(/Kies een/).setInputFiles(path);
    await page.getByLabel('Koppelprofiel (eigen kolomnamen)').selectOption('tevredenheid-export');
    await page.getByRole('button', { name: 'Bestand inlezen' }).click();
    const report = page.locator('.zicht-report');
    await report.waitFor({ timeout: 60_000 });
    const text = await report.innerText();
    assert.match(text, /enquete\.xlsx \(blad Enquête\): geweigerd/);
    assert.match(text, /\b3\b[\s\S]*score/, 'Excel row 3, canonical column score');
    // the refused profile was a 400 on purpose; nothing else may have gone wrong
    assert.deepEqual(
      errors.filter((e) => !/status of 400/.test(e)),
      [],
    );
    await ctx.close();
  });

  it("a provider cannot reach another provider's clients by editing the URL", async () => {
    const analist = await loggedIn('analist');
    const all = (await (await analist.page.request.get(`${server.url}/api/v1/trajecten?limit=1000`)).json()) as Array<{
      provider: string;
      youth: string;
    }>;
    await analist.ctx.close();
    const { ctx, page } = await loggedIn('aanbieder');
    const own = logins.find((l) => l.username === 'aanbieder')!.scope.split(' ')[1]!;
    const stranger = all.find((r) => r.provider !== own)!;
    await page.goto(`${server.url}/trajecten`);
    await settled(page);
    const shown = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
    // a provider is shown by name with its AGB code beside it ("Het Anker (demo) (AGB 99147514)"), or by the code alone
    const agbOf = (cell: string) => /\(AGB (\d{8})\)$/.exec(cell)?.[1] ?? /^AGB (\d{8})$/.exec(cell)?.[1] ?? cell;
    assert.ok(shown.length > 0 && shown.every((p) => agbOf(p) === own), shown.slice(0, 5).join(' | '));
    // where an own trajectory came from: the panel opens with focus on its heading and lists the sources
    await page
      .getByRole('button', { name: /^Toon herkomst van traject / })
      .first()
      .press('Enter');
    await page.waitForSelector('#sources-title');
    await page.locator('section[aria-labelledby="sources-title"] tbody tr').first().waitFor();
    assert.equal(await page.evaluate('document.activeElement?.id'), 'sources-title');
    const files = await page
      .locator('section[aria-labelledby="sources-title"] tbody tr td:nth-child(3)')
      .allInnerTexts();
    assert.ok(
      files.every((f) => /\.(csv|xml)$/.test(f)),
      files.join(', '),
    );
    assert.deepEqual(await axeViolations(page), [], 'the sources panel has no accessibility violations');
    await page
      .locator('section[aria-labelledby="sources-title"]')
      .screenshot({ path: join(SHOTS, 'aanbieder-trajecten-herkomst.png') });
    await page.getByRole('button', { name: 'Sluiten' }).press('Enter');
    assert.match(
      String(await page.evaluate('document.activeElement?.getAttribute("aria-label")')),
      /^Toon herkomst van traject /,
      'focus back on the button that opened it',
    );
    const res = await page.request.get(`${server.url}/api/v1/trajecten?pseudonym=${stranger.youth}`);
    assert.equal(res.status(), 200);
    assert.deepEqual(await res.json(), [], 'another provider’s client is not found');
    const top = await page.request.get(`${server.url}/api/v1/indicators/top_cost_trajectories?period=2025`);
    assert.equal(top.status(), 403);
    const money = await page.request.get(`${server.url}/api/v1/indicators/cost_total?period=2025`);
    assert.equal(money.status(), 403);
    await ctx.close();
  });

  it('works with the keyboard: skip link first, then the menu', async () => {
    const { ctx, page } = await loggedIn('bestuur');
    await page.goto(`${server.url}/overzicht`);
    await settled(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Naar de inhoud');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#main$/);
    const seen = new Set<string>();
    await page.goto(`${server.url}/overzicht`);
    // the menu must be there before tabbing through it (without this the test raced the page: CI failed once)
    await settled(page);
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      seen.add(String(await page.evaluate("document.activeElement?.textContent ?? ''")));
    }
    for (const name of ['Gebruik en stroom', 'Geld', 'Uitloggen'])
      assert.ok(seen.has(name), `${name} reachable by Tab`);
    await page.goto(`${server.url}/geld`);
    await settled(page);
    assert.ok(
      await page
        .getByText(/Onthullingsbeheersing/)
        .first()
        .isVisible(),
      'bestuur sees disclosure-controlled figures',
    );
    await ctx.close();
  });

  it('the Overzicht opens with headline tiles in words, with their definition and a link to the detail (16.1)', async () => {
    const { ctx, page, errors } = await loggedIn('analist');
    await page.goto(`${server.url}/overzicht?gemeente=9001`);
    await settled(page);
    const tiles = page.locator('ul.zicht-tiles > li');
    assert.equal(await tiles.count(), 5, 'five tiles as a list');
    for (const name of [
      'Aandeel jeugdigen met jeugdhulp',
      'Nieuwe instroom',
      'Geld: besteed en verplicht tegen de begroting',
      'Wachttijd: start binnen de norm',
      'Doelen op koers',
    ]) {
      await page.getByRole('heading', { level: 3, name, exact: true }).waitFor();
    }
    const text = await page.locator('ul.zicht-tiles').innerText();
    // the change and the comparison in words, never by colour alone
    assert.match(text, /(hoger dan|lager dan|gelijk aan) de vorige periode/);
    assert.match(text, /(hoger dan|lager dan|zoals) verwacht bij vergelijkbare gemeenten|geen vergelijking/);
    assert.match(text, /besteed \+ .* verplicht/);
    assert.match(text, /prognose jaareinde/);
    const inflow = tiles.filter({ has: page.getByRole('heading', { name: 'Nieuwe instroom', exact: true }) });
    await inflow.locator('summary').click();
    assert.match(await inflow.locator('details').innerText(), /nieuw/i, 'the definition is one click away');
    await page.screenshot({ path: join(SHOTS, 'overzicht-tegels.png') });
    assert.deepEqual(await axeViolations(page), []);
    await inflow.getByRole('link', { name: /^Naar Gebruik en stroom/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Gebruik en stroom' }).waitFor();
    assert.match(page.url(), /\/gebruik\?gemeente=9001/, 'the detail keeps the chosen gemeente');
    // a regio: the total first, then the gemeenten in a table that sorts by a column
    await page.goto(`${server.url}/overzicht`);
    await settled(page);
    await page.getByRole('heading', { level: 2, name: /alle gemeenten in uw scope samen/ }).waitFor();
    const table = page.getByRole('region', { name: 'Kerncijfers per gemeente' });
    assert.ok((await table.locator('tbody tr').count()) >= 2, 'a row per gemeente');
    const header = table.getByRole('columnheader', { name: /Nieuwe instroom/ });
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    await header.getByRole('button').press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending', 'sortable with the keyboard');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await ctx.close();
    // a phone: the tiles stack and the first figure is above the fold
    const phone = await loggedIn('controller', { viewport: { width: 390, height: 844 } });
    await phone.page.goto(`${server.url}/overzicht`);
    await settled(phone.page);
    const first = await phone.page.locator('.zicht-tile-figure').first().boundingBox();
    assert.ok(first && first.y + first.height <= 844, `first figure at ${first?.y}px`);
    const sideways = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
    const overflow = Number(await phone.page.evaluate(sideways));
    assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
    await phone.page.screenshot({ path: join(SHOTS, 'overzicht-telefoon.png') });
    await phone.ctx.close();
  });

  // issue 16.9: the defects found in the browser
  it('after choosing a menu item the focus is on the page heading; arrow keys in the period list do not reload', async () => {
    const { ctx, page } = await loggedIn('controller');
    await page.goto(`${server.url}/overzicht`);
    await settled(page);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Geld', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Geld' }).waitFor();
    await page.waitForFunction("document.activeElement?.tagName === 'H1'");
    assert.equal(await page.evaluate('document.activeElement?.innerText'), 'Geld', 'focus on the new page heading');
    await settled(page);
    const before = page.url();
    const select = page.locator('#f-periode');
    const start = await select.inputValue();
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
    assert.equal(page.url(), before, 'arrow keys only move the choice');
    const chosen = await select.inputValue();
    assert.notEqual(chosen, start, 'the choice moved');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('periode') === chosen);
    await ctx.close();
  });

  it('log-in: the fifth wrong password shows a warning with the wait, in one live region', async () => {
    const ctx = await browser.newContext({ locale: 'nl-NL' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/overzicht`);
    // a name that does not exist behaves exactly like one that does (and blocks no demo account for the tests after this)
    await page.getByLabel('Gebruikersnaam').fill('niemand-e2e');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('Wachtwoord').fill(`fout-wachtwoord-${i}`);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.locator('.utrecht-alert').waitFor();
      await page.waitForFunction("!document.querySelector('button[type=submit]')?.disabled");
    }
    const alert = page.locator('.utrecht-alert');
    assert.match(await alert.innerText(), /probeer het over \d+ s opnieuw/);
    assert.match(String(await alert.getAttribute('class')), /utrecht-alert--warning/);
    assert.equal(await page.locator('[role=alert]').count(), 1, 'one live region, not an alert inside an alert');
    assert.equal(await page.locator('[role=alert] [role=alert]').count(), 0);
    await ctx.close();
  });

  it('Rapporten: the monthly report follows the chosen period; bestuur gets one council-report link', async () => {
    const { ctx, page } = await loggedIn('controller');
    await page.goto(`${server.url}/rapporten?periode=2025H2`);
    await settled(page);
    const hrefs = (await page.evaluate(
      `[...document.querySelectorAll('a[href^="/api/v1/reports/"]')].map((a) => a.getAttribute('href'))`,
    )) as string[];
    assert.ok(
      hrefs.some((h) => h.startsWith('/api/v1/reports/maand') && h.includes('period=2025-12')),
      hrefs.join(' '),
    );
    await page.getByLabel(/Maand \(voor de maandrapportage\)/).selectOption('2025-11');
    const maand = await page.locator('a[href^="/api/v1/reports/maand"]').first().getAttribute('href');
    assert.match(String(maand), /period=2025-11/);
    await ctx.close();
    const b = await loggedIn('bestuur');
    await b.page.goto(`${server.url}/rapporten`);
    await settled(b.page);
    const raad = (await b.page.evaluate(
      `[...document.querySelectorAll('a[href^="/api/v1/reports/raad"]')].map((a) => a.getAttribute('href'))`,
    )) as string[];
    assert.equal(raad.length, 2, `one PDF and one Excel: ${raad.join(' ')}`);
    assert.ok(raad.every((h) => h.includes('extern=true')));
    await b.ctx.close();
  });

  it('Trajecten: a count, a search, sortable columns and pages', async () => {
    const { ctx, page } = await loggedIn('analist');
    await page.goto(`${server.url}/trajecten`);
    await settled(page);
    const count = page.locator('#traj-count');
    const total = Number(/^([\d.]+) open trajecten/.exec(await count.innerText())?.[1]?.replace(/\./g, ''));
    assert.ok(total > 25, `a count (${await count.innerText()})`);
    assert.equal(await page.locator('table[aria-describedby="traj-count"] tbody tr').count(), 25, 'a page of 25');
    await page.getByRole('button', { name: 'Volgende' }).click();
    assert.match(await count.innerText(), /pagina 2 van \d+/);
    await page.getByRole('button', { name: /^Traject/ }).click();
    assert.equal(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
    const ids = await page.locator('table[aria-describedby="traj-count"] tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true })),
      'sorted by trajectory',
    );
    await page.getByLabel(/^Zoeken/).fill(ids[0]!);
    await page.waitForFunction("/gevonden/.test(document.getElementById('traj-count')?.textContent ?? '')");
    const found = await page.locator('table[aria-describedby="traj-count"] tbody tr td:nth-child(2)').allInnerTexts();
    assert.ok(found.length >= 1 && found.every((x) => x.includes(ids[0]!)), found.join(', '));
    assert.deepEqual(await axeViolations(page), []);
    await ctx.close();
  });

  it("Per maand: a month's clients in pages of 50 with their count, sorted over all of them", async () => {
    const { ctx, page } = await loggedIn('analist');
    await page.goto(`${server.url}/maandoverzicht?gemeente=9001`);
    await settled(page);
    const clients = page.getByRole('heading', { level: 2, name: /^Cliënten in / });
    await clients.waitFor();
    const section = page.locator('section[aria-labelledby="mo-title"]');
    const count = section.getByText(/^[\d.]+ rijen · pagina 1 van \d+$/);
    const text = await count.innerText();
    const total = Number(/^([\d.]+)/.exec(text)![1]!.replace(/\./g, ''));
    assert.ok(total > 50, `more clients than one page (${text})`);
    const rows = page.getByRole('region', { name: 'Cliënten van de maand' }).locator('tbody tr');
    assert.equal(await rows.count(), 50, 'a page of 50');
    const first = await rows.first().innerText();
    await page
      .getByRole('navigation', { name: /Pagina's van cliënten van de maand/ })
      .getByRole('button', { name: 'Volgende' })
      .click();
    await section.getByText(/ · pagina 2 van \d+$/).waitFor();
    assert.notEqual(await rows.first().innerText(), first, 'the next page shows other clients');
    assert.deepEqual(await axeViolations(page), []);
    await ctx.close();
  });

  it('a teammanager saves an explanation from the dashboard (sent with the team scope)', async () => {
    const { ctx, page, errors } = await loggedIn('teammanager');
    await page.goto(`${server.url}/gebruik`);
    await settled(page);
    const panel = page
      .locator('section.zicht-panel', { has: page.getByRole('button', { name: /^Duiding toevoegen/ }) })
      .first();
    const text = `Teamduiding (${Date.now()})`;
    await panel.getByRole('button', { name: /^Duiding toevoegen/ }).click();
    await panel.getByLabel(/Tekst van de duiding/).fill(text);
    await panel.getByRole('button', { name: 'Opslaan' }).click();
    await panel.locator('li', { hasText: text }).waitFor();
    assert.equal(await panel.locator('.utrecht-alert--error').count(), 0);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  it('Data page: no import shows more "goed" than "gelezen"; every label stands before its field', async () => {
    const { ctx, page } = await loggedIn('analist');
    await page.goto(`${server.url}/data`);
    await settled(page);
    const table = page.getByRole('region', { name: 'Ingelezen bestanden' });
    await table.locator('tbody tr').first().waitFor();
    const rows =
      (await page.evaluate(`[...document.querySelectorAll('[role=region][aria-label="Ingelezen bestanden"] tbody tr')]
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))`)) as string[][];
    const num = (s: string) => Number(s.replace(/\./g, ''));
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(num(r[5]!) <= num(r[4]!), `${r[0]}: ${r[5]} goed of ${r[4]} gelezen`);
    const misplaced = (await page.evaluate(`[...document.querySelectorAll('label[for]')].flatMap((l) => {
      const f = document.getElementById(l.getAttribute('for'));
      if (!f || f.type === 'checkbox' || f.type === 'radio') return [];
      const a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
      return a.top < b.top || a.right <= b.left ? [] : [l.textContent];
    })`)) as string[];
    assert.deepEqual(misplaced, [], 'labels above (or left of) their field');
    await ctx.close();
  });

  it('in English no period name, "zorgvorm" or "extern" stays Dutch', async () => {
    const { ctx, page } = await loggedIn('controller');
    await page.goto(`${server.url}/gebruik`);
    await settled(page);
    // the language switch by its exact name (the CSV buttons "… met Engelse kolomnamen" match /Engels/)
    await page.getByRole('button', { name: 'Switch to English', exact: true }).click();
    await settled(page);
    for (const b of await page.getByRole('button', { name: /^Table$/ }).all()) await b.click();
    const body = await page.locator('main').innerText();
    const options = (await page.locator('#f-periode option').allInnerTexts()).join(' | ');
    for (const dutch of [/halfjaar/, /kwartaal/, /\bzorgvorm\b/, /\bextern\b/]) {
      assert.doesNotMatch(body, dutch);
      assert.doesNotMatch(options, dutch);
    }
    await ctx.close();
  });

  it('bestuur: no "<10" in a % cell, "afgerond op 5" only beside counts', async () => {
    const { ctx, page } = await loggedIn('bestuur');
    for (const path of ['/gebruik', '/geld', '/wachttijden']) {
      await page.goto(`${server.url}${path}`);
      await settled(page);
      for (const b of await page.getByRole('button', { name: /^Tabel$/ }).all()) await b.click();
      const body = await page.locator('main').innerText();
      assert.doesNotMatch(body, /<10\s*%/, path);
      const rows = await page.locator('main tbody tr').allInnerTexts();
      for (const r of rows) if (/%|€/.test(r)) assert.doesNotMatch(r, /afgerond op 5/, `${path}: ${r}`);
    }
    // a suppressed provider in the dropout chart: a gap with a mark and the word, not a bar of zero
    await page.goto(`${server.url}/aanbieders`);
    await settled(page);
    const marks = await page.evaluate(
      "[...document.querySelectorAll('main svg text')].filter((t) => t.textContent === 'onderdrukt').length",
    );
    assert.ok(Number(marks) > 0, 'suppressed bars are marked');
    await ctx.close();
  });

  it('works at 200% zoom without horizontal scrolling', async () => {
    const { ctx, page } = await loggedIn('controller', { viewport: { width: 640, height: 450 } });
    for (const path of ['/overzicht', '/geld']) {
      await page.goto(`${server.url}${path}`);
      await settled(page);
      const overflow = Number(
        await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      );
      assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(SHOTS, `zoom200${path.replace('/', '-')}.png`) });
    }
    await ctx.close();
  });
  // charts, phone and print on the same demo server (charts.browser.ts)
  chartsSuite(() => ({ server, loggedIn }));
});

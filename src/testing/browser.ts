/**
 * The small server fixture (testing/server.ts) in chromium, for the page tests of src/e2e: one way to start it, log
 * in through the form as the user does, and ask axe for WCAG 2.1 AA violations. The log-in lived in a copy per test
 * file, so a change of the form (the code field always there, red team 26) had to be made in each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { currentStep, totpAt } from '../app/auth/totp.js';
import { freshStore, type TestDb } from './backends.js';
import { PASSWORD, serverFixture, type FixtureData, type ServerFixture } from './server.js';

export const CHROMIUM = process.env.ZICHT_CHROMIUM ?? '/usr/bin/chromium';
export const WEB = resolve('dist-web');

/** Why the page tests cannot run here, or false: for `describe(…, { skip })`. */
export const browserSkip: string | false = !existsSync(CHROMIUM)
  ? `chromium not found at ${CHROMIUM}`
  : !existsSync(resolve(WEB, 'index.html'))
    ? 'dist-web not built (npm run build:web)'
    : false;

let axeSource: string | null = null;

/** WCAG 2.1 AA violations axe finds on the page, as "rule (first element)". */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const r = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as { violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> };
  return r.violations.map((v) => `${v.id} (${v.nodes[0]?.target.join(' ')})`);
}

/** Network quiet and no "Bezig met laden" left: a loaded CI machine took over 30 s for a page's first figures. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 90_000 });
  await page.waitForFunction("!document.body.innerText.includes('Bezig met laden')", undefined, { timeout: 60_000 });
}

export interface PageFixture {
  readonly f: ServerFixture;
  readonly url: string;
  /** A fresh browser context logged in as the fixture account, through the form; page errors are collected. */
  as(username: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** The server fixture on an embedded store, listening on a loopback port, with chromium beside it. */
export async function pageFixture(data: FixtureData = {}): Promise<PageFixture> {
  const db: TestDb = await freshStore('pglite');
  const f = await serverFixture(db.store, { webDir: WEB }, data);
  await f.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  // a TOTP code works once: each log-in of an account takes the next step (the server accepts one step ahead)
  const steps = new Map<string, number>();
  return {
    f,
    url,
    async as(username) {
      const ctx = await browser.newContext({
        bypassCSP: true,
        locale: 'nl-NL',
        viewport: { width: 1400, height: 900 },
      });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}/overzicht`);
      await page.getByLabel('Gebruikersnaam').fill(username);
      await page.getByLabel('Wachtwoord').fill(PASSWORD);
      const totp = f.accounts.get(username)!.totp;
      if (totp) {
        const step = steps.get(username) ?? currentStep(f.clock.now.getTime());
        steps.set(username, step + 1);
        await page.getByLabel(/Code uit de authenticator-app/).fill(totpAt(totp, step));
      }
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await f.close();
      await db.drop();
    },
  };
}

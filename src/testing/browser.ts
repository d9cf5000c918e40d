/**
 * The small server fixture (testing/server.ts) in chromium, for the page tests of src/e2e: one way to start it, log
 * in through the form as the user does, and ask axe for WCAG 2.1 AA violations. The log-in lived in a copy per test
 * file, so a change of the form (the code field always there, red team 26) had to be made in each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
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

/** The fixtures of this test file not yet closed (a start may outlive its hook's timeout and finish unseen). */
const open = new Set<() => Promise<void>>();

// After the last test of a file that uses this module: close what its own hooks did not, and let nothing left (a
// worker, a socket, a chromium that does not answer) hold the file's process, and with it the suite, for longer than
// 30 s — an unref'd timer, so it fires only when something else still keeps the process alive.
after(async () => {
  for (const close of open) await close().catch(() => undefined);
  setTimeout(() => process.exit(), 30_000).unref();
});

/** Kills this process's own children by name (pkill -P: never a chromium of another test file). */
function killChildren(name: string): void {
  spawnSync('pkill', ['-KILL', '-P', String(process.pid), name], { stdio: 'ignore' });
}

export interface PageFixture {
  readonly f: ServerFixture;
  readonly url: string;
  /** A fresh browser context logged in as the fixture account, through the form; page errors are collected. */
  as(username: string): Promise<{ page: Page; errors: string[] }>;
  /** A fresh browser context that never logs in (the public pages); page errors are collected. */
  anonymous(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** The server fixture on an embedded store, listening on a loopback port, with chromium beside it. */
export async function pageFixture(data: FixtureData = {}): Promise<PageFixture> {
  const db: TestDb = await freshStore('pglite');
  const f = await serverFixture(db.store, { webDir: WEB }, data);
  let browser: Browser;
  let url: string;
  try {
    await f.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu'],
      timeout: 90_000,
    });
  } catch (e) {
    // the test's after() has no fixture to close: the store's worker and the lens would keep this file's process
    // alive after a failed start, and the whole suite with it (a run waited 10 minutes for a file whose tests take 11 s)
    killChildren('chromium');
    await f.close();
    await db.drop();
    throw e;
  }
  // a TOTP code works once: each log-in of an account takes the next step (the server accepts one step ahead)
  const steps = new Map<string, number>();
  open.add(close);
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
    async anonymous() {
      const ctx = await browser.newContext({
        bypassCSP: true,
        locale: 'nl-NL',
        viewport: { width: 1400, height: 900 },
      });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { page, errors };
    },
    close,
  };
  async function close(): Promise<void> {
    if (!open.delete(close)) return;
    // on a loaded machine chromium may not answer its close; its open connections then kept the server, and with
    // it this test file's process, alive after the last test (the suite once waited 20 minutes): give it 20 s,
    // then kill it, and drop whatever connection is left before the server closes
    const closed = await Promise.race([
      browser.close().then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 20_000).unref()),
    ]).catch(() => false);
    if (!closed) killChildren('chromium');
    f.app.server.closeAllConnections();
    await f.close();
    await db.drop();
  }
}

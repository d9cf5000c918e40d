// Screenshots for docs/odata.md (what can be shown without Power BI): the Tokens section of the Beheer page where a
// beheerder issues a token for Power BI, and the $metadata document as chromium shows it after answering the feed's
// Basic challenge with that token as the password (the way Power BI and Excel send it).
// Needs `npx tsc -p .`, `npm run build:web` and Debian chromium. Run: node scripts/screenshots-odata.mjs
// Writes docs/img/odata-tokens-beheer.png and docs/img/odata-metadata-basic.png (the test region, a throw-away store).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { PgliteStore } from '../dist/store/pglite.js';
import { migrate } from '../dist/store/migrate.js';
import { login, serverFixture } from '../dist/testing/server.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = 'docs/img';

const store = await PgliteStore.open('memory://');
await migrate(store);
const f = await serverFixture(store, { webDir: resolve('dist-web') });
await f.app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${f.app.server.address().port}`;
const session = (await login(f, 'beheerder')).split('=');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  // 1. Beheer → Servicetokens: issue a bestuur token for one gemeente, shown once
  const admin = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'nl-NL' });
  await admin.addCookies([{ name: session[0], value: session.slice(1).join('='), url: base }]);
  const page = await admin.newPage();
  await page.goto(`${base}/beheer`, { waitUntil: 'networkidle' });
  await page.fill('#t-name', 'powerbi-raad');
  await page.selectOption('#t-role', 'bestuur');
  await page.selectOption('#t-kind', 'gemeente');
  await page.fill('#t-key', '9001');
  await page.locator('section[aria-labelledby="tokens-title"] button[type="submit"]').click();
  const shown = page.locator('section[aria-labelledby="tokens-title"]').getByText('Token aangemaakt');
  await shown.waitFor();
  const token = /(zicht_[A-Za-z0-9_-]{43})/.exec(await shown.innerText())[1];
  await page.waitForLoadState('networkidle');
  await page.locator('section[aria-labelledby="tokens-title"]').screenshot({ path: `${OUT}/odata-tokens-beheer.png` });

  // 2. $metadata in a browser without a session: the feed answers 401 with `Basic realm="Zicht OData"`, chromium
  // answers with the token as the password (any user name), as Power BI does
  const feed = await browser.newContext({
    viewport: { width: 1000, height: 700 },
    httpCredentials: { username: 'powerbi-raad', password: token },
  });
  const meta = await feed.newPage();
  const res = await meta.goto(`${base}/api/v1/odata/$metadata`);
  if (res.status() !== 200) throw new Error(`$metadata: ${res.status()}`);
  await meta.screenshot({ path: `${OUT}/odata-metadata-basic.png` });
} finally {
  await browser.close();
  await f.close();
  await store.close();
}
for (const n of ['odata-tokens-beheer.png', 'odata-metadata-basic.png'])
  console.log(`${OUT}/${n}: ${Math.round(statSync(`${OUT}/${n}`).size / 1024)} KB`);

/**
 * Issue 21, light follow-up after referral, in chromium on the small server fixture (testing/server.ts: 9001 Noord
 * T0–T7, Zuid T8–T14, all from 2024-02-01; 9001 keeps a rhythm of 3 months). The team manager of Noord sees the
 * evaluations on time by team and the overdue list of its own team only, records a held evaluation with the keyboard
 * and sees the list follow; an entry for another team's trajectory is refused in words. The analist sees every team.
 * Zero axe violations, no internal codes on the page. The rule itself: src/domain/evaluations.ts, the figure's hand
 * work: src/indicators/evaluations.handworked.test.ts; per role over HTTP: src/server/evaluations.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, browserSkip as skip, pageFixture, settled, type PageFixture } from '../testing/browser.js';

describe('evaluations after referral in chromium (issue 21)', { skip, timeout: 300_000 }, () => {
  let p: PageFixture;
  before(
    async () => {
      p = await pageFixture({
        sql: "INSERT INTO evaluation_rhythm (gemeente_code, product_category, product_code, months) VALUES ('9001', '', '', 3);",
        files: {
          'evaluaties.csv': [
            'traject_id;gemeente;geplande_datum;gehouden_datum;uitkomst;uitgevoerd_door',
            'T6;9001;2024-05-01;2024-05-20;afschalen;jeugdconsulent',
          ].join('\n'),
        },
      });
    },
    { timeout: 120_000 },
  );
  after(async () => p?.close(), { timeout: 60_000 });

  it('a team manager: its own overdue list, the figure by team, recording with the keyboard', async () => {
    const { page, errors } = await p.as('teammanager');
    await page.goto(`${p.url}/evaluaties?gemeente=9001&periode=2024`);
    await settled(page);
    await page.getByRole('heading', { level: 2, name: 'Achterstallige evaluaties van Noord' }).waitFor();
    const table = page.getByRole('table', { name: /trajecten met een achterstallige evaluatie/ });
    const ids = async () => (await table.getByRole('rowheader').allInnerTexts()).sort();
    assert.deepEqual(await ids(), ['T0', 'T3', 'T6'], 'Noord only: no Zuid trajectory, no secret address (T29)');
    const t0 = table.getByRole('row', { name: /^T0 / });
    assert.match(await t0.innerText(), /1 mei 2024/);
    assert.match(await t0.innerText(), /afgeleid/);
    // the figure on time by team is there, in words
    await page
      .getByRole('heading', { name: /evaluaties op tijd/i })
      .first()
      .waitFor();
    // record T0's first moment as held, by keyboard: type in the fields and submit with Enter
    const form = page.getByRole('form', { name: 'Evaluatie vastleggen' });
    await form.getByLabel('Traject').focus();
    await page.keyboard.type('T0');
    await form.getByLabel('Geplande datum').fill('2024-05-01');
    await form.getByLabel(/Gehouden op/).fill('2024-05-03');
    await form.getByLabel('Uitkomst').selectOption({ label: 'doorgaan' });
    await form.getByLabel(/Gehouden door/).selectOption({ label: 'gezinscoach' });
    await form.getByLabel('Traject').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Evaluatie van traject T0 vastgelegd.').waitFor();
    // the rhythm continues from the held date: T0 is now overdue from 3 augustus 2024
    await table.getByRole('row', { name: /^T0 .*3 augustus 2024/ }).waitFor();
    // another team's trajectory is not the team manager's: refused, in words
    await form.getByLabel('Traject').fill('T8');
    await form.getByLabel('Geplande datum').fill('2024-05-01');
    await form.getByRole('button', { name: 'Evaluatie vastleggen' }).click();
    await page
      .getByRole('status')
      .getByText(/Traject T8 van gemeente 9001 is er niet/)
      .waitFor();
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /\b[a-z]+_[a-z_]+\b/, 'no internal codes');
    // of another team only the published figure (here hidden: fewer than 10), never a trajectory
    assert.doesNotMatch(await table.innerText(), /\bZuid\b/, 'no trajectory of another team');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('the beheerder sets the rhythm of a product category', async () => {
    const { page, errors } = await p.as('beheerder');
    await page.goto(`${p.url}/evaluaties?gemeente=9001&periode=2024`);
    await settled(page);
    const list = page.getByRole('list', { name: 'Ingesteld ritme' });
    await list.getByText('de hele gemeente: elke 3 maanden').waitFor();
    const form = page.getByRole('form', { name: 'Ritme instellen' });
    await form.getByLabel('Gemeente').selectOption({ label: 'Testdorp' });
    await form.getByLabel(/Productcategorie/).fill('43');
    await form.getByLabel(/Elke/).fill('6');
    await form.getByRole('button', { name: 'Ritme vastleggen' }).click();
    await page.getByRole('status').getByText('Ritme vastgelegd.').waitFor();
    await list.getByText('productcategorie 43: elke 6 maanden').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });

  it('an analist sees the overdue evaluations of every team', async () => {
    const { page, errors } = await p.as('analist9001');
    await page.goto(`${p.url}/evaluaties?gemeente=9001&periode=2024`);
    await settled(page);
    const table = page.getByRole('table', { name: /trajecten met een achterstallige evaluatie/ });
    await table.waitFor();
    const ids = (await table.getByRole('rowheader').allInnerTexts()).sort();
    assert.deepEqual(ids, ['T0', 'T11', 'T12', 'T3', 'T6', 'T8']);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
  });
});

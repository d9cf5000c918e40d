/**
 * Bad iJw input from issue 3: each is refused with a reason, nothing is written, nothing hangs.
 * External entities and entity expansion are never resolved: the parser does not process a DTD,
 * so such a message is not well-formed for Zicht and is refused without network access.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteStore } from '../../store/pglite.js';
import { migrate } from '../../store/migrate.js';
import { TEST_KEY, tempDir, writeCsv } from '../../testing/fixtures.js';
import { importIjwFiles } from './import.js';

const EX = fileURLToPath(new URL('../../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const skip = existsSync(EX) ? false : `iJw examples not found at ${EX} (no ../shared here)`;

describe('iJw bad input', { skip }, () => {
  let store: PgliteStore;
  let dir: string;
  before(async () => {
    store = await PgliteStore.open('memory://');
    await migrate(store);
    dir = tempDir('zicht-ijw-bad-');
  });
  after(async () => store?.close());

  const refused = async (name: string, xml: string) => {
    const [r] = await importIjwFiles({ store, dataDir: dir, key: TEST_KEY }, [writeCsv(dir, name, xml)]);
    assert.equal(r!.status, 'rejected', `${name} should be refused`);
    assert.ok(r!.problems[0]!.nl.length > 0 && r!.problems[0]!.en.length > 0, 'with a reason in both languages');
    const events = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM ijw_event');
    assert.equal(events[0]!.n, 0, 'nothing written');
    return r!.problems[0]!;
  };
  const ex = (f: string) => readFileSync(join(EX, f), 'utf8');

  it('a BSN that fails the elfproef (masked in the report)', async () => {
    const p = await refused(
      'bsn.xml',
      ex('JW301.xml').replace('<jw301:Bsn>999900006</jw301:Bsn>', '<jw301:Bsn>999900007</jw301:Bsn>'),
    );
    assert.equal(p.code, 'invalid_bsn');
    assert.ok(!JSON.stringify(p).includes('999900007'));
  });

  it('an unknown product category', async () => {
    const p = await refused(
      'cat.xml',
      ex('JW301.xml').replace('<ijw:Categorie>55</ijw:Categorie>', '<ijw:Categorie>99</ijw:Categorie>'),
    );
    assert.match(p.column ?? '', /Product\/Categorie$/);
  });

  it('an amount with a decimal separator (amounts are eurocent integers)', async () => {
    const p = await refused(
      'amount.xml',
      ex('JW323.xml').replace('<ijw:Bedrag>5000</ijw:Bedrag>', '<ijw:Bedrag>50,00</ijw:Bedrag>'),
    );
    assert.equal(p.code, 'not_integer');
  });

  it('a gemeente code not valid on the Ingangsdatum (ended in a herindeling, or not yet begun)', async () => {
    // Weesp (0457) joined Amsterdam on 24 March 2022: it cannot allocate care starting in 2026
    const weesp = ex('JW301.xml').replace(
      '<jw301:Afzender>0384</jw301:Afzender>',
      '<jw301:Afzender>0457</jw301:Afzender>',
    );
    const p = await refused('weesp.xml', weesp);
    assert.equal(p.code, 'gemeente_ended');
    assert.match(p.column ?? '', /ToegewezenProduct\/Ingangsdatum$/);
    assert.equal(
      p.nl,
      'gemeente 0457 (Weesp) bestond op 01-04-2026 niet meer: opgeheven na 23-03-2022, opgevolgd door 0363 (Amsterdam)',
    );
    // Voorne aan Zee (1992) began on 1 January 2023
    const voorne = ex('JW301.xml')
      .replace('<jw301:Afzender>0384</jw301:Afzender>', '<jw301:Afzender>1992</jw301:Afzender>')
      .replaceAll('2026-04-01', '2022-10-03')
      .replace('2026-07-14', '2022-12-14')
      .replace('2026-07-19', '2022-12-19');
    assert.equal((await refused('voorne.xml', voorne)).code, 'gemeente_not_yet');
    // the same Weesp message with care starting before the merger is an ordinary message
    const before = weesp
      .replaceAll('2026-04-01', '2021-06-01')
      .replace('2026-07-14', '2021-12-14')
      .replace('2026-07-19', '2021-12-19');
    const [ok] = await importIjwFiles({ store, dataDir: dir, key: TEST_KEY }, [
      writeCsv(dir, 'weesp-2021.xml', before),
    ]);
    assert.equal(ok!.status, 'committed', JSON.stringify(ok!.problems));
    await store.query('DELETE FROM trajectory');
    await store.query('DELETE FROM youth');
    await store.query('DELETE FROM ijw_event');
  });

  it('a message over 25 MB is refused before it is read', async () => {
    // a valid allocation message with a 26 MB comment inside: the size alone decides
    const big = ex('JW301.xml').replace('<jw301:Header>', `<!-- ${'x'.repeat(26 * 1024 * 1024)} --><jw301:Header>`);
    const p = await refused('groot.xml', big);
    assert.equal(p.code, 'message_too_large');
    assert.match(p.nl, /^het bestand is 26 MB; een iJw-bericht mag hoogstens 25 MB zijn/);
    const [again] = await importIjwFiles({ store, dataDir: dir, key: TEST_KEY }, [join(dir, 'groot.xml')]);
    assert.equal(again!.sha256, null, 'never read, so never hashed either');
  });

  it('an external entity is never fetched', async () => {
    const xml = ex('JW301.xml')
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "http://127.0.0.1:9/secret">]>',
      )
      .replace('<ijw:Code>55A11</ijw:Code>', '<ijw:Code>&ext;</ijw:Code>');
    assert.equal((await refused('xxe.xml', xml)).code, 'not_xml');
  });

  it('a billion-laughs expansion is refused without expanding', async () => {
    const defs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const xml = ex('JW301.xml')
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">${defs}]>`,
      )
      .replace('<ijw:Code>55A11</ijw:Code>', '<ijw:Code>&l9;</ijw:Code>');
    const before = process.memoryUsage().heapUsed;
    assert.equal((await refused('lol.xml', xml)).code, 'not_xml');
    assert.ok(process.memoryUsage().heapUsed - before < 200 * 1024 * 1024, 'memory stays bounded');
  });
});

/**
 * `zicht cbs mapping` and `zicht cbs sync` through the real CLI: the default mapping shows the real
 * StatLine tables before the demo ones, and sync against a CBS that has only one of the tables
 * fetches that one, names every other as missing (both catalogues asked) and exits 1.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../testing/fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/zicht.js', import.meta.url));

describe('zicht cbs mapping / sync', () => {
  let server: Server;
  let url = '';
  const seen: string[] = [];
  const data = join(tempDir('zicht-cbscli-'), 'data');
  const zicht = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env = { ...process.env, ZICHT_DATA_DIR: data, ZICHT_PSEUDONYM_KEY: 'ab'.repeat(32), DATABASE_URL: '' };
      execFile(process.execPath, [BIN, ...args], { env }, (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      );
    });

  before(async () => {
    // a CBS with only the regional core figures (70072NED), in the OData v3 shape
    server = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      seen.push(u.pathname);
      const [, catalog, , , table, set] = u.pathname.split('/');
      const body: Record<string, unknown[]> = {
        DataProperties: [
          { ID: 0, Type: 'GeoDimension', Key: 'RegioS', Title: "Regio's" },
          { ID: 1, Type: 'TimeDimension', Key: 'Perioden', Title: 'Perioden' },
          { ID: 2, Type: 'Topic', Key: 'TotaleBevolking_1', Title: 'Totale bevolking', Unit: 'aantal' },
        ],
        RegioS: [{ Key: 'GM0363  ', Title: 'Amsterdam' }],
        Perioden: [{ Key: '2023JJ00', Title: '2023' }],
        TypedDataSet: [{ ID: 0, RegioS: 'GM0363  ', Perioden: '2023JJ00', TotaleBevolking_1: 918_117 }],
      };
      const value = catalog === 'opendata' && table === '70072NED' ? body[set!] : undefined;
      res.writeHead(value ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value ? { 'odata.metadata': 'x', value } : { 'odata.error': {} }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('refuses a year that is not a year', async () => {
    const r = await zicht('cbs', 'sync', '--year', '23');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /geef een jaartal/);
  });

  it('shows the real tables first in the default mapping', async () => {
    const r = await zicht('cbs', 'mapping');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    assert.ok(at('85099NED / JongerenMetJeugdzorgRelatief_2') > 0);
    assert.ok(
      at('85099NED / JongerenMetJeugdzorgRelatief_2') < at('ZICHTDEMOJH / JongerenMetJeugdhulpZonderVerblijf_1'),
    );
    assert.ok(at('70072NED / TotaleBevolking_1') < at('ZICHTDEMOKERN / Bevolking_1'));
    assert.match(r.stdout, /2023 45063NED/, 'the Iv3 table per year');
  });

  it('fetches what CBS has, names what it has not, and exits 1', async () => {
    const to = join(data, 'spiegel');
    const r = await zicht(
      'cbs',
      'sync',
      '--year',
      '2023',
      '--to',
      to,
      '--base-url',
      `${url}/opendata/ODataApi/odata`,
      '--dataderden-url',
      `${url}/dataderden/ODataApi/odata`,
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /70072NED\s+opgehaald\s+1 rijen/);
    for (const t of ['85099NED', '86161NED', '83454NED', '45063NED', '45038NED', '85618NED'])
      assert.match(r.stdout, new RegExp(`${t}\\s+ontbreekt`), t);
    assert.match(r.stdout, /tabel 85099NED staat niet in de spiegel/);
    assert.ok(existsSync(join(to, '70072NED', 'TypedDataSet.json')));
    assert.ok(seen.includes('/dataderden/ODataApi/odata/45063NED/DataProperties'), 'Iv3 asked at dataderden');
  });
});

/**
 * Liaison positions through the real command line (issue 21): `zicht import` reads verbindingsfuncties.csv and a
 * basishulp file with vindplaats, `zicht verbindingsfuncties` lists the positions in words and Dutch dates (and as
 * JSON), and `zicht indicators --indicator liaison_reach|liaison_referral_shift --json` gives the figures from the
 * catalogue like every other indicator. A bad verbindingsfuncties file is refused naming line and column.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { forEachBackend } from '../testing/backends.js';
import { cliOn, type Cli } from '../testing/cli.js';
import { TRAJECTEN_HEADER, tempDir, testBsn, trajectRow, writeCsv } from '../testing/fixtures.js';

forEachBackend('zicht verbindingsfuncties and the liaison figures', (kind) => {
  let cli: Cli;
  let dir: string;
  before(async () => {
    dir = tempDir('zicht-cli-liaison-');
    cli = await cliOn(kind, join(dir, 'data'));
    const traj = [
      TRAJECTEN_HEADER,
      trajectRow({
        traject_id: 'T1',
        client_id: testBsn(400),
        startdatum: '2023-03-01',
        toewijzingsdatum: '2023-03-01',
        aanvraagdatum: '',
        gemeente: '0150',
        wijk: '015001',
      }),
      trajectRow({
        traject_id: 'T2',
        client_id: testBsn(401),
        startdatum: '2024-05-01',
        toewijzingsdatum: '2024-05-01',
        aanvraagdatum: '',
        gemeente: '0150',
        wijk: '015001',
      }),
    ].join('\n');
    const basis = [
      'episode_id;client_id;geboortedatum;gemeente;wijk;team;startdatum;einddatum;leefgebieden;vindplaats',
      `B1;${testBsn(402)};2014-03;0150;015001;Noord;2024-02-01;;Wonen;01234567`,
      `B2;${testBsn(403)};2014-03;0150;015001;Noord;2024-03-01;2024-04-01;Wonen;01234567`,
    ].join('\n');
    const pos =
      'functie_id;gemeente;soort;vindplaats_soort;vindplaats;vindplaats_naam;uren_per_week;startdatum;einddatum\n' +
      'VF1;0150;POH-jeugd;huisartsenpraktijk;01234567;Praktijk De Linde;16,5;2024-01-01;\n';
    const files = [
      writeCsv(dir, 'trajecten.csv', traj),
      writeCsv(dir, 'basishulp.csv', basis),
      writeCsv(dir, 'verbindingsfuncties.csv', pos),
    ];
    const r = await cli.run('import', ...files);
    assert.equal(r.code, 0, r.stderr + r.stdout);
  });
  after(() => cli?.drop());

  it('refuses a bad file naming line and column', async () => {
    const bad = writeCsv(
      dir,
      'verbindingsfuncties-fout.csv',
      'functie_id;gemeente;soort;vindplaats_soort;vindplaats;vindplaats_naam;uren_per_week;startdatum;einddatum\n' +
        'VF2;0150;psycholoog;huisartsenpraktijk;0123;X;8;2024-01-01;\n',
    );
    const r = await cli.run('import', bad);
    assert.notEqual(r.code, 0);
    const out = r.stdout + r.stderr;
    assert.match(out, /regel 2/);
    assert.match(out, /soort/);
    assert.match(out, /vindplaats/);
  });

  it('lists the positions in words and as JSON', async () => {
    const r = await cli.run('verbindingsfuncties');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /POH-jeugd/);
    assert.match(r.stdout, /Praktijk De Linde/);
    assert.match(r.stdout, /16,5/);
    assert.match(r.stdout, /01-01-2024/);
    const j = await cli.run('verbindingsfuncties', '--json');
    assert.equal(j.code, 0, j.stderr);
    assert.deepEqual(JSON.parse(j.stdout), [
      {
        gemeente: '0150',
        id: 'VF1',
        kind: 'poh_jeugd',
        kindNl: 'POH-jeugd',
        locationKind: 'huisartsenpraktijk',
        locationId: '01234567',
        locationName: 'Praktijk De Linde',
        hoursPerWeek: 16.5,
        start: '2024-01-01',
        end: null,
      },
    ]);
  });

  it('gives reach and the before/after pattern through zicht indicators --json', async () => {
    const reach = await cli.run(
      'indicators',
      '--indicator',
      'liaison_reach',
      '--period',
      '2024',
      '--by',
      'functie',
      '--json',
    );
    assert.equal(reach.code, 0, reach.stderr);
    const rows = JSON.parse(reach.stdout) as Array<{ key: string; value: number }>;
    assert.deepEqual(
      rows.map((x) => [x.key, x.value]),
      [['VF1', 2]],
    );
    const shift = await cli.run('indicators', '--indicator', 'liaison_referral_shift', '--period', '2024', '--json');
    assert.equal(shift.code, 0, shift.stderr);
    // before 2023: T1 referred by the practice, no basishulp (100%); after 2024: T2 and B1, B2 (33,333%)
    assert.deepEqual(
      (JSON.parse(shift.stdout) as Array<{ key: string; value: number }>).map((x) => [x.key, x.value]),
      [
        ['voor', 100],
        ['na', 33.333],
        ['verschil', -66.667],
      ],
    );
  });
});

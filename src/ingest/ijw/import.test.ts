import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachBackend, freshStore, type TestDb } from '../../testing/backends.js';
import { TEST_KEY, TRAJECTEN_HEADER, tempDir, trajectRow, writeCsv } from '../../testing/fixtures.js';
import { importCsvFile } from '../csv/import.js';
import { sourcesOfTrajectory } from '../lineage.js';
import { importIjwFiles } from './import.js';
import { readRawBytes } from '../raw.js';
import { PseudonymKey } from '../../domain/pseudonym.js';
import { createHash } from 'node:crypto';
import type { ImportContext } from '../csv/import.js';
import { rebuildLens } from '../../lens/build.js';
import { Lens } from '../../lens/lens.js';
import { messageRejections } from '../../indicators/chain.js';
import { parsePeriod } from '../../domain/periods.js';
import { formatReport } from '../report.js';

const EX = fileURLToPath(new URL('../../../../shared/reference/ijw-3.2/examples/', import.meta.url));
const hasShared = existsSync(EX);
const example = (name: string) => readFileSync(join(EX, name), 'utf8');

if (!hasShared) it('iJw import', { skip: `iJw examples not found at ${EX} (no ../shared here)` }, () => undefined);
else
  forEachBackend('iJw import', (kind) => {
    let db: TestDb;
    let ctx: ImportContext;
    let dir: string;
    before(async () => {
      db = await freshStore(kind);
      dir = tempDir('zicht-ijw-imp-');
      ctx = { store: db.store, dataDir: dir, key: TEST_KEY };
    });
    after(async () => db.drop());

    const traj = async (nr: string) =>
      (await db.store.query<Record<string, unknown>>('SELECT * FROM trajectory WHERE allocation_number = $1', [nr]))[0];
    const write = (name: string, xml: string) => writeCsv(dir, name, xml);

    it('turns request, allocation, start and stop into a trajectory with its referrer', async () => {
      // the shared examples are not one chain: the start and stop go to gemeente 0363 from another provider; align them
      const chain = (f: string) =>
        example(f)
          .replace('<jw305:Afzender>65656055', '<jw305:Afzender>42420001')
          .replace('<jw305:Ontvanger>0363', '<jw305:Ontvanger>0384')
          .replace('<jw307:Afzender>65656055', '<jw307:Afzender>42420001')
          .replace('<jw307:Ontvanger>0363', '<jw307:Ontvanger>0384');
      const files = ['JW315.xml', 'JW301.xml', 'JW305.xml', 'JW307.xml'].map((f) => write(`chain-${f}`, chain(f)));
      const reports = await importIjwFiles(ctx, files);
      assert.deepEqual(
        reports.map((r) => [r.recordType, r.status]),
        [
          ['JW315', 'committed'],
          ['JW301', 'committed'],
          ['JW305', 'committed'],
          ['JW307', 'committed'],
        ],
        JSON.stringify(reports.map((r) => r.problems)),
      );
      const t = await traj('300201');
      assert.ok(t, 'trajectory built');
      assert.equal(t.gemeente_code, '0384');
      assert.equal(t.trajectory_id, 'TW300201');
      assert.equal(
        t.source_run_id,
        reports[1]!.runId,
        'lineage: the run of the JW301 that gave the allocation, not just any run of the batch',
      );
      assert.equal(t.allocation_date, '2026-04-01');
      assert.equal(t.start_date, '2026-04-03');
      assert.equal(t.end_date, '2026-07-17');
      assert.equal(t.end_reason, '31');
      assert.equal(t.referrer_type, '01', 'from the matching JW315 (ReferentieAanbieder 40A12341234)');
      assert.equal(t.product_category, '55');
      assert.equal(t.dates_from_allocation, false);
      assert.match(String(t.youth_pseudonym), /^P[0-9a-f]{32}$/);
      const all =
        JSON.stringify(await db.store.query('SELECT * FROM ijw_event')) +
        JSON.stringify(await db.store.query('SELECT * FROM youth'));
      assert.ok(!all.includes('999900006') && !all.includes('Wit'), 'no BSN or name stored');
    });

    it('keeps every message unchanged but sealed, in one pack per batch, each found by its own SHA-256', async () => {
      const rows = await db.store.query<{
        sha256: string;
        stored_path: string;
        pack_offset: number | null;
        pack_length: number | null;
        file_name: string;
        sealed: boolean;
        compression: string | null;
      }>(
        "SELECT sha256, stored_path, pack_offset, pack_length, file_name, sealed, compression FROM raw_input WHERE file_name LIKE 'chain-%' ORDER BY pack_offset",
      );
      assert.equal(rows.length, 4);
      assert.equal(new Set(rows.map((r) => r.stored_path)).size, 1, 'one pack for the batch');
      const pack = readFileSync(rows[0]!.stored_path);
      assert.ok(
        !pack.includes('999900006') && !pack.includes('<Bericht') && !pack.includes('Wit'),
        'no BSN, name or plain XML in the pack',
      );
      assert.throws(
        () => readRawBytes(rows[0]!, PseudonymKey.fromHex('ef'.repeat(32))),
        /niet te openen met deze pseudonimiseringssleutel/,
      );
      for (const r of rows) {
        assert.equal(r.sealed, true);
        assert.equal(r.compression, 'gzip', 'compressed before sealing (issue 18.2)');
        assert.ok(r.pack_length! < readFileSync(join(dir, r.file_name)).length, 'kept smaller than the message');
        const bytes = readRawBytes(r, ctx.key);
        assert.equal(createHash('sha256').update(bytes).digest('hex'), r.sha256);
        assert.deepEqual(bytes, readFileSync(join(dir, r.file_name)), `${r.file_name} kept byte for byte`);
      }
    });

    it('importing the same messages again changes nothing', async () => {
      const before = await db.store.query('SELECT count(*)::int AS n FROM ijw_event');
      const reports = await importIjwFiles(
        ctx,
        ['JW301.xml', 'JW305.xml'].map((f) => join(dir, `chain-${f}`)),
      );
      assert.deepEqual(
        reports.map((r) => r.status),
        ['unchanged', 'unchanged'],
      );
      assert.deepEqual(await db.store.query('SELECT count(*)::int AS n FROM ijw_event'), before);
    });

    it('refuses the broken examples with their real reason and writes nothing of them', async () => {
      const n = async () => (await db.store.query<{ n: number }>('SELECT count(*)::int AS n FROM ijw_event'))[0]!.n;
      const before = await n();
      const [date, order] = await importIjwFiles(ctx, [
        write('bad-date.xml', readFileSync(join(EX, 'invalid/JW315-impossible-date.xml'), 'utf8')),
        write('bad-order.xml', readFileSync(join(EX, 'invalid/JW318-structure-error.xml'), 'utf8')),
      ]);
      assert.equal(date!.status, 'rejected');
      assert.equal(date!.problems[0]!.code, 'impossible_date');
      assert.equal(date!.problems[0]!.line, 44);
      assert.equal(order!.problems[0]!.code, 'unexpected_element');
      assert.equal(order!.problems[0]!.line, 33);
      assert.equal(await n(), before);
    });

    it('refuses StatusAanlevering 2 and an unknown gemeente', async () => {
      const [s2] = await importIjwFiles(ctx, [
        write(
          's2.xml',
          example('JW305.xml')
            .replace(
              '<jw305:StatusAanlevering>1</jw305:StatusAanlevering>',
              '<jw305:StatusAanlevering>2</jw305:StatusAanlevering>',
            )
            .replace('300201', '399999'),
        ),
      ]);
      assert.equal(s2!.status, 'rejected');
      assert.equal(s2!.problems[0]!.code, 'invalid_status');
      const [g] = await importIjwFiles(ctx, [
        write(
          'g.xml',
          example('JW301.xml').replace(
            '<jw301:Afzender>0384</jw301:Afzender>',
            '<jw301:Afzender>0001</jw301:Afzender>',
          ),
        ),
      ]);
      assert.equal(g!.problems[0]!.code, 'unknown_gemeente');
    });

    it('arrival order has no meaning: stop, start, then allocation gives the same trajectory', async () => {
      const nr = (x: string) =>
        x
          .replaceAll('300201', '500201')
          .replaceAll('300202', '500202')
          .replaceAll('40A12341234', 'REF-5')
          .replace(/(<jw30[57]:Afzender>)65656055/, (_m, tag: string) => `${tag}42420001`)
          .replace(/(<jw30[57]:Ontvanger>)0363/, (_m, tag: string) => `${tag}0384`);
      await importIjwFiles(ctx, [
        write('r307.xml', nr(example('JW307.xml'))),
        write('r305.xml', nr(example('JW305.xml'))),
      ]);
      assert.equal(await traj('500201'), undefined, 'no allocation yet');
      await importIjwFiles(ctx, [write('r301.xml', nr(example('JW301.xml')))]);
      const t = await traj('500201');
      assert.deepEqual([t!.start_date, t!.end_date, t!.end_reason], ['2026-04-03', '2026-07-17', '31']);
    });

    it('StatusAanlevering 3 deletes an earlier start with the same logical key', async () => {
      const del = readFileSync(join(dir, 'chain-JW305.xml'), 'utf8')
        .replaceAll(
          '<jw305:StatusAanlevering>1</jw305:StatusAanlevering>',
          '<jw305:StatusAanlevering>3</jw305:StatusAanlevering>',
        )
        .replace(/<ijw:Identificatie>[^<]*</, '<ijw:Identificatie>777<');
      const [r] = await importIjwFiles(ctx, [write('del305.xml', del)]);
      assert.equal(r!.status, 'committed', JSON.stringify(r!.problems));
      const t = await traj('300202');
      assert.equal(t!.start_date, null);
      assert.equal(t!.dates_from_allocation, true);
    });

    it('a later allocation replaces the earlier; RedenWijziging 13 withdraws it', async () => {
      const later = example('JW301.xml')
        .replace(
          '<jw301:Toewijzingstijd>12:34:56</jw301:Toewijzingstijd>',
          '<jw301:Toewijzingstijd>13:00:00</jw301:Toewijzingstijd>',
        )
        .replace('<jw301:Einddatum>2026-07-14</jw301:Einddatum>', '<jw301:Einddatum>2026-12-31</jw301:Einddatum>');
      await importIjwFiles(ctx, [write('later301.xml', later)]);
      assert.equal((await traj('300201'))!.allocation_end, '2026-12-31');
      const withdrawn = later
        .replace(
          '<jw301:Toewijzingstijd>13:00:00</jw301:Toewijzingstijd>',
          '<jw301:Toewijzingstijd>14:00:00</jw301:Toewijzingstijd>',
        )
        .replace(
          '<jw301:Einddatum>2026-12-31</jw301:Einddatum>',
          '<jw301:Einddatum>2026-04-01</jw301:Einddatum><jw301:RedenWijziging>13</jw301:RedenWijziging>',
        );
      const [r] = await importIjwFiles(ctx, [write('withdrawn301.xml', withdrawn)]);
      assert.equal(r!.status, 'committed', JSON.stringify(r!.problems));
      assert.equal((await traj('300201'))!.withdrawn, true);
    });

    it('claims take their status from the answer, also when the answer arrives first', async () => {
      const answer = example('JW325.xml').replaceAll(
        '<ijw:DebetCredit>C</ijw:DebetCredit>',
        '<ijw:DebetCredit>D</ijw:DebetCredit>',
      );
      const [a] = await importIjwFiles(ctx, [write('a325.xml', answer)]);
      assert.equal(a!.status, 'committed', JSON.stringify(a!.problems));
      // the shared example repeats ReferentieNummer RN004: that line is refused (8021), the other four count
      const [c] = await importIjwFiles(ctx, [write('c323.xml', example('JW323.xml'))]);
      assert.equal(c!.status, 'committed');
      assert.deepEqual([c!.rowsRead, c!.rowsAccepted, c!.rowsRejected], [5, 4, 1]);
      assert.deepEqual(
        c!.problems.map((p) => [p.code, p.line, p.column, p.value]),
        [
          [
            'duplicate_reference',
            116,
            '/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]/ProductReferentie/ReferentieNummer',
            'RN004',
          ],
        ],
      );
      assert.match(formatReport(c!), /gegevens gelezen 5 · geaccepteerd 4 · afgewezen 1[\s\S]*regel 116[\s\S]*8021/);
      const [run] = await db.store.query<{ rows_rejected: number; report: { problems?: unknown[] } }>(
        'SELECT rows_rejected, report FROM import_run WHERE id = $1',
        [c!.runId],
      );
      assert.equal(run!.rows_rejected, 1);
      assert.equal(run!.report.problems?.length, 1, 'the refused line stays on record with the run');
      const lines = await db.store.query<{ claim_id: string; status: string; amount_cents: number; sent_date: string }>(
        "SELECT claim_id, status, amount_cents, sent_date FROM claim_line WHERE provider_agb = '65656055' ORDER BY claim_id",
      );
      // the header's Dagtekening: an as-of report counts a line from the day it was sent (lens/scope.ts)
      assert.deepEqual([...new Set(lines.map((l) => l.sent_date))], ['2026-05-06']);
      assert.deepEqual(
        lines.map((l) => l.claim_id.split(':')[1]),
        ['RN001', 'RN002', 'RN003', 'RN004'],
      );
      const byId = Object.fromEntries(lines.map((l) => [l.claim_id.split(':')[1], l.status]));
      assert.equal(byId.RN001, 'afgewezen');
      assert.equal(byId.RN002, 'afgewezen');
      assert.equal(byId.RN003, 'afgewezen');
      assert.ok(lines.every((l) => Number.isInteger(l.amount_cents)));
    });

    it("a trajectory from the gemeente's own file keeps that line as its origin; the messages about its allocation are its other sources", async () => {
      const csv = writeCsv(
        dir,
        'trajecten-eigen.csv',
        `${TRAJECTEN_HEADER};toewijzingnummer\n${trajectRow({ traject_id: 'EIGEN1', gemeente: '0384', startdatum: '', einddatum: '', reden_einde: '', doelrealisatie: '' })};300299\n`,
      );
      const own = await importCsvFile(ctx, csv);
      assert.equal(own.status, 'committed', JSON.stringify(own.problems));
      const [msg] = await importIjwFiles(ctx, [
        write('eigen-JW301.xml', example('JW301.xml').replaceAll('300201', '300299')),
      ]);
      assert.equal(msg!.status, 'committed', JSON.stringify(msg!.problems));
      const found = await sourcesOfTrajectory(db.store, '0384', 'EIGEN1');
      assert.deepEqual(
        found!.sources.map((x) => [x.what, x.run, x.file]),
        [
          ['traject', own.runId, 'trajecten-eigen.csv'],
          ['toewijzing', msg!.runId, 'eigen-JW301.xml'],
        ],
      );
      assert.ok(found!.sources[0]!.ref, 'the line of the file');
      const t = await traj('300299');
      assert.equal(t!.trajectory_id, 'EIGEN1', 'no second trajectory made for the allocation');
      assert.equal(t!.allocation_date, '2026-04-01', 'the chain dates come from the message');
    });

    it('retour messages are read with the gemeente from the message they answer, and feed the rejected-messages figure', async () => {
      const files = ['JW302.xml', 'JW306.xml', 'JW308.xml', 'JW316.xml', 'JW318.xml', 'JW320.xml']
        .filter((f) => existsSync(join(EX, f)))
        .map((f) => join(EX, f));
      const reports = await importIjwFiles(ctx, files);
      assert.ok(
        reports.every((r) => r.status === 'committed'),
        JSON.stringify(reports.map((r) => [r.file, r.status, r.problems[0]?.nl])),
      );
      const rows = await db.store.query<{ message_type: string; gemeente_code: string; codes: string }>(
        "SELECT message_type, gemeente_code, payload->>'codes' AS codes FROM ijw_event WHERE event_type = 'retour' ORDER BY message_type",
      );
      const of = (t: string) => rows.find((r) => r.message_type === t)!;
      assert.equal(of('JW302').gemeente_code, '0384', 'retour on an allocation: the gemeente sent the original');
      assert.equal(of('JW306').gemeente_code, '0363', 'retour on a start message: the gemeente received the original');
      assert.equal(of('JW306').codes, '8848');
      assert.equal(of('JW308').codes, '', 'no return codes: nothing remarked');
      await rebuildLens(db.store, dir);
      const lens = await Lens.open(dir);
      try {
        const byType = await messageRejections.compute(lens, {
          period: parsePeriod('2023'),
          gemeenten: ['0363'],
          by: 'bericht',
        });
        assert.deepEqual(
          byType.map((r) => [r.key, r.numerator, r.denominator]),
          [
            ['JW306', 1, 1],
            ['JW308', 0, 1],
          ],
        );
      } finally {
        lens.close();
      }
    });
  });

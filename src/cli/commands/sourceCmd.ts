/**
 * zicht import bron: lineage for people who need to check a figure at its source.
 *   bron traject <gemeente> <traject_id> [--json]   the runs and files a trajectory was made of
 *   bron <run-nr|sha256> --out <bestand>            that raw input as received (unsealed)
 * Both concern one person's data, so both are written to the access log.
 */
import { existsSync } from 'node:fs';
import { appendAudit } from '../../audit/log.js';
import { findRawInput, sourcesOfTrajectory, writeRawInput } from '../../ingest/lineage.js';
import { SealError } from '../../ingest/seal.js';
import { CLI_ACTOR, open, pseudonymKey, type Config } from '../config.js';
import { table } from '../format.js';
import { UserError } from '../../domain/errors.js';

export async function sourceCommand(
  cfg: Config,
  args: readonly string[],
  flags: { out?: string | undefined; json?: boolean | undefined },
): Promise<number> {
  const usage =
    'Gebruik / usage: zicht import bron traject <gemeente> <traject_id> [--json] | zicht import bron <run-nr|sha256> --out <bestand>';
  if (args[0] === 'traject' ? args.length !== 3 : args.length !== 1 || !flags.out) {
    throw new UserError('gebruik', { nl: usage });
  }
  const store = await open(cfg);
  try {
    if (args[0] === 'traject') {
      const [, gemeente, trajectoryId] = args as [string, string, string];
      const found = await sourcesOfTrajectory(store, gemeente, trajectoryId);
      await appendAudit(store, {
        ...CLI_ACTOR,
        event: 'lezen_persoonsgegevens',
        subjects: found ? [found.youth] : [],
        query: `bron traject ${gemeente}/${trajectoryId}`,
        purpose: 'herkomst van een traject',
        outcome: found ? 'ok' : 'mislukt',
      });
      if (!found) {
        console.error(`Traject ${trajectoryId} van gemeente ${gemeente} bestaat niet / no such trajectory`);
        return 1;
      }
      if (flags.json) console.log(JSON.stringify(found, null, 2));
      else {
        console.log(`Traject ${trajectoryId} (gemeente ${gemeente}, jeugdige ${found.youth}) komt uit:`);
        console.log(
          table(
            ['run', 'wat', 'waar in het bestand', 'bestand', 'soort', 'ingelezen', 'sha256'],
            found.sources.map((s) => [
              String(s.run),
              s.what,
              s.ref ?? '',
              s.file,
              s.recordType,
              new Date(s.importedAt).toLocaleString('nl-NL'),
              s.sha256.slice(0, 12),
            ]),
            [true],
          ),
        );
        console.log('Het bestand zelf: zicht import bron <run> --out <bestand> (bevat persoonsgegevens).');
      }
      return 0;
    }
    const out = flags.out!;
    if (existsSync(out)) {
      throw new UserError('bestaat_al.bestand', { path: out });
    }
    const raw = await findRawInput(store, args[0]!);
    await appendAudit(store, {
      ...CLI_ACTOR,
      event: 'export_persoonsgegevens',
      query: `bron ${args[0]}${raw ? ` (${raw.file_name}, ${raw.sha256})` : ''}`,
      purpose: 'bronbestand van een record',
      outcome: raw ? 'ok' : 'mislukt',
    });
    if (!raw) {
      console.error(
        `Geen bewaard bronbestand bij ${args[0]} (geef het nummer van een inleesrun of een SHA-256) / no kept raw input`,
      );
      return 1;
    }
    try {
      await writeRawInput(raw, pseudonymKey(cfg), out);
    } catch (err) {
      if (!(err instanceof SealError)) throw err;
      console.error(err.message);
      return 1;
    }
    if (flags.json) console.log(JSON.stringify({ file: raw.file_name, sha256: raw.sha256, bytes: raw.byte_size, out }));
    else
      console.log(
        `${raw.file_name} (${raw.byte_size.toLocaleString('nl-NL')} bytes, zoals ontvangen) geschreven naar ${out}. Let op: bevat persoonsgegevens.`,
      );
    return 0;
  } finally {
    await store.close();
  }
}

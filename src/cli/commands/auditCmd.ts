/** zicht audit: verify the hash chain of the access log, list or export it for the access review. */
import { writeFileSync } from 'node:fs';
import { readAudit, startAuditHead, verifyAudit } from '../../audit/log.js';
import { HeadFileError } from '../../audit/head.js';
import { callerEnv } from '../config.js';
import { auditCsv } from '../../app/auditCsv.js';
import { open, type Config } from '../config.js';
import { table } from '../format.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface AuditFlags {
  user?: string | undefined;
  subject?: string | undefined;
  out?: string | undefined;
  json?: boolean | undefined;
  init?: boolean | undefined;
  headers?: string | undefined;
}

export async function auditCommand(cfg: Config, args: string[], flags: AuditFlags): Promise<number> {
  const [sub] = args;
  const store = await open(cfg);
  try {
    if (sub === 'verify') {
      const r = await verifyAudit(store);
      if (flags.json) console.log(JSON.stringify(r, null, 2));
      else if (r.ok) {
        console.log(
          `Toegangslog in orde: ${r.entries.toLocaleString('nl-NL')} regels, keten sluitend. Laatste hash: ${r.headHash}`,
        );
        if (r.outsideHead)
          console.log(`Kop buiten de database (${r.outsideHead.file}): regel ${r.outsideHead.seq}, klopt.`);
        for (const n of r.notes ?? []) console.log(n);
      } else
        console.log(`TOEGANGSLOG NIET IN ORDE (${r.entries} regels):\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
      return r.ok ? 0 : 1;
    }
    if (sub === 'head' && flags.init) {
      try {
        const e = await startAuditHead(store, { username: `cli:${callerEnv('USER') ?? 'onbekend'}`, origin: 'cli' });
        console.log(
          `Nieuwe kop buiten de database gestart bij regel ${e.seq} (gelogd als auditkop_gestart) / new head started.`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof HeadFileError)) throw err;
        console.error(err.message);
        return 1;
      }
    }
    if (sub === 'list' || sub === 'export') {
      const entries = await readAudit(store, {
        username: flags.user,
        subject: flags.subject,
        limit: sub === 'export' ? 10_000 : 50,
      });
      if (sub === 'export') {
        if (!flags.out)
          throw new UserError('gebruik', {
            nl: 'Gebruik: zicht audit export --out toegangslog.csv [--user u] [--subject pseudoniem] [--headers en]',
          });
        if (flags.headers !== undefined && flags.headers !== 'nl' && flags.headers !== 'en')
          throw new UserError('gebruik', { nl: `--headers: nl of en, niet "${flags.headers}"` });
        writeFileSync(flags.out, auditCsv(entries, flags.headers === 'en' ? 'en' : 'nl'));
        console.log(`${entries.length} regels geschreven naar ${flags.out}`);
        return 0;
      }
      if (flags.json) console.log(JSON.stringify(entries, null, 2));
      else
        console.log(
          table(
            ['nr', 'tijdstip', 'gebeurtenis', 'gebruiker', 'rol', 'uitkomst', 'vraag'],
            entries.map((e) => [
              String(e.seq),
              new Date(e.at).toLocaleString('nl-NL'),
              e.event,
              e.username ?? '',
              e.role ?? '',
              e.outcome,
              (e.query ?? '').slice(0, 60),
            ]),
          ),
        );
      return 0;
    }
    throw new UserError('gebruik', {
      nl: 'Gebruik / usage: zicht audit verify | head --init | list [--user u] [--subject pseudoniem] [--json] | export --out bestand.csv',
    });
  } finally {
    await store.close();
  }
}

/** `zicht audit`: its help, its options and what runs it (the registry is commands/index.ts). */
export const auditSpec = defineCommand({
  name: 'audit',
  help: [
    'toegangslog: verify | list [--user u] [--subject pseudoniem] | export --out bestand.csv [--headers en]',
    '(verify vergelijkt ook met de kop buiten de database: <datamap>.audit-head of ZICHT_AUDIT_HEAD_FILE)',
    'head --init: start bewust een nieuwe kop als die ontbreekt (wordt gelogd)',
  ],
  options: {
    user: { type: 'string', value: 'u', nl: 'alleen deze gebruiker', en: 'only this user' },
    subject: { type: 'string', value: '<pseudoniem>', nl: 'alleen over deze persoon', en: 'only about this person' },
    out: { type: 'string', value: '<bestand.csv>', nl: 'exportbestand', en: 'export file' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
    init: { type: 'boolean', nl: 'start een nieuwe kop', en: 'start a new head' },
    headers: {
      type: 'string',
      value: 'nl|en',
      nl: 'export: kolomnamen (en: Engels, komma en decimaalpunt)',
      en: 'export: headers (en: English, comma and decimal point)',
    },
  },
  run: (cfg, p, f) => auditCommand(cfg, p, f),
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchSettings, callerEnv, forwardedEnv, keyPlacementWarning, readSettings } from './config.js';
import { UserError } from '../domain/errors.js';
import { DEFAULT_LIMITS } from '../ingest/limits.js';
import { tempDir } from '../testing/fixtures.js';

it('warns when the pseudonymisation key is the one in the data directory, not when it is kept elsewhere', () => {
  const saved = { key: process.env.ZICHT_PSEUDONYM_KEY, file: process.env.ZICHT_PSEUDONYM_KEY_FILE };
  try {
    delete process.env.ZICHT_PSEUDONYM_KEY;
    delete process.env.ZICHT_PSEUDONYM_KEY_FILE;
    assert.match(
      keyPlacementWarning({ dataDir: '/srv/zicht', databaseUrl: undefined }) ?? '',
      /datamap \(\/srv\/zicht\/secrets\/pseudonym\.key\).*ZICHT_PSEUDONYM_KEY_FILE/,
    );
    process.env.ZICHT_PSEUDONYM_KEY_FILE = '/etc/zicht/pseudonym.key';
    assert.equal(keyPlacementWarning({ dataDir: '/srv/zicht', databaseUrl: undefined }), null);
  } finally {
    for (const [k, v] of [
      ['ZICHT_PSEUDONYM_KEY', saved.key],
      ['ZICHT_PSEUDONYM_KEY_FILE', saved.file],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

describe('readSettings: every variable read in one place, a value it does not understand refused by name', () => {
  const refused = (env: Record<string, string>, name: string) =>
    assert.throws(
      () => readSettings(env),
      (e: unknown) =>
        e instanceof UserError &&
        e.code === 'ongeldige_instelling' &&
        e.status === 400 &&
        e.nl.startsWith(`${name}=`) &&
        e.en.includes('expected'),
    );

  it('without variables: the defaults', () => {
    const s = readSettings({});
    assert.equal(s.dataDir, undefined);
    assert.equal(s.databaseUrl, undefined);
    assert.equal(s.retentionJob, true);
    assert.equal(s.secureCookies, false);
    assert.equal(s.auditSyslog, false);
    assert.equal(s.progressMs, 3000);
    assert.equal(s.rateLimitPerMinute, undefined);
    assert.deepEqual(s.limits, DEFAULT_LIMITS);
    assert.deepEqual(s.oidc, {});
  });

  it('the API contact (OpenAPI document): all three or none, a wrong one refused by name', () => {
    assert.equal(readSettings({}).apiContact, undefined);
    const contact = {
      ZICHT_API_CONTACT_NAME: 'Team BI',
      ZICHT_API_CONTACT_EMAIL: 'bi@gemeente.example',
      ZICHT_API_CONTACT_URL: 'https://gemeente.example/bi',
    };
    assert.deepEqual(readSettings(contact).apiContact, {
      name: 'Team BI',
      email: 'bi@gemeente.example',
      url: 'https://gemeente.example/bi',
    });
    refused({ ...contact, ZICHT_API_CONTACT_NAME: '' }, 'ZICHT_API_CONTACT_NAME');
    refused({ ...contact, ZICHT_API_CONTACT_EMAIL: 'geen-adres' }, 'ZICHT_API_CONTACT_EMAIL');
    refused({ ...contact, ZICHT_API_CONTACT_URL: 'gemeente.example' }, 'ZICHT_API_CONTACT_URL');
  });

  it('paths and strings are taken as given; empty counts as absent', () => {
    const s = readSettings({
      ZICHT_DATA_DIR: '/srv/zicht',
      DATABASE_URL: '',
      ZICHT_PSEUDONYM_KEY_FILE: '/etc/zicht/key',
      ZICHT_AUDIT_HEAD_FILE: '/var/lib/zicht/head',
      ZICHT_RETENTION_FILE: '/etc/zicht/retention.json',
      ZICHT_REQUEST_LOG: '-',
      PORT: '9000',
      HOST: '0.0.0.0',
      ZICHT_OIDC_ISSUER: 'https://id.example',
    });
    assert.equal(s.dataDir, '/srv/zicht');
    assert.equal(s.databaseUrl, undefined);
    assert.equal(s.pseudonymKeyFile, '/etc/zicht/key');
    assert.equal(s.auditHeadFile, '/var/lib/zicht/head');
    assert.equal(s.retentionFile, '/etc/zicht/retention.json');
    assert.equal(s.requestLog, '-');
    assert.equal(s.port, 9000);
    assert.equal(s.host, '0.0.0.0');
    assert.deepEqual(s.oidc, { ZICHT_OIDC_ISSUER: 'https://id.example' });
  });

  it('ZICHT_PSEUDONYM_KEY: 32 bytes of hex or more, else refused without showing the value', () => {
    assert.equal(readSettings({ ZICHT_PSEUDONYM_KEY: 'ab'.repeat(32) }).pseudonymKey, 'ab'.repeat(32));
    refused({ ZICHT_PSEUDONYM_KEY: 'ab'.repeat(16) }, 'ZICHT_PSEUDONYM_KEY');
    refused({ ZICHT_PSEUDONYM_KEY: 'geheim' }, 'ZICHT_PSEUDONYM_KEY');
    assert.throws(
      () => readSettings({ ZICHT_PSEUDONYM_KEY: 'mijn-geheime-sleutel' }),
      (e: unknown) => e instanceof UserError && !e.nl.includes('mijn-geheime') && !e.en.includes('mijn-geheime'),
    );
  });

  it('switches: ZICHT_RETENTION, ZICHT_SECURE_COOKIES, ZICHT_AUDIT_SYSLOG take on/off, 1/0; anything else is refused', () => {
    assert.equal(readSettings({ ZICHT_RETENTION: 'off' }).retentionJob, false);
    assert.equal(readSettings({ ZICHT_RETENTION: 'on' }).retentionJob, true);
    assert.equal(readSettings({ ZICHT_SECURE_COOKIES: '1' }).secureCookies, true);
    assert.equal(readSettings({ ZICHT_SECURE_COOKIES: '0' }).secureCookies, false);
    assert.equal(readSettings({ ZICHT_AUDIT_SYSLOG: '1' }).auditSyslog, true);
    refused({ ZICHT_RETENTION: 'uitgezet' }, 'ZICHT_RETENTION');
    refused({ ZICHT_SECURE_COOKIES: 'secure' }, 'ZICHT_SECURE_COOKIES');
    refused({ ZICHT_AUDIT_SYSLOG: '2' }, 'ZICHT_AUDIT_SYSLOG');
  });

  it('numbers: ZICHT_RATE_LIMIT, ZICHT_LOGIN_RATE_LIMIT, ZICHT_PROGRESS_MS, ZICHT_BENCH_SECONDS are whole numbers', () => {
    const s = readSettings({ ZICHT_RATE_LIMIT: '600', ZICHT_LOGIN_RATE_LIMIT: '50', ZICHT_PROGRESS_MS: '0' });
    assert.equal(s.rateLimitPerMinute, 600);
    assert.equal(s.loginRateLimitPerMinute, 50);
    assert.equal(s.progressMs, 0);
    assert.equal(benchSettings({ ZICHT_BENCH_SECONDS: '5' }).seconds, 5);
    assert.equal(benchSettings({}).seconds, 60);
    refused({ ZICHT_RATE_LIMIT: 'veel' }, 'ZICHT_RATE_LIMIT');
    refused({ ZICHT_RATE_LIMIT: '0' }, 'ZICHT_RATE_LIMIT');
    refused({ ZICHT_LOGIN_RATE_LIMIT: '2.5' }, 'ZICHT_LOGIN_RATE_LIMIT');
    refused({ ZICHT_PROGRESS_MS: '-1' }, 'ZICHT_PROGRESS_MS');
    assert.throws(() => benchSettings({ ZICHT_BENCH_SECONDS: 'lang' }), /ZICHT_BENCH_SECONDS=lang/);
  });

  it('PORT: a port number; child processes get PATH, HOME, LANG and PG* only', () => {
    refused({ PORT: 'http' }, 'PORT');
    refused({ PORT: '70000' }, 'PORT');
    const s = readSettings({ PATH: '/usr/bin', HOME: '/home/z', PGSSLMODE: 'require', ZICHT_PSEUDONYM_KEY_FILE: '/k' });
    assert.deepEqual(s.childEnv, { PATH: '/usr/bin', HOME: '/home/z', PGSSLMODE: 'require' });
  });

  it("ZICHT_PASSWORD and USER: the caller's, sent along with a handed-over command", () => {
    const saved = process.env.ZICHT_PASSWORD;
    try {
      process.env.ZICHT_PASSWORD = 'wachtwoord-van-de-aanroeper';
      assert.equal(forwardedEnv().ZICHT_PASSWORD, 'wachtwoord-van-de-aanroeper');
      assert.equal(callerEnv('ZICHT_PASSWORD'), 'wachtwoord-van-de-aanroeper');
      for (const k of Object.keys(forwardedEnv()))
        assert.ok(['USER', 'ZICHT_PASSWORD'].includes(k), `${k} is not sent along`);
    } finally {
      if (saved === undefined) delete process.env.ZICHT_PASSWORD;
      else process.env.ZICHT_PASSWORD = saved;
    }
  });

  it('ZICHT_MAX_*: the import limits, a positive number each', () => {
    assert.equal(readSettings({ ZICHT_MAX_ROWS: '7' }).limits.rows, 7);
    assert.equal(readSettings({ ZICHT_MAX_UPLOAD_MB: '2' }).limits.uploadBytes, 2 * 1048576);
    refused({ ZICHT_MAX_COLUMNS: 'veel' }, 'ZICHT_MAX_COLUMNS');
    refused({ ZICHT_MAX_ZIP_RATIO: '-3' }, 'ZICHT_MAX_ZIP_RATIO');
  });

  it('the command line turns a refused value into exit 2 with the variable named', () => {
    const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/zicht.js'), 'retention', 'terms'], {
      env: { ...process.env, ZICHT_RETENTION: 'misschien', ZICHT_DATA_DIR: tempDir('zicht-config-') },
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /ZICHT_RETENTION=misschien/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS, UserError, codeOf, type ErrorKey, type Said } from './errors.js';
import { PeriodError, parsePeriod } from './periods.js';
import { LimitError } from '../ingest/limits.js';
import { ReportError } from '../reports/types.js';
import { BenchmarkError } from '../benchmark/benchmark.js';
import { MappingError } from '../benchmark/mapping.js';
import { ReferenceGroupError } from '../benchmark/groups.js';
import { ProfileError } from '../ingest/xlsx/profiles.js';

it('a UserError takes its code, status and both texts from the catalogue', () => {
  const e = new UserError('buiten_scope', { gemeenten: ['0344', '0363'] });
  assert.equal(e.code, 'buiten_scope');
  assert.equal(e.status, 403);
  assert.equal(e.nl, 'Gemeente 0344, 0363 valt buiten uw scope.');
  assert.equal(e.en, 'Gemeente 0344, 0363 is outside your scope.');
  assert.equal(e.bilingual, `${e.nl} / ${e.en}`);
  assert.ok(e instanceof Error);
});

it('a variant key answers with the code before the dot and its own status', () => {
  const e = new UserError('onbekende_indicator.pad', { id: 'x' });
  assert.equal(e.code, 'onbekende_indicator');
  assert.equal(e.status, 404);
  assert.equal(new UserError('geen_toegang.rol', { role: 'bestuur' }).code, 'geen_toegang');
});

it('every catalogue code is one lower-case word with underscores, and every status an HTTP error status', () => {
  for (const key of Object.keys(ERRORS) as ErrorKey[]) {
    assert.match(codeOf(key), /^[a-z]+(_[a-z]+)*$/, key);
    assert.ok(ERRORS[key].status >= 400 && ERRORS[key].status < 600, key);
  }
});

it('the domain errors are UserErrors that keep their own class and message', () => {
  assert.throws(
    () => parsePeriod('2024X9'),
    (e: unknown) =>
      e instanceof PeriodError && e instanceof UserError && e.code === 'ongeldige_periode' && e.status === 400,
  );
  const limit = new LimitError('te groot', 'too large');
  assert.ok(limit instanceof UserError);
  assert.equal(limit.status, 413);
  assert.equal(limit.message, 'too large');
  assert.equal(limit.bilingual, 'te groot / too large');
});

/**
 * Every entry of the catalogue, swept (no hand-kept list): an entry that takes a text made where the error arises
 * (said) is fed one string "Dutch / English", as PeriodError, ReportError, BenchmarkError, MappingError … are thrown;
 * every other entry is made with stand-in parameters. No Dutch message may hold the English half (red team 27 for
 * PeriodError and AccountError only; a ReportError answered "… / …" as its Dutch message).
 */
describe('no Dutch message holds an English half', () => {
  const DUTCH = 'Dit rapport bestaat niet';
  const ENGLISH = 'this report does not exist';
  // a stand-in for any parameter: a string, a list and a number at once as far as a text needs
  const anything: unknown = new Proxy({}, { get: () => Object.assign(['x'], { nl: 'x', en: 'x' }) });
  const specs = Object.entries(ERRORS) as Array<[ErrorKey, (typeof ERRORS)[ErrorKey] & { takesSaid?: true }]>;

  it('every entry that takes a said text splits "nl / en": the Dutch half in message, the English in messageEn', () => {
    const saidKeys = specs.filter(([, s]) => s.takesSaid).map(([k]) => k);
    assert.ok(saidKeys.length >= 20, `found ${saidKeys.length} said entries`);
    for (const key of saidKeys) {
      const make = UserError as unknown as new (k: ErrorKey, p: Said) => UserError;
      const one = new make(key, { nl: `${DUTCH} / ${ENGLISH}` });
      assert.equal(one.nl, DUTCH, key);
      assert.equal(one.en, ENGLISH, key);
      assert.equal(one.bilingual, `${DUTCH} / ${ENGLISH}`, `${key}: the CLI prints it as it was said`);
      // one refusal per line, and the CLI's usage label
      const lines = new make(key, { nl: `${DUTCH} / ${ENGLISH}\nTweede regel / second line` });
      assert.deepEqual([lines.nl, lines.en], [`${DUTCH}\nTweede regel`, `${ENGLISH}\nsecond line`], key);
      const usage = new make(key, { nl: 'Gebruik / usage: zicht backup --out <map>\n       [--json]' });
      assert.deepEqual(
        [usage.nl, usage.en],
        ['Gebruik: zicht backup --out <map>\n       [--json]', 'usage: zicht backup --out <map>\n       [--json]'],
        key,
      );
      // said in two already, or in Dutch only: as given
      const two = new make(key, { nl: DUTCH, en: ENGLISH });
      assert.deepEqual([two.nl, two.en, two.bilingual], [DUTCH, ENGLISH, `${DUTCH} / ${ENGLISH}`], key);
      assert.deepEqual([new make(key, { nl: DUTCH }).nl, new make(key, { nl: DUTCH }).en], [DUTCH, DUTCH], key);
    }
  });

  it('no other entry has " / " in its Dutch text', () => {
    for (const [key, spec] of specs) {
      if (spec.takesSaid) continue;
      const make = UserError as unknown as new (k: ErrorKey, p: unknown) => UserError;
      const e = new make(key, anything);
      assert.ok(!e.nl.includes(' / '), `${key}: ${e.nl}`);
      // a text kept in one string for the logs keeps it there
      if (e.en !== e.nl && e.message.includes(' / ')) assert.equal(e.message, `${e.nl} / ${e.en}`, key);
    }
  });

  it('the domain error classes built on said entries split their one-string texts', () => {
    const thrown = [
      new ReportError(`${DUTCH} / ${ENGLISH}`),
      new BenchmarkError(`${DUTCH} / ${ENGLISH}`),
      new MappingError(`${DUTCH} / ${ENGLISH}`),
      new ReferenceGroupError(`${DUTCH} / ${ENGLISH}`),
      new ProfileError(`${DUTCH} / ${ENGLISH}`),
      new PeriodError(`${DUTCH} / ${ENGLISH}`),
    ];
    for (const e of thrown) {
      assert.equal(e.nl, DUTCH, e.constructor.name);
      assert.equal(e.en, ENGLISH, e.constructor.name);
      assert.equal(e.message, `${DUTCH} / ${ENGLISH}`, `${e.constructor.name}: logs and the CLI keep the one string`);
    }
  });
});

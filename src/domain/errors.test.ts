import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS, UserError, codeOf, type ErrorKey } from './errors.js';
import { PeriodError, parsePeriod } from './periods.js';
import { LimitError } from '../ingest/limits.js';

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

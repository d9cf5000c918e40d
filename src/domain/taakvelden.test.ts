import { it } from 'node:test';
import assert from 'node:assert/strict';
import { foldTaakveld, parseVerslagsoort } from './taakvelden.js';

it('folds the 2023 taakveld split back into 6.72 and 6.82', () => {
  for (const c of ['6.72', '6.72a', '6.72d', '6.73a', '6.73c', '6.74b', ' 6.72  '])
    assert.equal(foldTaakveld(c), '6.72', c);
  for (const c of ['6.82', '6.82a', '6.82b']) assert.equal(foldTaakveld(c), '6.82', c);
  for (const c of ['6.71', '6.72e', '6.81', '6.83', '7.1']) assert.equal(foldTaakveld(c), null, c);
});

it('reads CBS Verslagsoort keys', () => {
  assert.deepEqual(parseVerslagsoort('2017X000'), { year: 2017, kind: 'begroting' });
  assert.deepEqual(parseVerslagsoort('2019X005'), { year: 2019, kind: 'jaarrekening' });
  assert.equal(parseVerslagsoort('2019X001'), null);
});

import { it } from 'node:test';
import assert from 'node:assert/strict';
import { budgetLineLabel, foldTaakveld, parseVerslagsoort } from './taakvelden.js';

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

it('names a budget line in words: the Iv3 line of a youth taakveld, another taakveld by its code, an own post as written', () => {
  assert.equal(budgetLineLabel('6.72'), 'Maatwerkdienstverlening 18- (taakveld 6.72)');
  assert.equal(budgetLineLabel('6.73B'), 'Maatwerkdienstverlening 18- (taakveld 6.73b)');
  assert.equal(budgetLineLabel('6.82'), 'Geëscaleerde zorg 18- (taakveld 6.82)');
  assert.equal(budgetLineLabel('6.82a'), 'Jeugdbescherming (taakveld 6.82a)');
  assert.equal(budgetLineLabel('6.82b'), 'Jeugdreclassering (taakveld 6.82b)');
  assert.equal(budgetLineLabel('7.1'), 'taakveld 7.1');
  assert.equal(budgetLineLabel(' Jeugd overig '), 'Jeugd overig');
});

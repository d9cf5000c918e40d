/**
 * Which header names are taken for a misspelt format column (the file is refused, naming the one meant) and which are
 * a column of the user's own export that Zicht does not read (kept out, the file loads). Both ways cost: a misspelt
 * column dropped in silence loses a value (red team 8), a legitimate column refused keeps a whole file out.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { headerProblems, meantColumn } from './headerCheck.js';
import { DECLARATIES, TRAJECTEN } from './recordTypes.js';

const claims = DECLARATIES.columns.map((c) => c.name);
const trajectories = TRAJECTEN.columns.map((c) => c.name);

it('another spelling, word parts turned round or one typing slip of a format column is taken for that column', () => {
  for (const [name, meant] of [
    ['ontvangst_datum', 'ontvangstdatum'],
    ['Ontvangstdatum', 'ontvangstdatum'],
    ['datum_ontvangst', 'ontvangstdatum'],
    ['ontvangstdatm', 'ontvangstdatum'],
    ['eindatum', 'einddatum'],
  ] as const) {
    assert.equal(meantColumn(name, name === 'eindatum' ? trajectories : claims), meant, name);
  }
});

it("a column of the user's own export is not taken for a format column it merely resembles", () => {
  for (const name of ['meta', 'project_id', 'aanvangdatum', 'datum_ontvangen', 'naam', 'teamnaam', 'opmerking', 'agb'])
    assert.equal(meantColumn(name, trajectories), null, name);
  for (const name of ['project_id', 'datum', 'bedrag', 'productnaam'])
    assert.equal(meantColumn(name, claims), null, name);
});

it('a column standing twice is refused, and a near miss beside the right column too', () => {
  assert.deepEqual(
    headerProblems(['declaratie_id', 'ontvangstdatum', 'ontvangstdatum'], claims).map((p) => p.code),
    ['duplicate_column'],
  );
  assert.deepEqual(
    headerProblems(['declaratie_id', 'ontvangstdatum', 'ontvangst_datum'], claims).map((p) => [p.column, p.code]),
    [['ontvangst_datum', 'misspelled_column']],
  );
});

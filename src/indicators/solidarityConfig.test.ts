/**
 * Bad regional solidarity settings (solidariteit.json) are refused with a text naming the file and the field, in
 * Dutch and English; a good file and the default read as written.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/fixtures.js';
import {
  activeSolidarity,
  DEFAULT_SOLIDARITY,
  keyInWords,
  readSolidarityConfig,
  SOLIDARITY_FILE,
  SolidarityConfigError,
} from './solidarityConfig.js';
import { UserError } from '../domain/errors.js';

function writeTo(content: string): string {
  const file = join(tempDir('zicht-solid-'), SOLIDARITY_FILE);
  writeFileSync(file, content);
  return file;
}

function refused(content: string): SolidarityConfigError {
  const file = writeTo(content);
  try {
    readSolidarityConfig(file);
  } catch (err) {
    assert.ok(err instanceof SolidarityConfigError, String(err));
    assert.ok(err instanceof UserError);
    assert.equal(err.code, 'solidariteit_instelling_fout');
    assert.ok(err.nl.startsWith(`${file}: veld `), err.nl);
    assert.ok(err.en.startsWith(`${file}: field `), err.en);
    return err;
  }
  assert.fail(`accepted: ${content}`);
}

const key = (parts: Array<[string, number]>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ sleutel: parts.map(([component, gewicht]) => ({ component, gewicht })), ...extra });

describe('solidariteit.json: bad settings are refused naming file and field', () => {
  it('weights that do not sum to 100', () => {
    const e = refused(
      key([
        ['jeugdigen', 60],
        ['jeugdigen_met_jeugdhulp', 30],
      ]),
    );
    assert.match(e.nl, /veld sleutel: de gewichten tellen op tot 90% in plaats van 100%/);
    assert.match(e.en, /field sleutel: the weights add up to 90% instead of 100%/);
    const over = refused(
      key([
        ['jeugdigen', 50.5],
        ['kosten', 50],
      ]),
    );
    assert.match(over.nl, /tellen op tot 100,5% in plaats van 100%/);
  });

  it('an unknown component', () => {
    const e = refused(key([['inwoners', 100]]));
    assert.match(e.nl, /veld sleutel\.0\.component: onbekende waarde 'inwoners'; kies uit jeugdigen, /);
  });

  it('a negative trigger', () => {
    const e = refused(key([['jeugdigen', 100]], { drempel_procent: -5 }));
    assert.match(e.nl, /veld drempel_procent: mag niet kleiner zijn dan 0/);
  });

  it('a negative weight, a weight with three decimals, a component named twice, an unknown cost or field', () => {
    assert.match(
      refused(
        key([
          ['jeugdigen', -10],
          ['kosten', 110],
        ]),
      ).nl,
      /veld sleutel\.0\.gewicht: mag niet kleiner/,
    );
    assert.match(
      refused(
        key([
          ['jeugdigen', 33.333],
          ['kosten', 66.667],
        ]),
      ).nl,
      /veld sleutel\.0\.gewicht: hoogstens twee decimalen/,
    );
    assert.match(
      refused(
        key([
          ['jeugdigen', 50],
          ['jeugdigen', 50],
        ]),
      ).nl,
      /veld sleutel\.1\.component: component 'jeugdigen' staat er twee keer in/,
    );
    assert.match(
      refused(key([['jeugdigen', 100]], { kosten: 'lumpsum' })).nl,
      /veld kosten: onbekende waarde 'lumpsum'/,
    );
    assert.match(refused(key([['jeugdigen', 100]], { drempel: 10 })).nl, /veld \(bestand\): onbekend veld 'drempel'/);
    assert.match(refused(JSON.stringify({ sleutel: [] })).nl, /veld sleutel: noem minstens één component/);
    assert.match(refused(JSON.stringify({})).nl, /veld sleutel: ontbreekt/);
    assert.match(refused(key([['jeugdigen', '100' as unknown as number]])).nl, /gewicht: moet een getal zijn/);
    assert.match(refused(key([['jeugdigen', 100]], { basisjaar: 24 })).nl, /veld basisjaar: mag niet kleiner/);
  });

  it('a key given twice, anywhere in the file, naming the key and its line', () => {
    // JSON.parse keeps the last `sleutel` in silence: this one would read as 100% youths in care
    const twice = refused(
      '{\n  "sleutel": [{ "component": "jeugdigen", "gewicht": 100 }],\n' +
        '  "sleutel": [{ "component": "jeugdigen_met_jeugdhulp", "gewicht": 100 }]\n}\n',
    );
    assert.match(twice.nl, /: veld sleutel: staat er twee keer \(regel 3\); JSON houdt alleen de laatste/);
    assert.match(twice.en, /: field sleutel: given twice \(line 3\)/);
    const inside = refused(
      '{ "sleutel": [\n  { "component": "jeugdigen", "gewicht": 50 },\n' +
        '  { "component": "kosten", "gewicht": 50, "gewicht": 50 }\n] }',
    );
    assert.match(inside.nl, /: veld sleutel\.1\.gewicht: staat er twee keer \(regel 3\)/);
    assert.match(
      refused('{"drempel_procent": 10, "sleutel": [], "drempel_procent": 10}').nl,
      /veld drempel_procent: staat er twee keer \(regel 1\)/,
    );
    // the same name in two objects, and in a text value, is no duplicate
    assert.equal(
      readSolidarityConfig(
        writeTo(
          '{"omschrijving": "\\"sleutel\\": x", "sleutel": [{"component": "jeugdigen", "gewicht": 50}, {"component": "kosten", "gewicht": 50}]}',
        ),
      ).key.length,
      2,
    );
  });

  it('a file that is not JSON', () => {
    const dir = tempDir('zicht-solid-');
    const file = join(dir, SOLIDARITY_FILE);
    writeFileSync(file, '{ sleutel: ');
    assert.throws(
      () => readSolidarityConfig(file),
      (e: unknown) => {
        assert.ok(e instanceof SolidarityConfigError);
        assert.match(e.nl, /geen leesbare JSON/);
        assert.ok(e.nl.startsWith(file));
        return true;
      },
    );
  });
});

describe('solidariteit.json: good settings', () => {
  it('reads weights and trigger in hundredths, and the default without a file', () => {
    const dir = tempDir('zicht-solid-');
    assert.deepEqual(activeSolidarity(dir).config, DEFAULT_SOLIDARITY);
    writeFileSync(
      join(dir, SOLIDARITY_FILE),
      key(
        [
          ['jeugdigen', 33.33],
          ['jeugdigen_met_jeugdhulp', 33.33],
          ['kosten', 33.34],
        ],
        { basisjaar: 2024, drempel_procent: 7.5, kosten: 'declaraties', omschrijving: 'Noord-Limburg' },
      ),
    );
    const { config, from } = activeSolidarity(dir);
    assert.equal(from, join(dir, SOLIDARITY_FILE));
    assert.deepEqual(config, {
      description: 'Noord-Limburg',
      key: [
        { component: 'jeugdigen', weight: 3333 },
        { component: 'jeugdigen_met_jeugdhulp', weight: 3333 },
        { component: 'kosten', weight: 3334 },
      ],
      cost: 'declaraties',
      baseYear: 2024,
      trigger: 750,
    });
    assert.equal(
      keyInWords(config).nl,
      'Verdeelsleutel: 33,33% naar het aandeel in de jeugdigen van 0–17 jaar en 33,33% naar het aandeel in de jeugdigen met jeugdhulp en 33,34% naar het aandeel in de gerealiseerde kosten (gemeten over het jaar 2024); gedeelde kosten: kosten uit declaraties; signaal bij gerealiseerde kosten meer dan 7,5% boven het deel volgens de sleutel.',
    );
  });
});

/**
 * Gemeente codes through time. The number of gemeenten CBS lists on 1 January of each year is a
 * public fact, so counting the codes valid on that day checks the whole herindelingen table.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import history from './data/herindelingen.json' with { type: 'json' };
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  MUNICIPALITIES,
  findMunicipality,
  findMunicipalityIncludingEnded,
  municipalityValidOn,
} from './municipalities.js';

/** The gemeente codes valid on a date: today's list plus the ended ones, minus those not yet begun. */
const municipalityCodesOn = (date: string) =>
  [...MUNICIPALITIES.map((m) => m.code), ...history.ended.map((e) => e.code)].filter(
    (c) => municipalityValidOn(c, date).ok,
  );

describe('gemeente codes through time', () => {
  it('the number of gemeenten on 1 January matches CBS for every year since 2016', () => {
    const cbs: Record<number, number> = {
      2016: 390,
      2017: 388,
      2018: 380,
      2019: 355,
      2020: 355,
      2021: 352,
      2022: 345,
      2023: 342,
      2024: 342,
      2025: 342,
      2026: 342,
    };
    for (const [year, count] of Object.entries(cbs))
      assert.equal(municipalityCodesOn(`${year}-01-01`).length, count, `1 januari ${year}`);
    assert.equal(municipalityCodesOn('2022-03-24').length, 344, 'Weesp joined Amsterdam on 24 March 2022');
  });

  it('an ended gemeente is valid up to its last day and names its successor after it', () => {
    assert.deepEqual(municipalityValidOn('0457', '2022-03-23'), { ok: true });
    const v = municipalityValidOn('0457', '2023-01-01');
    assert.equal(v.ok, false);
    if (!v.ok) {
      assert.equal(v.code, 'gemeente_ended');
      assert.equal(
        v.nl,
        'gemeente 0457 (Weesp) bestond op 01-01-2023 niet meer: opgeheven na 23-03-2022, opgevolgd door 0363 (Amsterdam)',
      );
    }
  });

  it('a new gemeente is not valid before its first day', () => {
    const v = municipalityValidOn('1992', '2022-06-01');
    assert.equal(v.ok, false);
    if (!v.ok)
      assert.match(v.nl, /^gemeente 1992 \(Voorne aan Zee\) bestond op 01-06-2022 nog niet: ontstaan op 01-01-2023$/);
    assert.deepEqual(municipalityValidOn('1992', '2023-01-01'), { ok: true });
  });

  it("codes outside the history are always valid; ended codes are found with their successor's region", () => {
    assert.deepEqual(municipalityValidOn('0363', '2010-01-01'), { ok: true });
    assert.deepEqual(municipalityValidOn('9001', '2030-01-01'), { ok: true });
    assert.equal(
      findMunicipalityIncludingEnded('0457')?.youthCareRegion,
      findMunicipalityIncludingEnded('0363')?.youthCareRegion,
    );
    assert.equal(findMunicipalityIncludingEnded('0000'), undefined);
  });
});

/**
 * The names of ended gemeenten come with their codes in herindelingen.json, so a swap (0815 and 1702 read Sint
 * Anthonis and Mill en Sint Hubert) gives right verdicts with the wrong gemeente named. The CBS list of 2026 in
 * ../shared/reference has only today's gemeenten: it checks the successors and the new gemeenten, and that no ended
 * code is still in it. The ended codes' names are checked against this copy of CBS's codes before the herindelingen
 * (GM0815 Mill en Sint Hubert, GM1702 Sint Anthonis; no list of ended codes is in ../shared to derive it from).
 */
const ENDED_NAMES: Record<string, string> = {
  '0815': 'Mill en Sint Hubert',
  '1702': 'Sint Anthonis',
  '0756': 'Boxmeer',
  '1684': 'Cuijk',
  '0786': 'Grave',
  '1685': 'Landerd',
  '0856': 'Uden',
  '0457': 'Weesp',
  '0788': 'Haaren',
  '0501': 'Brielle',
  '0530': 'Hellevoetsluis',
  '0614': 'Westvoorne',
};
/** Used when ../shared is not there (a user's checkout): names as the 2026 reference list gives them. */
const EMBEDDED_2026: Record<string, string> = {
  '1982': 'Land van Cuijk',
  '1991': 'Maashorst',
  '0363': 'Amsterdam',
  '1992': 'Voorne aan Zee',
  '1948': 'Meierijstad',
  '1942': 'Gooise Meren',
};

function referenceList(): { names: Map<string, string>; from: string } {
  for (const up of ['../../../shared', '../../../../shared']) {
    const file = fileURLToPath(new URL(`${up}/reference/ijw-3.2/codelists/CBS_Gemeentecodes.json`, import.meta.url));
    if (!existsSync(file)) continue;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as {
      values: Array<{ gemeentecode: string; gemeentenaam: string }>;
    };
    return { names: new Map(raw.values.map((v) => [v.gemeentecode, v.gemeentenaam])), from: file };
  }
  return { names: new Map(Object.entries(EMBEDDED_2026)), from: 'embedded copy' };
}

describe('gemeente names in the herindelingen data', () => {
  it('ended gemeenten carry their own names, and a message names the right one', () => {
    const byCode = new Map(history.ended.map((e) => [e.code, e.name]));
    for (const [code, name] of Object.entries(ENDED_NAMES)) assert.equal(byCode.get(code), name, code);
    for (const [code, name] of [
      ['0815', 'Mill en Sint Hubert'],
      ['1702', 'Sint Anthonis'],
    ]) {
      const v = municipalityValidOn(code!, '2022-06-01');
      assert.equal(v.ok, false);
      if (!v.ok) assert.match(v.nl, new RegExp(`^gemeente ${code} \\(${name}\\) bestond op 01-06-2022 niet meer`));
      assert.equal(findMunicipalityIncludingEnded(code!)?.name, name);
    }
  });

  it('successors and new gemeenten have the names of the CBS reference list, and no ended code is in it', () => {
    const ref = referenceList();
    const codes = new Set([...history.ended.flatMap((e) => e.successors), ...history.begun.map((b) => b.code)]);
    let checked = 0;
    for (const code of codes) {
      const want = ref.names.get(code);
      if (want === undefined) continue; // only in the full list
      assert.equal(findMunicipality(code)?.name, want, `${code} (${ref.from})`);
      checked++;
    }
    assert.ok(checked >= Math.min(codes.size, ref.names.size), `${checked} codes checked against ${ref.from}`);
    for (const e of history.ended) if (ref.from !== 'embedded copy') assert.ok(!ref.names.has(e.code), e.code);
    // the shipped list is the reference list itself
    if (ref.from !== 'embedded copy')
      for (const m of MUNICIPALITIES) assert.equal(m.name, ref.names.get(m.code), m.code);
  });
});

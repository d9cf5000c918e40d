/**
 * Gemeente codes through time. The number of gemeenten CBS lists on 1 January of each year is a
 * public fact, so counting the codes valid on that day checks the whole herindelingen table.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import history from './data/herindelingen.json' with { type: 'json' };
import { MUNICIPALITIES, findMunicipalityIncludingEnded, municipalityValidOn } from './municipalities.js';

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

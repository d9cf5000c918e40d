import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cbsPeriodKey,
  formatPeriod,
  isActiveIn,
  lastCompleteHalfYear,
  monthSpanNl,
  parsePeriod,
  PeriodError,
  periodEnd,
  periodRange,
  periodStart,
  shiftPeriod,
} from './periods.js';
import { addDays, addMonths, daysBetween, isIsoDate, weekday } from './dates.js';
import fc from 'fast-check';
import { addWorkingDays, easterSunday, isWorkingDay, workingDaysBetween } from './workdays.js';
import { isPlaceholderBsn, maskBsn, passesElfproef } from './bsn.js';
import { PseudonymKey } from './pseudonym.js';
import { END_REASON, PRODUCT_CATEGORY, REFERRER, hasCode, label } from './codelists.js';
import { MUNICIPALITIES, isKnownMunicipalityCode, fromCbsRegionKey } from './municipalities.js';
import { careFormOf, careLevelOf } from './careForms.js';
import { intensityClass, isSpecialist } from './intensity.js';

describe('periods', () => {
  it('parses our notation and CBS keys to the same period', () => {
    assert.deepEqual(parsePeriod('2024H1'), parsePeriod('2024HJ01'));
    assert.deepEqual(parsePeriod('2024'), parsePeriod('2024JJ00'));
    assert.deepEqual(parsePeriod('2024Q3'), parsePeriod('2024KW03'));
    assert.deepEqual(parsePeriod('2024-03'), parsePeriod('2024MM03'));
  });
  it('writes CBS keys', () => {
    assert.equal(cbsPeriodKey(parsePeriod('2020H1')), '2020HJ01');
    assert.equal(cbsPeriodKey(parsePeriod('2019')), '2019JJ00');
  });
  it('knows start and end dates, including leap years', () => {
    assert.equal(periodStart(parsePeriod('2024H2')), '2024-07-01');
    assert.equal(periodEnd(parsePeriod('2024-02')), '2024-02-29');
    assert.equal(periodEnd(parsePeriod('2023-02')), '2023-02-28');
    assert.equal(periodEnd(parsePeriod('2024Q4')), '2024-12-31');
  });
  it('shifts across year boundaries', () => {
    assert.equal(formatPeriod(shiftPeriod(parsePeriod('2024H1'), -1)), '2023H2');
    assert.equal(formatPeriod(shiftPeriod(parsePeriod('2024-12'), 1)), '2025-01');
    assert.equal(periodRange(parsePeriod('2023Q3'), parsePeriod('2024Q2')).length, 4);
  });
  it('rejects nonsense with a bilingual message', () => {
    const said = (text: string) => {
      try {
        parsePeriod(text);
      } catch (e) {
        // the API's message and messageEn each get their half; the CLI prints both
        const u = e as PeriodError;
        return [u.nl, u.en];
      }
      return null;
    };
    assert.deepEqual(said('2024H3'), [
      'Onbekende periode "2024H3" (verwacht 2024, 2024H1, 2024Q3 of 2024-03)',
      'unknown period "2024H3" (expected 2024, 2024H1, 2024Q3 or 2024-03)',
    ]);
    // red team 25: month 13 was said in internal English in both halves
    assert.deepEqual(said('2024-13'), [
      'Maand 13 bestaat niet: geef een maand van 01 tot en met 12, bv. 2024-03',
      'month 13 does not exist: give a month from 01 to 12',
    ]);
    assert.match(said('2024-00')![0]!, /^Maand 00 bestaat niet/);
  });
  it('says a run of months in Dutch words', () => {
    assert.equal(monthSpanNl('2026-01', '2026-11'), 'januari t/m november 2026');
    assert.equal(monthSpanNl('2024-06', '2024-06'), 'juni 2024');
    assert.equal(monthSpanNl('2025-12', '2026-01'), 'december 2025 t/m januari 2026');
  });
  it('applies the active-in-period rule of the catalogue', () => {
    const p = parsePeriod('2024H1');
    assert.ok(isActiveIn(p, '2023-01-01', null));
    assert.ok(isActiveIn(p, '2023-01-01', '2024-01-01'));
    assert.ok(!isActiveIn(p, '2023-01-01', '2023-12-31'));
    assert.ok(!isActiveIn(p, '2024-07-01', null));
  });
  it('finds the last complete half-year', () => {
    assert.equal(formatPeriod(lastCompleteHalfYear('2026-11-22')), '2026H1');
    assert.equal(formatPeriod(lastCompleteHalfYear('2026-03-01')), '2025H2');
  });
});

describe('dates', () => {
  it('rejects dates that do not exist', () => {
    assert.ok(!isIsoDate('2027-06-31'));
    assert.ok(!isIsoDate('2023-02-29'));
    assert.ok(isIsoDate('2024-02-29'));
  });
  it('does day arithmetic without time zones', () => {
    assert.equal(daysBetween('2024-03-30', '2024-04-01'), 2); // across the DST change
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(weekday('2026-11-22'), 0);
  });
});

describe('working days', () => {
  it('computes Easter', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
  });
  it('skips weekends and Dutch public holidays', () => {
    assert.ok(!isWorkingDay('2024-04-01')); // tweede Paasdag
    assert.ok(!isWorkingDay('2024-05-09')); // Hemelvaart
    assert.ok(!isWorkingDay('2025-04-26')); // Koningsdag moved: 27 April 2025 is a Sunday
    assert.ok(!isWorkingDay('2024-12-26'));
    assert.ok(isWorkingDay('2024-03-29')); // Goede Vrijdag is not in the Algemene termijnenwet
  });
  it('adds 5 working days around Christmas', () => {
    assert.equal(addWorkingDays('2024-12-23', 5), '2025-01-02');
    assert.equal(workingDaysBetween('2024-12-23', '2025-01-02'), 5);
  });
});

describe('BSN and pseudonyms', () => {
  it('checks the elfproef', () => {
    assert.ok(passesElfproef('999990019'));
    assert.ok(!passesElfproef('999990018'));
    assert.ok(!passesElfproef('12345678'));
    assert.ok(isPlaceholderBsn('999999999'));
    assert.equal(maskBsn('999990019'), '*******19');
  });
  it('pseudonymises deterministically per key and never returns the BSN', () => {
    const k1 = PseudonymKey.fromHex('11'.repeat(32));
    const k2 = PseudonymKey.fromHex('22'.repeat(32));
    const p = k1.pseudonymise('999990019');
    assert.equal(p, k1.pseudonymise('999990019'));
    assert.notEqual(p, k2.pseudonymise('999990019'));
    assert.ok(!p.includes('999990019'));
    assert.match(p, /^P[0-9a-f]{32}$/);
  });
});

describe('code lists and mappings', () => {
  it('keeps leading zeros', () => {
    assert.ok(hasCode(REFERRER, '02'));
    assert.ok(!hasCode(REFERRER, '2'));
    assert.equal(label(END_REASON, '32'), 'Voortijdig afgesloten, door cliënt');
    assert.ok(hasCode(PRODUCT_CATEGORY, '45'));
  });
  it('ships the 342 municipalities of 2026 and accepts demo codes', () => {
    assert.equal(MUNICIPALITIES.length, 342);
    assert.ok(isKnownMunicipalityCode('0363'));
    assert.ok(isKnownMunicipalityCode('9001'));
    assert.ok(!isKnownMunicipalityCode('0001'));
    assert.equal(fromCbsRegionKey('GM0363  '), '0363');
  });
  it('maps product categories to care forms', () => {
    assert.equal(careFormOf('45'), 'zonder_verblijf');
    assert.equal(careFormOf('43'), 'met_verblijf');
    assert.equal(careFormOf('48'), 'jeugdbescherming');
    assert.equal(careFormOf('49'), 'jeugdreclassering');
    assert.equal(careLevelOf('41'), 'dagbehandeling');
  });
  it('classes intensities', () => {
    assert.equal(intensityClass('B'), 'licht');
    assert.equal(intensityClass('F'), 'specialistisch');
    assert.equal(intensityClass('H'), 'langdurig');
    assert.ok(isSpecialist('D') && !isSpecialist('C'));
  });
});

describe('working days, arithmetic', () => {
  // the obvious walk over the days, as the reference
  const walk = (from: string, to: string) => {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
    return n;
  };
  it('equals walking the calendar for any pair of dates 1990–2040', () => {
    fc.assert(
      fc.property(fc.integer({ min: 7305, max: 25567 }), fc.integer({ min: -20, max: 800 }), (start, len) => {
        const from = addDays('1970-01-01', start);
        const to = addDays(from, len);
        return workingDaysBetween(from, to) === walk(from, to);
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * The personal-data rule on its own (the route test, src/server/storySubjects.test.ts, sends the refused spellings
 * over HTTP): ordinary sentences with years, counts and amounts stay allowed, so the rule does not push authors to
 * write around it.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { personalDataHint } from './personalData.js';

it('leaves ordinary story text alone: years, counts, amounts, words that start like "geb"', () => {
  for (const text of [
    'In 2024 en 2025 groeide de wachtlijst.',
    'We zagen 1234 aanmeldingen in 2025.',
    'Het budget van € 123.456.789 is op.',
    'Gebouw 3 is dicht; de gebiedsteams 2 en 3 werken samen.',
    'Een gebeurtenis op 12 maart.',
    'Zorg at home werkt.',
    'Het wachten was het zwaarst, zegt een moeder.',
  ])
    assert.equal(personalDataHint(text), null, text);
});

it('refuses the spellings red team 35 got through, as body and as theme', () => {
  for (const text of [
    'BSN:99900001',
    'bel 06\u201112345678',
    'bel +31(0)612345678',
    'jan @ voorbeeld.nl',
    'jan.de.vries at gmail.com',
    "geb. 12 mrt '11",
    'geboortedatum 3-12-11',
    'geb 01012012',
    '1234-AB',
    'postcode 1234 ab',
    '1234 A B',
  ])
    assert.notEqual(personalDataHint(text), null, text);
  for (const theme of ['1234 ab', 'jan at voorbeeld nl'])
    assert.notEqual(personalDataHint(theme, { theme: true }), null);
  assert.equal(personalDataHint('school 2024', { theme: true }), null);
});

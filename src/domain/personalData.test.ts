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
    'EUR 1.234.567,89; contract 2025-0012345; totaal 123456789 euro; aanbieder 99147514.',
    'AB12 is een productcode; het gezin (a) en (b).',
    'Geboren en getogen in de wijk, van 1 jan 2025 tot 31 mrt 2025.',
    'In 2024 en Zwolle, 2025 de Raad, 2026 te Zutphen, 1999 al Utrecht.',
    'Een pakket van 1500 kg, 2024 is voorbij, 300 km rijden.',
  ])
    assert.equal(personalDataHint(text), null, text);
});

it('refuses the spellings red teams 35 and 36 got through, as body and as theme', () => {
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
    '1234 ab Aldervaart',
    'woont op 7511 kh, Enschede',
    // red team 40
    'woont 1234 ab',
    'woont 1234  AB',
    'woont 1234.AB',
    'woont 1234_ab',
    'woont 1234/AB',
    // red team 36
    'mail jan @ example . nl',
    'jan at example dot nl',
    'mail jan(a)example.nl',
    'mail jan{at}example.nl',
    'jan apenstaart example punt nl',
    'jan.jansen@gemeente',
    'BSN\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0662',
    'born 12/03/2015',
    'DOB 12-03-2015',
    'date of birth 12-03-2015',
    "geboren op 3 mrt '15",
    'geboren: twaalf maart 2015',
    'geboren in maart 2015',
    '(*12-03-2015)',
    'BE68539007547034',
    'DE89 3704 0044 0532 0130 00',
  ])
    assert.notEqual(personalDataHint(text), null, text);
  for (const theme of ['1234 ab', 'jan at voorbeeld nl'])
    assert.notEqual(personalDataHint(theme, { theme: true }), null);
  assert.equal(personalDataHint('school 2024', { theme: true }), null);
});

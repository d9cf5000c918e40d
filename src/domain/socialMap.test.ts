/**
 * The sociale kaart's rules (domain/socialMap.ts): an organisation's contact details pass, a person's are refused;
 * themes are read as people write them; the productcategorie → thema mapping names only real JZ020 codes and themes.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { PRODUCT_CATEGORY } from './codelists.js';
import {
  CATEGORY_THEMES,
  SOCIAL_THEMES,
  SOCIAL_THEME_LABELS,
  emailProblem,
  freeTextProblem,
  phoneProblem,
  readTheme,
  themesForCategory,
  validOn,
  websiteProblem,
} from './socialMap.js';

it('an organisation’s phone number passes, a mobile number or letters do not', () => {
  for (const ok of [
    '010 123 4567',
    '0101234567',
    '+31 (0)10 123 4567',
    '0031 10 1234567',
    '0800 1234',
    '0900-1234567',
    '14 010',
    '088-1234567',
  ])
    assert.equal(phoneProblem(ok), null, ok);
  for (const mobile of ['06 12345678', '06-12345678', '+31 6 12345678', '0031612345678'])
    assert.equal(phoneProblem(mobile)?.code, 'personal_data', mobile);
  for (const bad of ['bel ons', '12345', '010 123 456']) assert.equal(phoneProblem(bad)?.code, 'invalid_phone', bad);
});

it('a general e-mail box passes, first.last and malformed addresses do not', () => {
  for (const ok of ['info@org.nl', 'aanmelden@jeugd.example.nl', 'info.jeugd@org.nl', 'jongerenwerk@org.nl'])
    assert.equal(emailProblem(ok), null, ok);
  for (const person of ['jan.jansen@org.nl', 'p.de-vries@org.nl', 'piet_jansen@gmail.com'])
    assert.equal(emailProblem(person)?.code, 'personal_data', person);
  for (const bad of ['info@', 'info at org.nl', '@org.nl']) assert.equal(emailProblem(bad)?.code, 'invalid_email', bad);
  // red team 38: a phone number, a BSN or a postcode as the box name was published
  for (const person of ['0612345678@x.nl', 'bsn111222333@x.nl', '1234ab@x.nl', 'tel.06-12345678@x.nl'])
    assert.equal(emailProblem(person)?.code, 'personal_data', person);
  for (const ok of ['jeugd0363@org.nl', 'team-2@org.nl']) assert.equal(emailProblem(ok), null, ok);
});

it('a website needs a host with a dot, no credentials, and nothing personal in its path', () => {
  for (const ok of ['org.nl', 'https://www.org.nl/jeugd', 'http://bieb.example.nl/huiswerk?x=1'])
    assert.equal(websiteProblem(ok), null, ok);
  for (const bad of ['ftp://org.nl', 'localhost', 'https://user:pw@org.nl', 'geen website'])
    assert.equal(websiteProblem(bad)?.code, 'invalid_website', bad);
  assert.equal(websiteProblem('https://org.nl/contact/jan@gmail.com')?.code, 'personal_data');
});

it('free text with an identifier is refused, naming what it seems to hold', () => {
  assert.match(freeTextProblem('Bel Piet op 06-12345678')!.nl, /telefoonnummer/);
  assert.match(freeTextProblem('kind geb. 12-03-2015')!.nl, /geboortedatum/);
  assert.equal(freeTextProblem('Opvoedspreekuur voor ouders van 0 tot 12 jaar, elke dinsdag'), null);
});

it('themes are read in any case, with spaces, or by their words on screen', () => {
  assert.equal(readTheme('Psychisch welzijn'), 'psychisch_welzijn');
  assert.equal(readTheme('school en leren'), 'school');
  assert.equal(readTheme('vrije-tijd'), 'vrije_tijd');
  assert.equal(readTheme('wachtlijst'), null);
  assert.deepEqual(Object.keys(SOCIAL_THEME_LABELS).sort(), [...SOCIAL_THEMES].sort());
});

it('the mapping names real JZ020 categories and known themes; compulsory care maps to nothing', () => {
  for (const [code, themes] of Object.entries(CATEGORY_THEMES)) {
    assert.ok(PRODUCT_CATEGORY.labels.has(code), code);
    assert.ok(themes.length > 0 && themes.every((t) => (SOCIAL_THEMES as readonly string[]).includes(t)), code);
  }
  for (const code of ['37', '46', '47', '48']) assert.deepEqual(themesForCategory(code), [], code);
  assert.deepEqual(themesForCategory('99'), []);
});

it('an offer is valid from its first through its last day', () => {
  assert.ok(validOn('2025-01-01', null, '2025-01-01'));
  assert.ok(validOn('2025-01-01', '2025-06-30', '2025-06-30'));
  assert.ok(!validOn('2025-01-01', '2025-06-30', '2025-07-01'));
  assert.ok(!validOn('2025-01-02', null, '2025-01-01'));
});

/**
 * Words instead of codes: the web bundle's copy of the care-form labels and of the iJw JZ020 product
 * categories (src/web/labels.ts may not import outside src/web) agrees with the domain, every split an
 * indicator declares has a name, and no label a user reads is a code.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { webLabels } from '../testing/webFormat.js';
import { CARE_FORMS, CARE_FORM_LABELS, DEFAULT_CARE_FORM_MAPPING } from './careForms.js';
import { PRODUCT_CATEGORY } from './codelists.js';
import { FINANCING_FORM_WORDS } from './contracts.js';
import { BUDGET_SOURCE_LABELS, EVALUATION_OUTCOME_LABELS } from './pilots.js';
import { SOCIAL_THEMES } from './socialMap.js';
import { INDICATORS } from '../indicators/catalogue.js';

const SNAKE = /\b[a-z]+_[a-z_]+\b/;

describe('web labels', () => {
  it('copy the care-form labels and the JZ020 product categories exactly', async () => {
    const web = await webLabels();
    for (const f of CARE_FORMS)
      assert.deepEqual([...web.CARE_FORM_TEXT[f]!], [CARE_FORM_LABELS[f].nl, CARE_FORM_LABELS[f].en], f);
    assert.deepEqual(Object.keys(web.CARE_FORM_TEXT).sort(), [...CARE_FORMS].sort());
    assert.deepEqual(web.PRODUCT_CATEGORY_TEXT, Object.fromEntries(PRODUCT_CATEGORY.labels));
    assert.deepEqual(
      web.FINANCING_FORM_TEXT,
      Object.fromEntries(Object.entries(FINANCING_FORM_WORDS).map(([k, w]) => [k, [w.nl, w.en]])),
    );
    assert.equal(web.keyLabel('financieringsvorm', 'taakgericht', 'nl'), 'taakgericht (vast budget)');
    // every theme of the sociale kaart has its English words (a theme added without them showed Dutch in English)
    assert.deepEqual(Object.keys(web.SOCIAL_THEME_EN).sort(), [...SOCIAL_THEMES].sort());
    // the pilot register's words (issue 21): the page says what the API and the CLI say
    const dutch = (t: Record<string, readonly [string, string]>) =>
      Object.fromEntries(Object.entries(t).map(([k, [nl]]) => [k, nl]));
    assert.deepEqual(dutch(web.BUDGET_SOURCE_TEXT), BUDGET_SOURCE_LABELS);
    assert.deepEqual(dutch(web.EVALUATION_OUTCOME_TEXT), EVALUATION_OUTCOME_LABELS);
    assert.equal(web.keyLabel('financieringsvorm', 'declaraties', 'nl'), 'declaraties (prijs × aantal)');
  });

  it('name every split of every indicator in the catalogue, in Dutch and English, without a code', async () => {
    const web = await webLabels();
    for (const d of INDICATORS.map((i) => i.definition)) {
      for (const by of d.dimensions) {
        assert.ok(web.SPLIT_LABELS[by], `${d.id}: split ${by} has a name`);
        for (const lang of ['nl', 'en'] as const)
          assert.doesNotMatch(web.splitLabel(by, lang), SNAKE, `${d.id} ${by} ${lang}`);
      }
    }
  });

  it('turn keys into words: care forms, product categories by name, providers as "AGB …", composite keys', async () => {
    const web = await webLabels();
    assert.equal(web.keyLabel('zorgvorm', 'zonder_verblijf', 'nl'), 'jeugdhulp zonder verblijf');
    assert.equal(web.keyLabel('zorgvorm', 'met_verblijf', 'en'), 'youth care with residence');
    assert.equal(web.keyLabel('statistiek', 'binnen_norm', 'nl'), 'binnen de norm');
    assert.equal(web.keyLabel('aanbieder', '12345678', 'nl'), 'AGB 12345678');
    assert.equal(web.keyLabel('productcategorie', '45', 'nl'), '45 Jeugdhulp ambulant');
    assert.equal(
      web.keyLabel('productcategorie', '43:mediaan', 'en'),
      '43 Jeugdhulp verblijf (incl. behandeling) — median',
    );
    assert.equal(
      web.keyLabel('intensiteit', 'zonder intensiteit: met_verblijf', 'nl'),
      'zonder intensiteit: jeugdhulp met verblijf',
    );
    assert.equal(web.keyLabel('aantal_voorzieningen', '2', 'nl'), '2 voorzieningen');
    // duration by care form (issue 16.6): the care form in words, then the statistic
    assert.equal(web.keyLabel('zorgvorm', 'met_verblijf:mediaan', 'nl'), 'jeugdhulp met verblijf — mediaan');
    assert.equal(web.keyLabel('zorgvorm', 'jeugdbescherming:p75', 'en'), 'child protection — 75th percentile');
    assert.equal(web.keyLabel('wijk', 'onbekend', 'nl'), 'onbekend');
    // youth_segments (issue 21): the four groups, and by wijk the wijk by the name the server sent with the group
    assert.equal(web.keyLabel('groep', 'basishulp_en_jeugdhulp', 'nl'), 'basishulp én jeugdhulp');
    assert.equal(web.keyLabel('wijk', '900101:geen_hulp', 'en', 'Noord'), 'Noord — no help');
    assert.equal(web.keyLabel('wijk', 'onbekend:alleen_jeugdhulp', 'nl'), 'onbekend — alleen jeugdhulp');
    // a regio figure of a waiting time is named as the regio, a gemeente by its name
    assert.equal(web.gemeenteLabel('regio:DEMO-MW', {}, 'nl'), 'regio DEMO-MW');
    assert.equal(web.gemeenteLabel('regio:DEMO-MW', {}, 'en'), 'region DEMO-MW');
    assert.equal(web.gemeenteLabel('9001', { '9001': 'Testdorp' }, 'nl'), 'Testdorp');
    // every category of the care-form mapping reads as a name, never as a bare code
    for (const c of Object.keys(DEFAULT_CARE_FORM_MAPPING.careForm))
      assert.notEqual(web.keyLabel('productcategorie', c, 'nl'), c);
  });
});

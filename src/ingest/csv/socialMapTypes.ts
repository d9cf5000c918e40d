/**
 * Canonical CSV `aanbod` (issue 21, the sociale kaart): offers of preventive help that needs no decision, one row per
 * offer, docs/csv-formaat.md. The vocabulary and the rules for contact details are domain/socialMap.ts; an offer's
 * id appears once in a file (`prepare` keeps the line it was first on, so the problem names it). A later file
 * updates an offer with the same id, as an export is a snapshot; an offer left out of a file is not ended (end it
 * with geldig_tot, in the file or on the page Sociale kaart).
 */
import {
  AGE_MAX,
  AGE_MIN,
  SOCIAL_THEMES,
  emailProblem,
  freeTextProblem,
  normaliseWebsite,
  phoneProblem,
  readTheme,
  websiteProblem,
  type Refusal,
  type SocialTheme,
} from '../../domain/socialMap.js';
import { fail, ok, parseDate, parseInteger, type Parsed } from './fields.js';
import { RowParser, gemeenteParser, lineage, upsert, withRun, type RecordType } from './recordKit.js';

const refused =
  (r: Refusal | null) =>
  (raw: string): Parsed<string> =>
    r ? fail(r.code, r.nl, r.en) : ok(raw.trim());

/** Free text: trimmed, at most `max` characters, nothing that looks like a person's data. */
export const freeText =
  (max: number) =>
  (raw: string): Parsed<string> => {
    const s = raw.trim();
    if (s.length > max) return fail('too_long', `hoogstens ${max} tekens`, `at most ${max} characters`);
    return refused(freeTextProblem(s))(s);
  };

const age = (raw: string): Parsed<number> => {
  const r = parseInteger(raw, AGE_MIN, AGE_MAX);
  return r.ok
    ? r
    : fail(
        'invalid_age',
        `een leeftijd is een heel getal van ${AGE_MIN} tot en met ${AGE_MAX}`,
        `an age is a whole number from ${AGE_MIN} to ${AGE_MAX}`,
      );
};

/** One or more themes, separated by `|`, `,` or `;` inside the field. */
export const themes = (raw: string): Parsed<SocialTheme[]> => {
  const out: SocialTheme[] = [];
  for (const part of raw
    .split(/[|,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const t = readTheme(part);
    if (!t)
      return fail(
        'unknown_theme',
        `onbekend thema '${part.slice(0, 40)}'; kies uit ${SOCIAL_THEMES.join(', ')}`,
        `unknown theme '${part.slice(0, 40)}'; choose from ${SOCIAL_THEMES.join(', ')}`,
      );
    if (!out.includes(t)) out.push(t);
  }
  return out.length > 0 ? ok(out) : fail('required', 'verplicht veld is leeg', 'required field is empty');
};

export const yesNo = (raw: string): Parsed<boolean> => {
  const s = raw.trim().toLowerCase();
  if (['ja', 'j', 'yes', 'true', '1'].includes(s)) return ok(true);
  if (['nee', 'n', 'no', 'false', '0'].includes(s)) return ok(false);
  return fail('invalid_yes_no', "schrijf 'ja' of 'nee'", "write 'ja' or 'nee'");
};

const offerId = (raw: string): Parsed<string> =>
  /^[A-Za-z0-9._-]{1,40}$/.test(raw.trim())
    ? ok(raw.trim())
    : fail(
        'invalid_id',
        'een aanbod_id is 1 tot 40 letters, cijfers, punten, streepjes of liggende streepjes',
        'an aanbod_id is 1 to 40 letters, digits, dots, hyphens or underscores',
      );

const website = (raw: string): Parsed<string> => {
  const r = websiteProblem(raw);
  return r ? fail(r.code, r.nl, r.en) : ok(normaliseWebsite(raw));
};
const phone = (raw: string) => refused(phoneProblem(raw))(raw);
const email = (raw: string): Parsed<string> => {
  const r = emailProblem(raw);
  return r ? fail(r.code, r.nl, r.en) : ok(raw.trim().toLowerCase());
};

export const AANBOD_COLUMNS = [
  'aanbod_id',
  'gemeente',
  'organisatie',
  'naam',
  'doelgroep',
  'omschrijving',
  'leeftijd_van',
  'leeftijd_tot',
  'themas',
  'wijk',
  'vrij_toegankelijk',
  'website',
  'telefoon',
  'email',
  'geldig_van',
  'geldig_tot',
] as const;

const REQUIRED = new Set([
  'aanbod_id',
  'gemeente',
  'organisatie',
  'naam',
  'leeftijd_van',
  'leeftijd_tot',
  'themas',
  'vrij_toegankelijk',
  'geldig_van',
]);

export const AANBOD: RecordType = {
  id: 'aanbod',
  description: 'sociale kaart: beschikkingsvrij aanbod per gemeente / social map: offers that need no decision',
  columns: AANBOD_COLUMNS.map((name) => ({ name, required: REQUIRED.has(name) })),
  // the ids seen in this file (a second line is refused), and the offers last made or changed on the page Sociale
  // kaart: a file replaces those too, and the report says so (issue 21: an import overwrote page edits silently)
  prepare: async (sql) => ({
    seen: new Map<string, number>(),
    edited: new Set(
      (
        await sql.query<{ k: string }>(
          "SELECT gemeente_code || '|' || offer_id AS k FROM social_offer WHERE changed_by IS DISTINCT FROM 'import'",
        )
      ).map((r) => r.k),
    ),
  }),
  parse(get, ctx) {
    const { seen, edited } = ctx.state as { seen: Map<string, number>; edited: Set<string> };
    const p = new RowParser(get);
    const id = p.req('aanbod_id', offerId);
    const gemeente = p.req('gemeente', gemeenteParser(ctx));
    const organisation = p.req('organisatie', freeText(200));
    const name = p.req('naam', freeText(200));
    const targetGroup = p.opt('doelgroep', freeText(500)) ?? '';
    const description = p.opt('omschrijving', freeText(2000)) ?? '';
    const from = p.req('leeftijd_van', age);
    const to = p.req('leeftijd_tot', age);
    if (typeof from === 'number' && typeof to === 'number')
      p.check(
        to >= from,
        'leeftijd_tot',
        'age_to_before_from',
        `leeftijd_tot (${to}) ligt onder leeftijd_van (${from})`,
        `leeftijd_tot (${to}) is below leeftijd_van (${from})`,
      );
    const th = p.req('themas', themes);
    const area = p.opt('wijk', freeText(100)) ?? '';
    const open = p.req('vrij_toegankelijk', yesNo);
    const site = p.opt('website', website);
    const tel = p.opt('telefoon', phone);
    const mail = p.opt('email', email);
    if (p.raw('website') === '' && p.raw('telefoon') === '' && p.raw('email') === '')
      p.check(
        false,
        'website',
        'no_contact',
        'geef ten minste één contactgegeven van de organisatie (website, telefoon of email)',
        'give at least one contact detail of the organisation (website, telefoon or email)',
      );
    const validFrom = p.req('geldig_van', parseDate);
    const validTo = p.opt('geldig_tot', parseDate);
    if (validFrom && validTo)
      p.check(
        validTo >= validFrom,
        'geldig_tot',
        'end_before_start',
        `geldig_tot (${validTo}) ligt voor geldig_van (${validFrom})`,
        `geldig_tot (${validTo}) is before geldig_van (${validFrom})`,
      );
    if (id && gemeente) {
      const key = `${gemeente}|${id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        p.problems.push({
          column: 'aanbod_id',
          code: 'duplicate_line',
          nl: `hetzelfde aanbod_id staat ook op regel ${earlier}`,
          en: `the same aanbod_id is also on line ${earlier}`,
        });
      else seen.set(key, ctx.line);
      if (edited.has(key))
        p.note(
          'aanbod_id',
          'replaces_page_edit',
          'vervangt een aanbod dat op de pagina Sociale kaart is aangemaakt of gewijzigd',
          'replaces an offer made or changed on the page Sociale kaart',
        );
    }
    if (p.problems.length > 0) return { record: null, problems: p.problems };
    return {
      record: {
        gemeente: gemeente!,
        key: id!,
        values: {
          gemeente_code: gemeente,
          offer_id: id,
          organisation,
          name,
          target_group: targetGroup,
          description,
          age_from: from,
          age_to: to,
          themes: th,
          area,
          open_access: open,
          website: site,
          phone: tel,
          email: mail,
          valid_from: validFrom,
          valid_to: validTo,
          changed_by: 'import',
          changed_at: new Date().toISOString(),
          source_run_id: 0,
          ...lineage(ctx),
        },
      },
      problems: [],
      notes: p.notes,
    };
  },
  write: (tx, batch, runId) =>
    upsert(tx, 'social_offer', ['gemeente_code', 'offer_id'], withRun(batch, runId), runId, 'offer_id'),
};

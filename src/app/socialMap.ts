/**
 * The sociale kaart (issue 21): offers of preventive help that needs no decision, per gemeente (table social_offer,
 * migration 28). Read by every role for the gemeenten in its scope and by anyone on the public page (one gemeente,
 * valid today, public fields only); written by the beheerder and the analist (the route's action
 * social_map_write) and by the canonical CSV `aanbod`. The rules an offer must meet are domain/socialMap.ts, the same
 * the importer applies, so a row the form takes the file would take too.
 */
import { UserError } from '../domain/errors.js';
import { isIsoDate } from '../domain/dates.js';
import { neutraliseCell } from '../domain/cellSafety.js';
import { col, toCsv, type DownloadDef, type HeaderLang } from '../domain/downloads.js';
import {
  AGE_MAX,
  AGE_MIN,
  SOCIAL_THEME_LABELS,
  emailProblem,
  freeTextProblem,
  normaliseWebsite,
  phoneProblem,
  themesForCategory,
  websiteProblem,
  type Refusal,
  type SocialTheme,
} from '../domain/socialMap.js';
import type { Sql } from '../store/sql.js';

/** An offer as the API and the web show it to users with a session. */
export interface Offer {
  readonly id: string;
  readonly gemeente: string;
  readonly organisation: string;
  readonly name: string;
  readonly targetGroup: string;
  readonly description: string;
  readonly ageFrom: number;
  readonly ageTo: number;
  readonly themes: SocialTheme[];
  readonly area: string;
  readonly openAccess: boolean;
  readonly website: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly changedBy: string | null;
  readonly changedAt: string;
}

/** What the public page and export show: the offer without who changed it when. */
export type PublicOffer = Omit<Offer, 'changedBy' | 'changedAt'>;

/** What the form sends for a new or changed offer (the id and gemeente are the route's). */
export interface OfferInput {
  readonly organisation: string;
  readonly name: string;
  readonly targetGroup?: string | undefined;
  readonly description?: string | undefined;
  readonly ageFrom: number;
  readonly ageTo: number;
  readonly themes: readonly SocialTheme[];
  readonly area?: string | undefined;
  readonly openAccess: boolean;
  readonly website?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly validFrom: string;
  readonly validTo?: string | null | undefined;
}

export interface OfferFilter {
  readonly gemeenten: readonly string[];
  /** words in the organisation, name, target group, description or wijk */
  readonly text?: string | undefined;
  readonly theme?: SocialTheme | undefined;
  readonly area?: string | undefined;
  /** an age the offer must cover */
  readonly age?: number | undefined;
  readonly openAccess?: boolean | undefined;
  /** valid on this day (valid_from ≤ day ≤ valid_to or no end) */
  readonly validOn?: string | undefined;
}

const COLUMNS = `gemeente_code AS gemeente, offer_id AS id, organisation, name, target_group AS "targetGroup",
  description, age_from AS "ageFrom", age_to AS "ageTo", themes, area, open_access AS "openAccess", website, phone,
  email, valid_from::text AS "validFrom", valid_to::text AS "validTo", changed_by AS "changedBy",
  changed_at AS "changedAt"`;

type OfferRow = Omit<Offer, 'changedAt'> & { changedAt: Date | string };

const toOffer = (r: OfferRow): Offer => ({
  ...r,
  ageFrom: Number(r.ageFrom),
  ageTo: Number(r.ageTo),
  changedAt: r.changedAt instanceof Date ? r.changedAt.toISOString() : new Date(r.changedAt).toISOString(),
});

/** A LIKE pattern that matches the words literally (% and _ typed by a user are not wildcards). */
const likeOf = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listOffers(tx: Sql, f: OfferFilter): Promise<Offer[]> {
  const where: string[] = ['gemeente_code = ANY($1)'];
  const params: unknown[] = [[...f.gemeenten]];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  const words = (f.text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 10);
  for (const w of words)
    add(
      (n) =>
        `(organisation ILIKE ${n} OR name ILIKE ${n} OR target_group ILIKE ${n} OR description ILIKE ${n} OR area ILIKE ${n})`,
      likeOf(w),
    );
  if (f.theme) add((n) => `${n} = ANY(themes)`, f.theme);
  if (f.area) add((n) => `(area = '' OR lower(area) = lower(${n}))`, f.area.trim());
  if (f.age !== undefined) add((n) => `${n}::int BETWEEN age_from AND age_to`, f.age);
  if (f.openAccess !== undefined) add((n) => `open_access = ${n}`, f.openAccess);
  if (f.validOn) add((n) => `valid_from <= ${n}::date AND (valid_to IS NULL OR valid_to >= ${n}::date)`, f.validOn);
  const rows = await tx.query<OfferRow>(
    `SELECT ${COLUMNS} FROM social_offer WHERE ${where.join(' AND ')}
      ORDER BY gemeente_code, lower(name), offer_id`,
    params,
  );
  return rows.map(toOffer);
}

export async function getOffer(tx: Sql, gemeente: string, id: string): Promise<Offer | null> {
  const [r] = await tx.query<OfferRow>(
    `SELECT ${COLUMNS} FROM social_offer WHERE gemeente_code = $1 AND offer_id = $2`,
    [gemeente, id],
  );
  return r ? toOffer(r) : null;
}

const refuse = (field: string, r: Refusal | null): void => {
  if (r) throw new UserError('ongeldig_aanbod', { field, nl: r.nl, en: r.en });
};
const date = (field: string, v: string): void => {
  if (!isIsoDate(v) || v < '2000-01-01' || v > '2199-12-31')
    throw new UserError('ongeldig_aanbod', {
      field,
      nl: 'geen bestaande dag (JJJJ-MM-DD, tussen 2000 en 2199)',
      en: 'not a day that exists (YYYY-MM-DD, between 2000 and 2199)',
    });
};

/** The rules of domain/socialMap.ts on a form's input, in the importer's words; returns what is stored. */
export function checkOffer(input: OfferInput): OfferInput {
  const trim = (s: string | null | undefined) => (s ?? '').trim();
  for (const [field, v] of [
    ['organisatie', input.organisation],
    ['naam', input.name],
  ] as const)
    if (trim(v) === '') throw new UserError('ongeldig_aanbod', { field, nl: 'verplicht veld is leeg', en: 'required' });
  for (const [field, v] of [
    ['organisatie', input.organisation],
    ['naam', input.name],
    ['doelgroep', input.targetGroup],
    ['omschrijving', input.description],
    ['wijk', input.area],
  ] as const)
    refuse(field, freeTextProblem(trim(v)));
  if (input.ageFrom < AGE_MIN || input.ageTo > AGE_MAX || input.ageTo < input.ageFrom)
    throw new UserError('ongeldig_aanbod', {
      field: 'leeftijd_tot',
      nl: `de leeftijden liggen tussen ${AGE_MIN} en ${AGE_MAX}, en tot ligt niet onder van`,
      en: `ages lie between ${AGE_MIN} and ${AGE_MAX}, and 'to' is not below 'from'`,
    });
  const website = trim(input.website) || null;
  const phone = trim(input.phone) || null;
  const email = trim(input.email).toLowerCase() || null;
  if (website) refuse('website', websiteProblem(website));
  if (phone) refuse('telefoon', phoneProblem(phone));
  if (email) refuse('email', emailProblem(email));
  if (!website && !phone && !email)
    throw new UserError('ongeldig_aanbod', {
      field: 'website',
      nl: 'geef ten minste één contactgegeven van de organisatie (website, telefoon of e-mail)',
      en: 'give at least one contact detail of the organisation (website, phone or e-mail)',
    });
  date('geldig_van', input.validFrom);
  const validTo = input.validTo || null;
  if (validTo) {
    date('geldig_tot', validTo);
    if (validTo < input.validFrom)
      throw new UserError('ongeldig_aanbod', {
        field: 'geldig_tot',
        nl: `${validTo} ligt voor geldig_van (${input.validFrom})`,
        en: `${validTo} is before geldig_van (${input.validFrom})`,
      });
  }
  return {
    ...input,
    organisation: trim(input.organisation),
    name: trim(input.name),
    targetGroup: trim(input.targetGroup),
    description: trim(input.description),
    area: trim(input.area),
    themes: [...new Set(input.themes)],
    website: website ? normaliseWebsite(website) : null,
    phone,
    email,
    validTo,
  };
}

const valuesOf = (o: OfferInput) => [
  o.organisation,
  o.name,
  o.targetGroup ?? '',
  o.description ?? '',
  o.ageFrom,
  o.ageTo,
  [...o.themes],
  o.area ?? '',
  o.openAccess,
  o.website ?? null,
  o.phone ?? null,
  o.email ?? null,
  o.validFrom,
  o.validTo ?? null,
];

export async function createOffer(tx: Sql, gemeente: string, id: string, raw: OfferInput, by: string): Promise<Offer> {
  const o = checkOffer(raw);
  const made = await tx.query(
    `INSERT INTO social_offer (gemeente_code, offer_id, organisation, name, target_group, description, age_from, age_to,
       themes, area, open_access, website, phone, email, valid_from, valid_to, changed_by, changed_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::text[],$10,$11,$12,$13,$14,$15::date,$16::date,$17,now())
     ON CONFLICT (gemeente_code, offer_id) DO NOTHING RETURNING 1`,
    [gemeente, id, ...valuesOf(o), by],
  );
  if (made.length === 0) throw new UserError('bestaat_al.aanbod', { id });
  return (await getOffer(tx, gemeente, id))!;
}

export async function updateOffer(tx: Sql, gemeente: string, id: string, raw: OfferInput, by: string): Promise<Offer> {
  const o = checkOffer(raw);
  const changed = await tx.query(
    `UPDATE social_offer SET organisation = $3, name = $4, target_group = $5, description = $6, age_from = $7,
       age_to = $8, themes = $9::text[], area = $10, open_access = $11, website = $12, phone = $13, email = $14,
       valid_from = $15::date, valid_to = $16::date, changed_by = $17, changed_at = now()
     WHERE gemeente_code = $1 AND offer_id = $2 RETURNING 1`,
    [gemeente, id, ...valuesOf(o), by],
  );
  if (changed.length === 0) throw new UserError('onbekend_aanbod');
  return (await getOffer(tx, gemeente, id))!;
}

/** Ends an offer on a day (its last day): it stays on record, off the public page from the day after. */
export async function endOffer(tx: Sql, gemeente: string, id: string, day: string, by: string): Promise<Offer> {
  date('geldig_tot', day);
  const now = await getOffer(tx, gemeente, id);
  if (!now) throw new UserError('onbekend_aanbod');
  if (day < now.validFrom)
    throw new UserError('ongeldig_aanbod', {
      field: 'geldig_tot',
      nl: `${day} ligt voor geldig_van (${now.validFrom})`,
      en: `${day} is before geldig_van (${now.validFrom})`,
    });
  await tx.query(
    `UPDATE social_offer SET valid_to = $3::date, changed_by = $4, changed_at = now()
      WHERE gemeente_code = $1 AND offer_id = $2`,
    [gemeente, id, day, by],
  );
  return (await getOffer(tx, gemeente, id))!;
}

/** The public fields of an offer: what may leave Zicht without a session. */
export function publicOf(o: Offer): PublicOffer {
  const { changedBy: _by, changedAt: _at, ...rest } = o;
  return rest;
}

/** "What could have come first": for a productcategorie the themes and the free offers in them. */
export function offersForCategory(
  offers: readonly PublicOffer[],
  category: string,
): { themes: SocialTheme[]; offers: PublicOffer[] } {
  const themes = [...themesForCategory(category)];
  return {
    themes,
    offers: offers.filter((o) => o.openAccess && o.themes.some((t) => themes.includes(t))),
  };
}

/** The public download (CSV, Excel): one list of columns, docs/downloads.md "sociale kaart". */
export const SOCIAL_MAP_DOWNLOAD: DownloadDef = {
  id: 'sociale-kaart',
  where:
    'Sociale kaart (openbaar): /sociale-kaart/{gemeente}; GET /api/v1/publiek/sociale-kaart/{gemeente}?formaat=csv',
  file: 'sociale-kaart-{gemeente}.csv',
  columns: [
    col('id', 'aanbod_id', 'offer_id', 'code', 'the offer’s id in its gemeente'),
    col('gemeente', 'gemeente_code', 'municipality_code', 'code', 'CBS gemeente code'),
    col('gemeenteName', 'gemeente', 'municipality', 'label', 'gemeente name'),
    col('organisation', 'organisatie', 'organisation', 'text', 'the organisation that offers it'),
    col('name', 'naam', 'name', 'text', 'name of the offer'),
    col('targetGroup', 'doelgroep', 'target_group', 'text', 'for whom'),
    col('description', 'omschrijving', 'description', 'text', 'what it is'),
    col('ageFrom', 'leeftijd_van', 'age_from', 'integer', 'youngest age, in years'),
    col('ageTo', 'leeftijd_tot', 'age_to', 'integer', 'oldest age, in years'),
    col('themeCodes', 'themas_code', 'themes_code', 'code', 'themes, separated by |'),
    col('themes', 'themas', 'themes', 'label', 'themes in words, separated by |'),
    col('area', 'wijk', 'area', 'text', 'wijk or kern; empty = the whole gemeente'),
    col('openAccess', 'vrij_toegankelijk', 'open_access', 'code', 'ja or nee'),
    col('website', 'website', 'website', 'text', 'the organisation’s website'),
    col('phone', 'telefoon', 'phone', 'text', 'the organisation’s general number'),
    col('email', 'email', 'email', 'text', 'the organisation’s general e-mail address'),
    col('validFrom', 'geldig_van', 'valid_from', 'date', 'first day'),
    col('validTo', 'geldig_tot', 'valid_to', 'date', 'last day; empty = no end'),
  ],
};

const cellsOf = (o: PublicOffer, gemeenteName: string) => ({
  ...o,
  gemeenteName,
  themeCodes: o.themes.join('|'),
  themes: o.themes.map((t) => SOCIAL_THEME_LABELS[t]).join('|'),
  openAccess: o.openAccess ? 'ja' : 'nee',
});

export function socialMapCsv(offers: readonly PublicOffer[], gemeenteName: string, h: HeaderLang): string {
  return toCsv(
    SOCIAL_MAP_DOWNLOAD,
    offers.map((o) => cellsOf(o, gemeenteName)),
    h,
  );
}

export async function socialMapXlsx(offers: readonly PublicOffer[], gemeenteName: string): Promise<Buffer> {
  // loaded on first use, as reports/excel.ts does: every CLI command and server start imports this module, and
  // exceljs cost each of them about 0,3 s
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sociale kaart');
  ws.addRow(SOCIAL_MAP_DOWNLOAD.columns.map((c) => c.nl));
  ws.getRow(1).font = { bold: true };
  for (const o of offers) {
    const c = cellsOf(o, gemeenteName) as Record<string, string | number | null>;
    ws.addRow(
      SOCIAL_MAP_DOWNLOAD.columns.map((k) =>
        typeof c[k.key] === 'string' ? neutraliseCell(c[k.key] as string) : c[k.key],
      ),
    );
  }
  ws.columns.forEach((column) => (column.width = 22));
  wb.title = `Sociale kaart ${gemeenteName}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A gemeente's name for the public page, or null when Zicht does not hold that gemeente. */
export async function gemeenteName(tx: Sql, code: string): Promise<string | null> {
  const [g] = await tx.query<{ name: string }>('SELECT name FROM gemeente WHERE code = $1', [code]);
  return g?.name ?? null;
}

/**
 * The parts of the sociale kaart both pages share (issue 21): the list of offers as cards and the search filters.
 * The logged-in page (SocialMap.tsx) and the public page (PublicSocialMap.tsx) show an offer the same way; the themes
 * and their Dutch words come from the API's answer; the English words are in labels.ts (SOCIAL_THEME_EN), by theme code.
 * Every part takes the language as a prop: the logged-in page passes the user's, the public page none (Dutch).
 */
import { useState } from 'react';
import {
  Button,
  FormField,
  FormLabel,
  Heading,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure } from '../api.js';
import { fmtDate, type Lang } from '../format.js';
import { SOCIAL_THEME_EN } from '../labels.js';

export interface PublicOffer {
  id: string;
  gemeente: string;
  organisation: string;
  name: string;
  targetGroup: string;
  description: string;
  ageFrom: number;
  ageTo: number;
  themes: string[];
  area: string;
  openAccess: boolean;
  website: string | null;
  phone: string | null;
  email: string | null;
  validFrom: string;
  validTo: string | null;
}
export interface Offer extends PublicOffer {
  changedBy: string | null;
  changedAt: string;
}
export interface Theme {
  code: string;
  label: string;
}
export interface Category {
  code: string;
  label: string;
  themes: string[];
}

/** A theme code in words; never the snake_case code itself, even for a theme the page does not know. */
export function themeWord(code: string, themes: readonly Theme[], lang: Lang): string {
  if (lang === 'en' && SOCIAL_THEME_EN[code]) return SOCIAL_THEME_EN[code];
  return themes.find((x) => x.code === code)?.label ?? code.replace(/_/g, ' ');
}

/** An API refusal in the user's language (the server sends both). */
export const failureText = (e: unknown, lang: Lang) =>
  e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e);

export const ageText = (o: { ageFrom: number; ageTo: number }, lang: Lang = 'nl') =>
  lang === 'nl'
    ? o.ageFrom === o.ageTo
      ? `${o.ageFrom} jaar`
      : `${o.ageFrom} tot en met ${o.ageTo} jaar`
    : o.ageFrom === o.ageTo
      ? `${o.ageFrom} years`
      : `${o.ageFrom} to ${o.ageTo} years`;

/** The offers as a list of cards; `actions` adds buttons per offer (edit, end) on the logged-in page. */
export function OfferList({
  offers,
  themes,
  actions,
  level = 2,
  today,
  lang = 'nl',
}: {
  offers: readonly PublicOffer[];
  themes: readonly Theme[];
  actions?: (o: PublicOffer) => React.ReactNode;
  level?: 2 | 3;
  today: string;
  lang?: Lang;
}) {
  const nl = lang === 'nl';
  const word = (t: string) => themeWord(t, themes, lang);
  return (
    <ul className="zicht-offer-list">
      {offers.map((o) => {
        const ended = o.validTo !== null && o.validTo < today;
        const future = o.validFrom > today;
        return (
          <li key={`${o.gemeente}-${o.id}`} className="zicht-offer">
            <Heading level={level}>{o.name}</Heading>
            <Paragraph>
              <strong>{o.organisation}</strong>
              {o.description ? ` — ${o.description}` : ''}
            </Paragraph>
            <dl className="zicht-offer-facts">
              <dt>{nl ? 'Voor wie' : 'For whom'}</dt>
              <dd>
                {o.targetGroup ? `${o.targetGroup}, ` : ''}
                {ageText(o, lang)}
              </dd>
              <dt>{nl ? 'Thema’s' : 'Themes'}</dt>
              <dd>{o.themes.map(word).join(', ')}</dd>
              <dt>{nl ? 'Waar' : 'Where'}</dt>
              <dd>{o.area || (nl ? 'de hele gemeente' : 'the whole municipality')}</dd>
              <dt>{nl ? 'Vrij toegankelijk' : 'Open access'}</dt>
              <dd>
                {o.openAccess
                  ? nl
                    ? 'ja, zonder verwijzing'
                    : 'yes, no referral needed'
                  : nl
                    ? 'nee, na aanmelding of verwijzing'
                    : 'no, after registration or referral'}
              </dd>
              <dt>Contact</dt>
              <dd>
                {o.website && (
                  <>
                    <Link href={o.website} rel="noopener noreferrer">
                      {o.website.replace(/^https?:\/\//, '')}
                    </Link>{' '}
                  </>
                )}
                {o.phone && (
                  <>
                    <Link href={`tel:${o.phone.replace(/[^\d+]/g, '')}`}>{o.phone}</Link>{' '}
                  </>
                )}
                {o.email && <Link href={`mailto:${o.email}`}>{o.email}</Link>}
              </dd>
              <dt>{nl ? 'Geldig' : 'Valid'}</dt>
              <dd>
                {nl ? 'vanaf' : 'from'} {fmtDate(o.validFrom, lang)}
                {o.validTo ? ` ${nl ? 'tot en met' : 'to'} ${fmtDate(o.validTo, lang)}` : ''}
                {ended
                  ? nl
                    ? ' (beëindigd)'
                    : ' (ended)'
                  : future
                    ? nl
                      ? ' (nog niet begonnen)'
                      : ' (not started yet)'
                    : ''}
              </dd>
            </dl>
            {actions?.(o)}
          </li>
        );
      })}
    </ul>
  );
}

export interface FilterValues {
  zoek: string;
  thema: string;
  wijk: string;
  leeftijd: string;
  vrijToegankelijk: string;
  geldigOp?: string;
}

/** Search and filters; applied on submit, so a screen reader user is not moved about while typing. */
export function OfferFilters({
  values,
  themes,
  areas,
  onApply,
  withDate,
  lang = 'nl',
}: {
  values: FilterValues;
  themes: readonly Theme[];
  areas: readonly string[];
  onApply: (v: FilterValues) => void;
  withDate?: boolean;
  lang?: Lang;
}) {
  const nl = lang === 'nl';
  const [v, setV] = useState<FilterValues>(values);
  const set = (k: keyof FilterValues) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form
      className="zicht-filters"
      role="search"
      aria-label={nl ? 'Aanbod zoeken' : 'Search offers'}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(v);
      }}
    >
      <FormField>
        <FormLabel htmlFor="k-zoek">{nl ? 'Zoekwoorden' : 'Search words'}</FormLabel>
        <Textbox id="k-zoek" type="search" value={v.zoek} onChange={set('zoek')} />
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-thema">{nl ? 'Thema' : 'Theme'}</FormLabel>
        <Select id="k-thema" value={v.thema} onChange={set('thema')}>
          <SelectOption value="">{nl ? 'Alle thema’s' : 'All themes'}</SelectOption>
          {themes.map((t) => (
            <SelectOption key={t.code} value={t.code}>
              {themeWord(t.code, themes, lang)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-wijk">{nl ? 'Wijk of kern' : 'District or village'}</FormLabel>
        <Select id="k-wijk" value={v.wijk} onChange={set('wijk')}>
          <SelectOption value="">{nl ? 'Alle wijken' : 'All districts'}</SelectOption>
          {areas.map((a) => (
            <SelectOption key={a} value={a}>
              {a}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-leeftijd">{nl ? 'Leeftijd (jaar)' : 'Age (years)'}</FormLabel>
        <Textbox
          id="k-leeftijd"
          type="number"
          min={0}
          max={27}
          inputMode="numeric"
          value={v.leeftijd}
          onChange={set('leeftijd')}
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-vrij">{nl ? 'Vrij toegankelijk' : 'Open access'}</FormLabel>
        <Select id="k-vrij" value={v.vrijToegankelijk} onChange={set('vrijToegankelijk')}>
          <SelectOption value="">{nl ? 'Alles' : 'All'}</SelectOption>
          <SelectOption value="ja">{nl ? 'Ja, zonder verwijzing' : 'Yes, no referral needed'}</SelectOption>
          <SelectOption value="nee">
            {nl ? 'Nee, na aanmelding of verwijzing' : 'No, after registration or referral'}
          </SelectOption>
        </Select>
      </FormField>
      {withDate && (
        <FormField>
          <FormLabel htmlFor="k-op">{nl ? 'Geldig op' : 'Valid on'}</FormLabel>
          <Textbox id="k-op" type="date" value={v.geldigOp ?? ''} onChange={set('geldigOp')} />
        </FormField>
      )}
      <div className="zicht-filter-actions">
        <Button type="submit" appearance="primary-action-button">
          {nl ? 'Zoeken' : 'Search'}
        </Button>
      </div>
    </form>
  );
}

/** "What could have come first": for a product category of indicated care, the free offers in its themes. */
export function CameFirst({
  categories,
  themes,
  offers,
  today,
  lang = 'nl',
}: {
  categories: readonly Category[];
  themes: readonly Theme[];
  offers: readonly PublicOffer[];
  today: string;
  lang?: Lang;
}) {
  const nl = lang === 'nl';
  const [code, setCode] = useState('');
  const cat = categories.find((c) => c.code === code);
  const free = cat
    ? offers.filter(
        (o) =>
          o.openAccess &&
          o.validFrom <= today &&
          (o.validTo === null || o.validTo >= today) &&
          o.themes.some((t) => cat.themes.includes(t)),
      )
    : [];
  const word = (t: string) => themeWord(t, themes, lang);
  return (
    <section aria-labelledby="eerst-titel" className="zicht-panel">
      <Heading level={2} id="eerst-titel">
        {nl ? 'Wat had eerst gekund?' : 'What could have come first?'}
      </Heading>
      <Paragraph>
        {nl
          ? 'Kies een categorie geïndiceerde jeugdhulp: u ziet de thema’s die erbij horen en het vrij toegankelijke ' +
            'aanbod dat vandaag in die thema’s bestaat. Dit is een grove koppeling: de categorie zegt welke hulp werd ' +
            'ingezet, niet waarom, dus het wijst naar aanbod om te overwegen en zegt niet dat dat had volstaan.'
          : 'Choose a category of youth care given on a decision: you see the themes that belong to it and the ' +
            'open-access offers in those themes today. This is a rough link: the category says which care was used, ' +
            'not why, so it points to offers worth considering and does not say they would have been enough.'}
      </Paragraph>
      <FormField>
        <FormLabel htmlFor="k-categorie">{nl ? 'Productcategorie' : 'Product category'}</FormLabel>
        <Select id="k-categorie" value={code} onChange={(e) => setCode(e.target.value)}>
          <SelectOption value="">{nl ? 'Kies een categorie' : 'Choose a category'}</SelectOption>
          {categories.map((c) => (
            <SelectOption key={c.code} value={c.code}>
              {`${c.label} (${c.code})`}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <div aria-live="polite">
        {cat && (
          <>
            <Paragraph>
              {nl
                ? `Thema’s: ${cat.themes.map(word).join(', ')}. ${free.length === 0 ? 'Geen' : free.length} vrij ` +
                  'toegankelijk aanbod in deze thema’s.'
                : `Themes: ${cat.themes.map(word).join(', ')}. ${free.length === 0 ? 'No' : free.length} open-access ` +
                  `${free.length === 1 ? 'offer' : 'offers'} in these themes.`}
            </Paragraph>
            {free.length > 0 && <OfferList offers={free} themes={themes} level={3} today={today} lang={lang} />}
          </>
        )}
      </div>
    </section>
  );
}

/**
 * The parts of the sociale kaart both pages share (issue 21): the list of offers as cards and the search filters.
 * The logged-in page (SocialMap.tsx) and the public page (PublicSocialMap.tsx) show an offer the same way; the themes
 * and their words come from the API's answer, not from a copy here.
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
import { fmtDate } from '../format.js';

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

export const ageText = (o: { ageFrom: number; ageTo: number }) =>
  o.ageFrom === o.ageTo ? `${o.ageFrom} jaar` : `${o.ageFrom} tot en met ${o.ageTo} jaar`;

/** The offers as a list of cards; `actions` adds buttons per offer (edit, end) on the logged-in page. */
export function OfferList({
  offers,
  themes,
  actions,
  level = 2,
  today,
}: {
  offers: readonly PublicOffer[];
  themes: readonly Theme[];
  actions?: (o: PublicOffer) => React.ReactNode;
  level?: 2 | 3;
  today: string;
}) {
  const word = (t: string) => themes.find((x) => x.code === t)?.label ?? t;
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
              <dt>Voor wie</dt>
              <dd>
                {o.targetGroup ? `${o.targetGroup}, ` : ''}
                {ageText(o)}
              </dd>
              <dt>Thema’s</dt>
              <dd>{o.themes.map(word).join(', ')}</dd>
              <dt>Waar</dt>
              <dd>{o.area || 'de hele gemeente'}</dd>
              <dt>Vrij toegankelijk</dt>
              <dd>{o.openAccess ? 'ja, zonder verwijzing' : 'nee, na aanmelding of verwijzing'}</dd>
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
              <dt>Geldig</dt>
              <dd>
                vanaf {fmtDate(o.validFrom, 'nl')}
                {o.validTo ? ` tot en met ${fmtDate(o.validTo, 'nl')}` : ''}
                {ended ? ' (beëindigd)' : future ? ' (nog niet begonnen)' : ''}
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
}: {
  values: FilterValues;
  themes: readonly Theme[];
  areas: readonly string[];
  onApply: (v: FilterValues) => void;
  withDate?: boolean;
}) {
  const [v, setV] = useState<FilterValues>(values);
  const set = (k: keyof FilterValues) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  return (
    <form
      className="zicht-filters"
      role="search"
      aria-label="Aanbod zoeken"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(v);
      }}
    >
      <FormField>
        <FormLabel htmlFor="k-zoek">Zoekwoorden</FormLabel>
        <Textbox id="k-zoek" type="search" value={v.zoek} onChange={set('zoek')} />
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-thema">Thema</FormLabel>
        <Select id="k-thema" value={v.thema} onChange={set('thema')}>
          <SelectOption value="">Alle thema’s</SelectOption>
          {themes.map((t) => (
            <SelectOption key={t.code} value={t.code}>
              {t.label}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-wijk">Wijk of kern</FormLabel>
        <Select id="k-wijk" value={v.wijk} onChange={set('wijk')}>
          <SelectOption value="">Alle wijken</SelectOption>
          {areas.map((a) => (
            <SelectOption key={a} value={a}>
              {a}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="k-leeftijd">Leeftijd (jaar)</FormLabel>
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
        <FormLabel htmlFor="k-vrij">Vrij toegankelijk</FormLabel>
        <Select id="k-vrij" value={v.vrijToegankelijk} onChange={set('vrijToegankelijk')}>
          <SelectOption value="">Alles</SelectOption>
          <SelectOption value="ja">Ja, zonder verwijzing</SelectOption>
          <SelectOption value="nee">Nee, na aanmelding of verwijzing</SelectOption>
        </Select>
      </FormField>
      {withDate && (
        <FormField>
          <FormLabel htmlFor="k-op">Geldig op</FormLabel>
          <Textbox id="k-op" type="date" value={v.geldigOp ?? ''} onChange={set('geldigOp')} />
        </FormField>
      )}
      <div className="zicht-filter-actions">
        <Button type="submit" appearance="primary-action-button">
          Zoeken
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
}: {
  categories: readonly Category[];
  themes: readonly Theme[];
  offers: readonly PublicOffer[];
  today: string;
}) {
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
  const word = (t: string) => themes.find((x) => x.code === t)?.label ?? t;
  return (
    <section aria-labelledby="eerst-titel" className="zicht-panel">
      <Heading level={2} id="eerst-titel">
        Wat had eerst gekund?
      </Heading>
      <Paragraph>
        Kies een categorie geïndiceerde jeugdhulp: u ziet de thema’s die erbij horen en het vrij toegankelijke aanbod
        dat vandaag in die thema’s bestaat. Dit is een grove koppeling: de categorie zegt welke hulp werd ingezet, niet
        waarom, dus het wijst naar aanbod om te overwegen en zegt niet dat dat had volstaan.
      </Paragraph>
      <FormField>
        <FormLabel htmlFor="k-categorie">Productcategorie</FormLabel>
        <Select id="k-categorie" value={code} onChange={(e) => setCode(e.target.value)}>
          <SelectOption value="">Kies een categorie</SelectOption>
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
              Thema’s: {cat.themes.map(word).join(', ')}. {free.length === 0 ? 'Geen' : free.length} vrij toegankelijk
              aanbod in deze thema’s.
            </Paragraph>
            {free.length > 0 && <OfferList offers={free} themes={themes} level={3} today={today} />}
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Sociale kaart (issue 21): the offers of preventive help that need no decision, for the gemeenten in scope, with
 * search and filters in the URL; the beheerder and the analist add, change and end offers here (others read). The
 * public page for residents and teams is /sociale-kaart/{gemeente} (PublicSocialMap.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Heading,
  Link,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, patch, post, put, type Me } from '../api.js';
import { param, setParams } from '../url.js';
import {
  CameFirst,
  OfferFilters,
  OfferList,
  type Category,
  type FilterValues,
  type Offer,
  type PublicOffer,
  type Theme,
} from './SocialMapParts.js';

interface Answer {
  themes: Theme[];
  categories: Category[];
  offers: Offer[];
}

const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function SocialMapPage({ me }: { me: Me }) {
  const gemeente = param('gemeente') ?? '';
  const filters: FilterValues = {
    zoek: param('zoek') ?? '',
    thema: param('thema') ?? '',
    wijk: param('wijk') ?? '',
    leeftijd: param('leeftijd') ?? '',
    vrijToegankelijk: param('vrij') ?? '',
    geldigOp: param('op') ?? '',
  };
  const key = JSON.stringify([gemeente, filters]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [all, setAll] = useState<Offer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Offer | 'nieuw' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const today = todayIso();
  useEffect(() => {
    setError(null);
    get<Answer>('/sociale-kaart', {
      gemeente: gemeente || undefined,
      zoek: filters.zoek || undefined,
      thema: filters.thema || undefined,
      wijk: filters.wijk || undefined,
      leeftijd: filters.leeftijd || undefined,
      vrijToegankelijk: filters.vrijToegankelijk || undefined,
      geldigOp: filters.geldigOp || undefined,
    }).then(setAnswer, (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)));
  }, [key, version]);
  // the unfiltered list: the wijken to choose from and the offers behind "wat had eerst gekund"
  useEffect(() => {
    get<Answer>('/sociale-kaart', { gemeente: gemeente || undefined }).then(
      (a) => setAll(a.offers),
      () => setAll([]),
    );
  }, [gemeente, version]);
  const areas = useMemo(() => [...new Set(all.map((o) => o.area).filter(Boolean))].sort(), [all]);
  const canWrite = me.permissions.social_map_write;
  const single = gemeente || (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '');
  const saved = (text: string) => {
    setEditing(null);
    setMessage(text);
    setVersion((v) => v + 1);
  };
  return (
    <>
      {single && (
        <Paragraph>
          De openbare sociale kaart van deze gemeente, zonder inloggen:{' '}
          <Link href={`/sociale-kaart/${single}`}>/sociale-kaart/{single}</Link>
        </Paragraph>
      )}
      <OfferFilters
        key={key}
        values={filters}
        themes={answer?.themes ?? []}
        areas={areas}
        withDate
        onApply={(v) =>
          setParams({
            zoek: v.zoek || undefined,
            thema: v.thema || undefined,
            wijk: v.wijk || undefined,
            leeftijd: v.leeftijd || undefined,
            vrij: v.vrijToegankelijk || undefined,
            op: v.geldigOp || undefined,
          })
        }
      />
      {message && (
        <Alert type="ok" role="status">
          {message}
        </Alert>
      )}
      {canWrite && editing === null && (
        <Paragraph>
          <Button appearance="secondary-action-button" onClick={() => setEditing('nieuw')}>
            Nieuw aanbod toevoegen
          </Button>
        </Paragraph>
      )}
      {canWrite && editing !== null && answer && (
        <OfferForm
          me={me}
          offer={editing === 'nieuw' ? null : editing}
          gemeente={single}
          themes={answer.themes}
          onSaved={saved}
          onClose={() => setEditing(null)}
        />
      )}
      {error && <Alert type="error">{error}</Alert>}
      {!answer && !error && <Paragraph>Laden…</Paragraph>}
      {answer && (
        <section aria-labelledby="aanbod-titel">
          <Heading level={2} id="aanbod-titel">
            Aanbod ({answer.offers.length})
          </Heading>
          {answer.offers.length === 0 && <Paragraph>Geen aanbod gevonden met deze filters.</Paragraph>}
          <OfferList
            offers={answer.offers}
            themes={answer.themes}
            level={3}
            today={today}
            actions={
              canWrite
                ? (o) => (
                    <OfferActions
                      offer={o as Offer}
                      today={today}
                      onEdit={() => setEditing(o as Offer)}
                      onEnded={() => saved(`‘${o.name}’ is beëindigd.`)}
                    />
                  )
                : undefined
            }
          />
        </section>
      )}
      {answer && <CameFirst categories={answer.categories} themes={answer.themes} offers={all} today={today} />}
    </>
  );
}

function OfferActions({
  offer,
  today,
  onEdit,
  onEnded,
}: {
  offer: Offer;
  today: string;
  onEdit: () => void;
  onEnded: () => void;
}) {
  const [day, setDay] = useState(offer.validFrom > today ? offer.validFrom : today);
  const [error, setError] = useState<string | null>(null);
  const id = `eind-${offer.gemeente}-${offer.id}`;
  const end = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await patch(`/sociale-kaart/${offer.gemeente}/${encodeURIComponent(offer.id)}`, { geldigTot: day });
      onEnded();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  return (
    <form className="zicht-offer-actions" onSubmit={end} aria-label={`${offer.name} wijzigen of beëindigen`}>
      <Button
        type="button"
        appearance="secondary-action-button"
        aria-label={`Wijzigen: ${offer.name}`}
        onClick={onEdit}
      >
        Wijzigen
      </Button>
      <FormField>
        <FormLabel htmlFor={id}>Laatste dag</FormLabel>
        <Textbox id={id} type="date" value={day} required onChange={(e) => setDay(e.target.value)} />
      </FormField>
      <Button type="submit" appearance="secondary-action-button" aria-label={`Beëindigen: ${offer.name}`}>
        Beëindigen
      </Button>
      {error && (
        <Alert type="error" role="alert">
          {error}
        </Alert>
      )}
    </form>
  );
}

/** New or changed offer; every field labelled in Dutch, the themes a group of checkboxes with a legend. */
function OfferForm({
  me,
  offer,
  gemeente,
  themes,
  onSaved,
  onClose,
}: {
  me: Me;
  offer: PublicOffer | null;
  gemeente: string;
  themes: readonly Theme[];
  onSaved: (text: string) => void;
  onClose: () => void;
}) {
  const [where, setWhere] = useState(offer?.gemeente ?? (gemeente || me.gemeenten[0]?.code || ''));
  const [f, setF] = useState({
    id: offer?.id ?? '',
    organisatie: offer?.organisation ?? '',
    naam: offer?.name ?? '',
    doelgroep: offer?.targetGroup ?? '',
    omschrijving: offer?.description ?? '',
    leeftijdVan: String(offer?.ageFrom ?? 0),
    leeftijdTot: String(offer?.ageTo ?? 18),
    wijk: offer?.area ?? '',
    website: offer?.website ?? '',
    telefoon: offer?.phone ?? '',
    email: offer?.email ?? '',
    geldigVan: offer?.validFrom ?? todayIso(),
    geldigTot: offer?.validTo ?? '',
  });
  const [chosen, setChosen] = useState<string[]>(offer?.themes ?? []);
  const [open, setOpen] = useState(offer?.openAccess ?? true);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (chosen.length === 0) {
      setError('Kies ten minste één thema.');
      return;
    }
    const body = {
      organisatie: f.organisatie,
      naam: f.naam,
      doelgroep: f.doelgroep,
      omschrijving: f.omschrijving,
      leeftijdVan: Number(f.leeftijdVan),
      leeftijdTot: Number(f.leeftijdTot),
      themas: chosen,
      wijk: f.wijk,
      vrijToegankelijk: open,
      website: f.website || null,
      telefoon: f.telefoon || null,
      email: f.email || null,
      geldigVan: f.geldigVan,
      geldigTot: f.geldigTot || null,
    };
    try {
      if (offer) await put(`/sociale-kaart/${offer.gemeente}/${encodeURIComponent(offer.id)}`, body);
      else await post('/sociale-kaart', { gemeente: where, id: f.id, ...body });
      onSaved(offer ? `‘${f.naam}’ is gewijzigd.` : `‘${f.naam}’ staat op de sociale kaart.`);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  const text = (k: keyof typeof f, label: string, o: { required?: boolean; type?: string; hint?: string } = {}) => (
    <FormField>
      <FormLabel htmlFor={`a-${k}`}>{label}</FormLabel>
      {o.hint && (
        <Paragraph small id={`a-${k}-uitleg`}>
          {o.hint}
        </Paragraph>
      )}
      <Textbox
        id={`a-${k}`}
        type={o.type ?? 'text'}
        value={f[k]}
        required={o.required}
        aria-describedby={o.hint ? `a-${k}-uitleg` : undefined}
        onChange={set(k)}
      />
    </FormField>
  );
  return (
    <form onSubmit={submit} className="zicht-story-form" aria-labelledby="aanbod-form-titel">
      <Heading level={2} id="aanbod-form-titel">
        {offer ? `Aanbod wijzigen: ${offer.name}` : 'Nieuw aanbod'}
      </Heading>
      {!offer && me.gemeenten.length > 1 && (
        <FormField>
          <FormLabel htmlFor="a-gemeente">Gemeente</FormLabel>
          <Select id="a-gemeente" value={where} onChange={(e) => setWhere(e.target.value)}>
            {me.gemeenten.map((g) => (
              <SelectOption key={g.code} value={g.code}>
                {g.name}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      {!offer &&
        text('id', 'Nummer van het aanbod', {
          required: true,
          hint: 'Letters, cijfers, punt of streepje; uniek in de gemeente.',
        })}
      {text('organisatie', 'Organisatie', { required: true })}
      {text('naam', 'Naam van het aanbod', { required: true })}
      {text('doelgroep', 'Doelgroep')}
      <FormField>
        <FormLabel htmlFor="a-omschrijving">Omschrijving</FormLabel>
        <Textarea id="a-omschrijving" value={f.omschrijving} onChange={set('omschrijving')} />
      </FormField>
      {text('leeftijdVan', 'Leeftijd van (jaar)', { required: true, type: 'number' })}
      {text('leeftijdTot', 'Leeftijd tot en met (jaar)', { required: true, type: 'number' })}
      <fieldset>
        <legend>Thema’s (kies er ten minste één)</legend>
        {themes.map((t) => (
          <FormField type="checkbox" key={t.code}>
            <Checkbox
              id={`a-thema-${t.code}`}
              checked={chosen.includes(t.code)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, t.code] : chosen.filter((x) => x !== t.code))}
            />
            <FormLabel htmlFor={`a-thema-${t.code}`} type="checkbox">
              {t.label}
            </FormLabel>
          </FormField>
        ))}
      </fieldset>
      {text('wijk', 'Wijk of kern', { hint: 'Leeg laten als het aanbod voor de hele gemeente is.' })}
      <FormField type="checkbox">
        <Checkbox id="a-vrij" checked={open} onChange={(e) => setOpen(e.target.checked)} />
        <FormLabel htmlFor="a-vrij" type="checkbox">
          Vrij toegankelijk (zonder verwijzing of aanmelding)
        </FormLabel>
      </FormField>
      <Paragraph small id="a-contact-uitleg">
        Contactgegevens van de organisatie, niet van een medewerker: de sociale kaart is openbaar. Een 06-nummer of een
        adres als voornaam.achternaam@ wordt geweigerd.
      </Paragraph>
      {text('website', 'Website van de organisatie')}
      {text('telefoon', 'Algemeen telefoonnummer', { type: 'tel' })}
      {text('email', 'Algemeen e-mailadres', { type: 'email' })}
      {text('geldigVan', 'Geldig vanaf', { required: true, type: 'date' })}
      {text('geldigTot', 'Geldig tot en met (leeg: geen einde)', { type: 'date' })}
      {error && (
        <Alert type="error" role="alert">
          {error}
        </Alert>
      )}
      <Paragraph>
        <Button type="submit" appearance="primary-action-button">
          Opslaan
        </Button>{' '}
        <Button type="button" appearance="secondary-action-button" onClick={onClose}>
          Sluiten
        </Button>
      </Paragraph>
    </form>
  );
}

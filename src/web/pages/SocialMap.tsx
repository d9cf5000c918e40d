/**
 * Sociale kaart (issue 21): the offers of preventive help that need no decision, for the gemeenten in scope, with
 * search and filters in the URL; the beheerder and the analist add, change and end offers here (others read). The
 * public page for residents and teams is /sociale-kaart/{gemeente} (PublicSocialMap.tsx).
 */
import { useContext, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Link,
  Paragraph,
  Textbox,
} from '@utrecht/component-library-react';
import { get, patch, type Me } from '../api.js';
import { dutchToday, type Lang } from '../format.js';
import { LangContext } from '../i18n.js';
import { param, setParams } from '../url.js';
import { OfferForm } from './SocialMapForm.js';
import {
  CameFirst,
  failureText,
  OfferFilters,
  OfferList,
  type Category,
  type FilterValues,
  type Offer,
  type Theme,
} from './SocialMapParts.js';

interface Answer {
  themes: Theme[];
  categories: Category[];
  offers: Offer[];
}

export function SocialMapPage({ me }: { me: Me }) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
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
  // the Dutch calendar day, as the server decides what is valid today
  const today = dutchToday();
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
    }).then(setAnswer, (e: unknown) => setError(failureText(e, lang)));
  }, [key, version, lang]);
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
          {nl
            ? 'De openbare sociale kaart van deze gemeente, zonder inloggen:'
            : 'The public social map of this municipality, without logging in:'}{' '}
          <Link href={`/sociale-kaart/${single}`}>/sociale-kaart/{single}</Link>
        </Paragraph>
      )}
      <OfferFilters
        key={key}
        values={filters}
        themes={answer?.themes ?? []}
        areas={areas}
        withDate
        lang={lang}
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
            {nl ? 'Nieuw aanbod toevoegen' : 'Add a new offer'}
          </Button>
        </Paragraph>
      )}
      {canWrite && editing !== null && answer && (
        <OfferForm
          me={me}
          offer={editing === 'nieuw' ? null : editing}
          gemeente={single}
          themes={answer.themes}
          lang={lang}
          onSaved={saved}
          onClose={() => setEditing(null)}
        />
      )}
      {error && <Alert type="error">{error}</Alert>}
      {!answer && !error && <Paragraph>{nl ? 'Laden…' : 'Loading…'}</Paragraph>}
      {answer && (
        <section aria-labelledby="aanbod-titel">
          <Heading level={2} id="aanbod-titel">
            {nl ? 'Aanbod' : 'Offers'} ({answer.offers.length})
          </Heading>
          {answer.offers.length === 0 && (
            <Paragraph>
              {nl ? 'Geen aanbod gevonden met deze filters.' : 'No offers found with these filters.'}
            </Paragraph>
          )}
          <OfferList
            offers={answer.offers}
            themes={answer.themes}
            level={3}
            today={today}
            lang={lang}
            actions={
              canWrite
                ? (o) => (
                    <OfferActions
                      offer={o as Offer}
                      today={today}
                      lang={lang}
                      onEdit={() => setEditing(o as Offer)}
                      onEnded={() => saved(nl ? `‘${o.name}’ is beëindigd.` : `‘${o.name}’ has been ended.`)}
                    />
                  )
                : undefined
            }
          />
        </section>
      )}
      {answer && (
        <CameFirst categories={answer.categories} themes={answer.themes} offers={all} today={today} lang={lang} />
      )}
    </>
  );
}

function OfferActions({
  offer,
  today,
  lang,
  onEdit,
  onEnded,
}: {
  offer: Offer;
  today: string;
  lang: Lang;
  onEdit: () => void;
  onEnded: () => void;
}) {
  const [day, setDay] = useState(offer.validFrom > today ? offer.validFrom : today);
  const [error, setError] = useState<string | null>(null);
  const nl = lang === 'nl';
  const id = `eind-${offer.gemeente}-${offer.id}`;
  const end = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await patch(`/sociale-kaart/${offer.gemeente}/${encodeURIComponent(offer.id)}`, { geldigTot: day });
      onEnded();
    } catch (err) {
      setError(failureText(err, lang));
    }
  };
  return (
    <form
      className="zicht-offer-actions"
      onSubmit={end}
      aria-label={nl ? `${offer.name} wijzigen of beëindigen` : `Change or end ${offer.name}`}
    >
      <Button
        type="button"
        appearance="secondary-action-button"
        aria-label={nl ? `Wijzigen: ${offer.name}` : `Change: ${offer.name}`}
        onClick={onEdit}
      >
        {nl ? 'Wijzigen' : 'Change'}
      </Button>
      <FormField>
        <FormLabel htmlFor={id}>{nl ? 'Laatste dag' : 'Last day'}</FormLabel>
        <Textbox id={id} type="date" value={day} required onChange={(e) => setDay(e.target.value)} />
      </FormField>
      <Button
        type="submit"
        appearance="secondary-action-button"
        aria-label={nl ? `Beëindigen: ${offer.name}` : `End: ${offer.name}`}
      >
        {nl ? 'Beëindigen' : 'End'}
      </Button>
      {error && (
        <Alert type="error" role="alert">
          {error}
        </Alert>
      )}
    </form>
  );
}

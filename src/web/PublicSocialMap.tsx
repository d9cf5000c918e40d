/**
 * The public sociale kaart (issue 21): /sociale-kaart/{gemeente}, without logging in, for teams and residents. One
 * gemeente per address; the offers valid today with their public fields only (GET /api/v1/publiek/sociale-kaart/…),
 * searchable, and as CSV or Excel. It never asks who the visitor is (no /me), so it sets no session either.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Document,
  Heading,
  Link,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { ApiFailure, API_PREFIX, get } from './api.js';
import { fmtDate } from './format.js';
import { navigate, param, useLocationKey } from './url.js';
import {
  OfferFilters,
  OfferList,
  type Category,
  type FilterValues,
  type PublicOffer,
  type Theme,
} from './pages/SocialMapParts.js';

interface PublicAnswer {
  gemeente: { code: string; name: string };
  peildatum: string;
  themes: Theme[];
  categories: Category[];
  offers: PublicOffer[];
}

/** The gemeente code of a public address, or null: exactly /sociale-kaart/ and four digits. */
export function publicSocialMapCode(path: string): string | null {
  return /^\/sociale-kaart\/(\d{4})\/?$/.exec(path)?.[1] ?? null;
}

export function PublicSocialMap({ code }: { code: string }) {
  useLocationKey();
  const filters: FilterValues = {
    zoek: param('zoek') ?? '',
    thema: param('thema') ?? '',
    wijk: param('wijk') ?? '',
    leeftijd: param('leeftijd') ?? '',
    vrijToegankelijk: param('vrij') ?? '',
  };
  const key = JSON.stringify(filters);
  const [answer, setAnswer] = useState<PublicAnswer | null>(null);
  const [all, setAll] = useState<PublicOffer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const path = `/publiek/sociale-kaart/${code}`;
  useEffect(() => {
    document.documentElement.lang = 'nl';
    get<PublicAnswer>(path).then(
      (a) => setAll(a.offers),
      () => setAll([]),
    );
  }, [path]);
  useEffect(() => {
    setError(null);
    get<PublicAnswer>(path, {
      zoek: filters.zoek || undefined,
      thema: filters.thema || undefined,
      wijk: filters.wijk || undefined,
      leeftijd: filters.leeftijd || undefined,
      vrijToegankelijk: filters.vrijToegankelijk || undefined,
    }).then(
      (a) => {
        setAnswer(a);
        document.title = `Sociale kaart ${a.gemeente.name}`;
      },
      (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)),
    );
  }, [path, key]);
  const areas = useMemo(() => [...new Set(all.map((o) => o.area).filter(Boolean))].sort(), [all]);
  return (
    <Document>
      <SkipLink href="#main">Naar de inhoud</SkipLink>
      <Page>
        <PageHeader>
          <div className="zicht-header">
            <div>
              <span className="zicht-logo">Sociale kaart</span>{' '}
              <span className="zicht-muted">hulp zonder beschikking</span>
            </div>
          </div>
        </PageHeader>
        <PageContent>
          <main id="main" tabIndex={-1}>
            <Heading level={1}>{answer ? `Sociale kaart ${answer.gemeente.name}` : 'Sociale kaart'}</Heading>
            <Paragraph lead>
              Hulp en ondersteuning voor kinderen, jongeren en ouders waarvoor u geen beschikking van de gemeente nodig
              heeft. Vrij toegankelijk aanbod kunt u zelf benaderen; bij ander aanbod meldt u zich aan.
            </Paragraph>
            {error && <Alert type="error">{error}</Alert>}
            {!answer && !error && <Paragraph>Laden…</Paragraph>}
            {answer && (
              <>
                <OfferFilters
                  key={key}
                  values={filters}
                  themes={answer.themes}
                  areas={areas}
                  onApply={(v) =>
                    navigate(window.location.pathname, {
                      zoek: v.zoek || undefined,
                      thema: v.thema || undefined,
                      wijk: v.wijk || undefined,
                      leeftijd: v.leeftijd || undefined,
                      vrij: v.vrijToegankelijk || undefined,
                    })
                  }
                />
                <Paragraph>
                  Downloaden:{' '}
                  <Link href={`${API_PREFIX}${path}?format=csv`} download>
                    CSV
                  </Link>{' '}
                  ·{' '}
                  <Link href={`${API_PREFIX}${path}?format=xlsx`} download>
                    Excel
                  </Link>
                </Paragraph>
                <section aria-labelledby="aanbod-titel">
                  <Heading level={2} id="aanbod-titel">
                    {answer.offers.length === 1 ? '1 aanbod' : `${answer.offers.length} aanbod`}, geldig op{' '}
                    {fmtDate(answer.peildatum, 'nl')}
                  </Heading>
                  {answer.offers.length === 0 && <Paragraph>Geen aanbod gevonden met deze filters.</Paragraph>}
                  <OfferList offers={answer.offers} themes={answer.themes} level={3} today={answer.peildatum} />
                </section>
              </>
            )}
          </main>
        </PageContent>
        <PageFooter>
          <Paragraph small>
            Deze lijst wordt bijgehouden door de gemeente. Staat er iets niet goed op? Neem contact op met de gemeente.
          </Paragraph>
        </PageFooter>
      </Page>
    </Document>
  );
}

/** Rapporten: the monthly, council and provider reports as PDF or Excel, for the chosen gemeente and period. */
import { useContext, useState } from 'react';
import { FormField, FormLabel, Heading, Paragraph, Textbox, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import type { Me, Periods } from '../api.js';
import { LangContext } from '../i18n.js';
import { param } from '../url.js';

export function ReportsPage({ me, periods }: { me: Me; periods: Periods }) {
  const nl = useContext(LangContext) === 'nl';
  const gemeente = param('gemeente') ?? me.gemeenten[0]?.code ?? '';
  const month = periods.dataEnd.slice(0, 7);
  const quarter = periods.quarters[periods.quarters.length - 1]?.key ?? '';
  const [provider, setProvider] = useState(me.provider ?? '');
  const link = (kind: string, period: string, format: string, extra = '') => `/api/reports/${kind}?gemeente=${gemeente}&period=${period}&format=${format}${extra}`;
  const both = (kind: string, period: string, extra = '') => (
    <>
      <a className="utrecht-link" href={link(kind, period, 'pdf', extra)} download>PDF</a>{' · '}
      <a className="utrecht-link" href={link(kind, period, 'xlsx', extra)} download>Excel</a>
    </>
  );
  if (!gemeente) return <Paragraph>{nl ? 'Kies eerst een gemeente.' : 'Choose a municipality first.'}</Paragraph>;
  const raadPeriod = param('periode') ?? periods.defaultPeriod;
  return (
    <section className="zicht-panel" aria-labelledby="reports-title">
      <Heading level={2} id="reports-title">{nl ? `Rapporten voor gemeente ${gemeente}` : `Reports for ${gemeente}`}</Heading>
      <UnorderedList>
        {me.role !== 'aanbieder' && me.permissions.money && <UnorderedListItem>{nl ? `Maandrapportage ${month}: ` : `Monthly report ${month}: `}{both('maand', month)}</UnorderedListItem>}
        {me.role !== 'aanbieder' && me.permissions.money && <UnorderedListItem>{nl ? `Raadsrapportage ${raadPeriod}: ` : `Council report ${raadPeriod}: `}{both('raad', raadPeriod)}{' · '}{nl ? 'extern: ' : 'external: '}{both('raad', raadPeriod, '&extern=true')}</UnorderedListItem>}
        {provider.length === 8 && <UnorderedListItem>{nl ? `Kwartaalrapportage aanbieder ${provider}, ${quarter}: ` : `Provider report ${provider}, ${quarter}: `}{both('aanbieder', quarter, `&aanbieder=${provider}`)}</UnorderedListItem>}
      </UnorderedList>
      {!me.provider && (
        <FormField>
          <FormLabel htmlFor="r-agb">{nl ? 'AGB-code van de aanbieder (voor het kwartaalrapport)' : 'Provider AGB code (for the quarterly report)'}</FormLabel>
          <Textbox id="r-agb" inputMode="numeric" pattern="[0-9]{8}" value={provider} onChange={(e) => setProvider(e.target.value.trim())} />
        </FormField>
      )}
      <Paragraph small className="zicht-muted">{nl ? 'Dezelfde rapporten maakt u met: zicht report maand|raad|aanbieder --gemeente … --period … --out bestand.pdf' : 'The same reports from the command line: zicht report …'}</Paragraph>
    </section>
  );
}

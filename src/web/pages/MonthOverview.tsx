/**
 * Per maand (issue 16.5, seed 003; GET /api/v1/maandoverzicht): for a chosen year, month by month per
 * gemeente and team youths in care, cost this month and so far this year, budget used and left; and for
 * the roles that see person-level data (analist, teammanager) the clients of the month chosen with the
 * month picker. A teammanager sees the own team only. Reading the client list is logged.
 */
import type { PageProps } from './pageProps.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { ApiFailure, get } from '../api.js';
import { LangContext } from '../i18n.js';
import { param, setParams } from '../url.js';
import { DOWNLOADS } from '../downloads.js';
import { SortableTable, type DataTable } from '../components/SortableTable.js';

interface Answer {
  year: number;
  month: number;
  lastMonth: number;
  disclosureControl: boolean;
  table: DataTable;
  clients: DataTable | null;
}

const monthName = (year: number, m: number, lang: 'nl' | 'en') =>
  new Date(year, m - 1, 15).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', year: 'numeric' });

export function MonthOverviewPage({ periods }: PageProps) {
  const dataEnd = periods.dataEnd;
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? '';
  const lastYear = Number(dataEnd.slice(0, 4));
  const year = param('jaar') ?? String(lastYear);
  const month = param('maand');
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    get<Answer>('/maandoverzicht', { gemeente: gemeente || undefined, jaar: year, maand: month }).then(
      setData,
      (e: unknown) => setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [gemeente, year, month, nl]);
  const y = Number(year);
  const months = data ? Array.from({ length: data.lastMonth }, (_, i) => i + 1) : [];
  // the month table shows the chosen month's rows first; every month stays in it and in the CSV
  return (
    <section aria-labelledby="mo-title">
      <form className="zicht-filters" onSubmit={(e) => e.preventDefault()}>
        <FormField>
          <FormLabel htmlFor="mo-jaar">{nl ? 'Jaar' : 'Year'}</FormLabel>
          <Select id="mo-jaar" value={year} onChange={(e) => setParams({ jaar: e.target.value, maand: undefined })}>
            {[lastYear - 2, lastYear - 1, lastYear].map((v) => (
              <SelectOption key={v} value={String(v)}>
                {v}
              </SelectOption>
            ))}
          </Select>
        </FormField>
        <FormField>
          <FormLabel htmlFor="mo-maand">{nl ? 'Maand' : 'Month'}</FormLabel>
          <Select
            id="mo-maand"
            value={String(data?.month ?? month ?? '')}
            onChange={(e) => setParams({ maand: e.target.value })}
          >
            {months.map((m) => (
              <SelectOption key={m} value={String(m)}>
                {monthName(y, m, lang)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </form>
      <Paragraph small>
        {nl
          ? 'In zorg in een maand: een traject actief op minstens één dag van de maand. Kosten: declaraties naar de maand ' +
            'waarin hun prestatieperiode begint (credit in mindering, afgewezen telt niet). Budget: de jeugdtaakvelden van de ' +
            'begroting van het jaar; alleen voor de gemeente als geheel. Definities: docs/indicators.md.'
          : 'In care in a month: a trajectory active on at least one day of the month. Cost: claim lines by the month in which ' +
            'their service period starts. Budget: the youth-care lines of the year’s budget; for the gemeente as a whole only.'}
        {data?.disclosureControl &&
          (nl
            ? ' Aantallen afgerond op 5, cellen onder 10 onderdrukt; de bedragen van een rij met een onderdrukt aantal ook (en de kosten t/m maand vanaf zo’n maand).'
            : ' Counts rounded to 5, cells below 10 suppressed; so are the amounts of a row with a suppressed count (and the cost so far this year from such a month on).')}
      </Paragraph>
      {error && <Alert type="error">{error}</Alert>}
      {!data && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {data && (
        <>
          <Heading level={2} id="mo-title">
            {nl ? `Maand voor maand, ${data.year}` : `Month by month, ${data.year}`}
          </Heading>
          <SortableTable
            table={data.table}
            label={nl ? 'Jeugdigen en kosten per maand' : 'Youths and cost per month'}
            rowHeader="month"
            hidden={['gemeenteCode']}
            initialSort={{ col: 'month', desc: false }}
            csv={{ def: DOWNLOADS.maandoverzicht, file: `maandoverzicht-${data.year}.csv` }}
          />
          {data.clients && (
            <>
              <Heading level={2} id="mo-clients">
                {nl
                  ? `Cliënten in ${monthName(data.year, data.month, lang)} (gepseudonimiseerd)`
                  : `Clients in ${monthName(data.year, data.month, lang)} (pseudonymised)`}
              </Heading>
              <Paragraph small>
                {nl
                  ? 'Deze opvraging is gelogd. Jeugdigen met een geheim adres staan er niet in.'
                  : 'This request was logged. Youths with a secret address are not listed.'}
              </Paragraph>
              <SortableTable
                table={data.clients}
                label={nl ? 'Cliënten van de maand' : 'Clients of the month'}
                rowHeader="pseudonym"
                hidden={['gemeenteCode']}
                initialSort={{ col: 'costYear', desc: true }}
                pageSize={50}
                csv={{
                  def: DOWNLOADS.maandoverzichtClienten,
                  file: `maandoverzicht-clienten-${data.year}-${String(data.month).padStart(2, '0')}.csv`,
                  derived: { inCareCode: (r) => (r.inCare === 'ja' ? 1 : r.inCare === 'nee' ? 0 : null) },
                }}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

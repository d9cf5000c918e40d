/**
 * Per productcode (issue 16.4, seed 003; GET /api/v1/productcodes): per product code and product category
 * over the last three years (or one of them) children, trajectories, mean duration, cost, cost per
 * child, the referrer mix and the number of providers; sortable; a product code opens its providers
 * with the same measures. Categories by name from the iJw code list JZ020; providers by name with AGB.
 */
import type { PageProps } from './pageProps.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  Button,
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
import { SortableTable, type DataTable } from '../components/SortableTable.js';
import { DOWNLOADS } from '../downloads.js';

interface Answer {
  from: string;
  to: string;
  gemeenten: string[];
  productCode: string | null;
  disclosureControl: boolean;
  table: DataTable;
}

export function ProductCodesPage({ periods, me }: PageProps) {
  const dataEnd = periods.dataEnd;
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const gemeente = param('gemeente') ?? '';
  const code = param('productcode');
  const last = dataEnd.endsWith('-12-31') ? Number(dataEnd.slice(0, 4)) : Number(dataEnd.slice(0, 4)) - 1;
  const years = param('jaren') ?? `${last - 2}-${last}`;
  const [from, to] = years.includes('-') ? years.split('-') : [years, years];
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    get<Answer>('/productcodes', { gemeente: gemeente || undefined, van: from, tot: to, productcode: code }).then(
      setData,
      (e: unknown) => setError(e instanceof ApiFailure ? (nl ? e.message : e.messageEn) : String(e)),
    );
  }, [gemeente, from, to, code, nl]);
  const choices = [`${last - 2}-${last}`, String(last - 2), String(last - 1), String(last)];
  const window = (c: string) =>
    c.includes('-') ? (nl ? `${c.replace('-', '–')} (drie jaar samen)` : `${c.replace('-', '–')} (three years)`) : c;
  return (
    <section aria-labelledby="pc-title">
      <form className="zicht-filters" onSubmit={(e) => e.preventDefault()}>
        <FormField>
          <FormLabel htmlFor="pc-jaren">{nl ? 'Jaren' : 'Years'}</FormLabel>
          <Select id="pc-jaren" value={years} onChange={(e) => setParams({ jaren: e.target.value })}>
            {choices.map((c) => (
              <SelectOption key={c} value={c}>
                {window(c)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </form>
      <Heading level={2} id="pc-title">
        {code
          ? nl
            ? `Productcode ${code}: per aanbieder`
            : `Product code ${code}: per provider`
          : nl
            ? 'Per productcode'
            : 'Per product code'}{' '}
        ({window(years)})
      </Heading>
      {code && (
        <Button appearance="secondary-action-button" onClick={() => setParams({ productcode: undefined })}>
          {nl ? '← Alle productcodes' : '← All product codes'}
        </Button>
      )}
      <Paragraph small>
        {nl
          ? 'Kinderen en trajecten: actief in de jaren. Duur: trajecten met een echte start die in de jaren eindigden. ' +
            'Kosten: declaraties met een prestatieperiode die in de jaren begint; per kind gedeeld door de kinderen met een declaratie. ' +
            'Verwijzers: trajecten die in de jaren begonnen. Definities: docs/indicators.md.'
          : 'Children and trajectories: active in the years. Duration: trajectories with an actual start ending in the years. ' +
            'Cost: claim lines whose service period starts in the years; per child divided by the children with a claim. ' +
            'Referrers: trajectories started in the years.'}
        {data?.disclosureControl &&
          (nl
            ? ' Aantallen afgerond op 5, cellen onder 10 onderdrukt; de kosten van een rij met een onderdrukt aantal ook.'
            : ' Counts rounded to 5, cells below 10 suppressed; so is the cost of a row with a suppressed count.')}
      </Paragraph>
      {error && <Alert type="error">{error}</Alert>}
      {!data && !error && <Paragraph>{nl ? 'Bezig met laden …' : 'Loading …'}</Paragraph>}
      {data && data.table.rows.length === 0 && <Paragraph>{nl ? 'Geen gegevens.' : 'No data.'}</Paragraph>}
      {data && data.table.rows.length > 0 && (
        <SortableTable
          table={data.table}
          label={nl ? 'Cijfers per productcode' : 'Figures per product code'}
          rowHeader={code ? 'providerName' : 'productCode'}
          hidden={['productCategory']}
          initialSort={{ col: 'children', desc: true }}
          csv={{
            def: DOWNLOADS.productcodes,
            file: `productcodes-${years}${code ? `-${code}` : ''}.csv`,
            // the table sums the gemeenten of the selection: their codes and names, and the years, on every row
            fixed: {
              gemeenteCode: data.gemeenten.join(' '),
              gemeente: data.gemeenten.map((g) => me.gemeenten.find((x) => x.code === g)?.name ?? g).join(', '),
              periodStart: data.from,
              periodEnd: data.to,
            },
          }}
          action={
            code
              ? undefined
              : {
                  label: nl ? 'Aanbieders' : 'Providers',
                  render: (r) => {
                    const c = String(r[data.table.columns.findIndex((x) => x.key === 'productCode')] ?? '');
                    return (
                      <Button appearance="subtle-button" onClick={() => setParams({ productcode: c })}>
                        {nl ? `Aanbieders van ${c || '(geen code)'}` : `Providers of ${c || '(no code)'}`}
                      </Button>
                    );
                  },
                }
          }
        />
      )}
    </section>
  );
}

/**
 * Begroting per programma (issue 19) on the Geld page: the indicator budget_by_programme as a table — per programme
 * or per taakveld/post the budget, the reserve mutation (an onttrekking positive, a toevoeging negative), the budget
 * with it, the realisation, the % of the budget and what is left — with its definition shown, not behind a button:
 * the realisation is the gemeente's own booking from budget.csv, not claims, and a reader must see that beside it.
 */
import type { PageProps } from './pageProps.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { ApiFailure, get, type Row } from '../api.js';
import { LangContext } from '../i18n.js';
import { param } from '../url.js';
import { fmtValue, type Lang } from '../format.js';
import { TableWrap } from '../components/TableWrap.js';
import { CommitSelect } from '../CommitSelect.js';

const ID = 'budget_by_programme';
type Split = 'programma' | 'post';

const COLUMNS: ReadonlyArray<[keyof Row, string, string, 'euro' | 'procent']> = [
  ['budget', 'Begroting', 'Budget', 'euro'],
  ['reserve', 'Reserve: onttrekking (+) of toevoeging (−)', 'Reserve: draw-down (+) or addition (−)', 'euro'],
  ['budgetWithReserve', 'Begroting met reserve', 'Budget with reserve', 'euro'],
  ['realised', 'Gerealiseerd', 'Realised', 'euro'],
  ['value', '% van de begroting', '% of budget', 'procent'],
  ['remaining', 'Over (met reserve)', 'Left (with reserve)', 'euro'],
];

function cell(r: Row, k: keyof Row, unit: 'euro' | 'procent', lang: Lang): string {
  const v = r[k];
  return fmtValue(typeof v === 'number' ? v : null, unit, lang, r.flags.includes('onderdrukt'));
}

export function BudgetProgrammePage({ me, periods, defs }: PageProps) {
  const lang = useContext(LangContext);
  const def = defs.find((d) => d.id === ID);
  const gemeente = param('gemeente') ?? (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '');
  const period = param('periode') ?? periods.defaultPeriod;
  const [split, setSplit] = useState<Split>('programma');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!def?.allowed) return;
    setRows(null);
    setError(null);
    get<{ rows: Row[] }>(`/indicators/${ID}`, { period, gemeente: gemeente || undefined, by: split }).then(
      (a) => setRows(a.rows),
      (e: unknown) => setError(e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e)),
    );
  }, [def?.allowed, period, gemeente, split, lang]);
  if (!def?.allowed) return null;
  const names = Object.fromEntries(me.gemeenten.map((g) => [g.code, g.name]));
  const several = new Set((rows ?? []).map((r) => r.gemeente)).size > 1;
  const head =
    lang === 'nl'
      ? split === 'programma'
        ? 'Programma'
        : 'Taakveld of post'
      : split === 'programma'
        ? 'Programme'
        : 'Taakveld or post';
  return (
    <section className="zicht-panel" aria-labelledby="begroting-programma">
      <Heading level={2} id="begroting-programma">
        {lang === 'nl'
          ? 'Begroting en realisatie per programma, met reserves'
          : 'Budget against realisation per programme, with reserves'}
      </Heading>
      <Paragraph>{lang === 'nl' ? def.definitionNl : def.definitionEn}</Paragraph>
      <FormField>
        <FormLabel htmlFor="begroting-splitsing">{lang === 'nl' ? 'Per' : 'By'}</FormLabel>
        <CommitSelect
          id="begroting-splitsing"
          value={split}
          onCommit={(v) => setSplit(v === 'post' ? 'post' : 'programma')}
          hint={
            lang === 'nl'
              ? 'Kies met de pijltjes en bevestig met Enter.'
              : 'Choose with the arrow keys and confirm with Enter.'
          }
        >
          <option value="programma">{lang === 'nl' ? 'programma' : 'programme'}</option>
          <option value="post">{lang === 'nl' ? 'taakveld of post' : 'taakveld or post'}</option>
        </CommitSelect>
      </FormField>
      {error && <Alert type="error">{error}</Alert>}
      {rows && rows.length === 0 && (
        <Paragraph>
          {lang === 'nl'
            ? 'Geen begroting ingelezen voor dit jaar (budget.csv).'
            : 'No budget loaded for this year (budget.csv).'}
        </Paragraph>
      )}
      {rows && rows.length > 0 && (
        <TableWrap label={lang === 'nl' ? 'Begroting per programma' : 'Budget per programme'}>
          <Table>
            <TableHeader>
              <TableRow>
                {several && (
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Gemeente' : 'Municipality'}</TableHeaderCell>
                )}
                <TableHeaderCell scope="col">{head}</TableHeaderCell>
                {COLUMNS.map(([k, nl, en]) => (
                  <TableHeaderCell key={k} scope="col">
                    {lang === 'nl' ? nl : en}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={`${r.gemeente}|${r.key ?? ''}`}>
                  {several && <TableCell>{names[r.gemeente] ?? r.gemeente}</TableCell>}
                  <TableHeaderCell scope="row">{r.label ?? r.key ?? ''}</TableHeaderCell>
                  {COLUMNS.map(([k, , , unit]) => (
                    <TableCell key={k} className="zicht-num">
                      {cell(r, k, unit, lang)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
    </section>
  );
}

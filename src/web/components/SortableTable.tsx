/**
 * A table of labelled columns with a unit each (the API's `{ columns, rows }` answers of
 * /api/v1/productcodes and /api/v1/maandoverzicht), sortable by any column: header cells with scope="col"
 * and aria-sort, a button per header, the first text column as the row header (scope="row"), numbers
 * in Dutch format, suppressed cells in words, and the CSV downloads of downloads.ts: the definition's columns in its
 * order, with the codes and labels as columns (a suppressed count reads "<10" there too). A long list (a month's
 * clients) is shown in pages with its count, sorted over all rows; the CSV holds every row.
 */
import { useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { fmtValue, type Unit } from '../format.js';
import type { Cell as CsvCell, CsvRow, DownloadDef } from '../downloads.js';
import { CsvButtons } from './CsvButtons.js';
import { LangContext } from '../i18n.js';
import { TableWrap } from './TableWrap.js';
import { Pager } from './Pager.js';

export type Cell = string | number | null;
export interface Column {
  key: string;
  label: string;
  labelEn: string;
  unit: 'tekst' | Unit;
}
export interface DataTable {
  columns: Column[];
  rows: Cell[][];
}

function shown(v: Cell, unit: Column['unit'], lang: 'nl' | 'en'): string {
  if (unit === 'tekst') return v === null || v === '' ? '–' : String(v);
  if (typeof v === 'string') return fmtValue(null, unit, lang, true); // '<10': suppressed
  return fmtValue(v, unit, lang);
}

export function SortableTable({
  table,
  label,
  rowHeader,
  hidden = [],
  initialSort,
  csv,
  action,
  pageSize,
}: {
  table: DataTable;
  label: string;
  /** the column whose cell heads each row */
  rowHeader: string;
  /** columns not shown on screen (they stay in the CSV, e.g. codes beside their labels) */
  hidden?: string[];
  initialSort?: { col: string; desc: boolean };
  /**
   * the download: its definition, file name, values the same for every row (the selection's gemeente, the
   * years) and columns made from a row (a flag's code beside its words)
   */
  csv: {
    def: DownloadDef;
    file: string;
    fixed?: CsvRow;
    derived?: Record<string, (row: CsvRow) => CsvCell>;
  };
  /** an extra cell per row (a drill-down button), after the figures */
  action?: { label: string; render: (row: Cell[]) => ReactNode };
  /**
   * rows per page: a month's 1,500 clients in one table were a page no one reads row by row (and a screen reader
   * announces as one table of 1,500 rows); the count, sorting and the CSV cover all of them
   */
  pageSize?: number;
}) {
  const lang = useContext(LangContext);
  const nl = lang === 'nl';
  const [sort, setSort] = useState(initialSort ?? { col: rowHeader, desc: false });
  const index = (key: string) => table.columns.findIndex((c) => c.key === key);
  const rows = useMemo(() => {
    const i = table.columns.findIndex((c) => c.key === sort.col);
    if (i < 0) return table.rows;
    const numeric = table.columns[i]!.unit !== 'tekst';
    const list = [...table.rows];
    list.sort((a, b) => {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      // empty and suppressed cells last, whichever the direction
      const xs = x === null || (numeric && typeof x !== 'number');
      const ys = y === null || (numeric && typeof y !== 'number');
      if (xs || ys) return xs === ys ? 0 : xs ? 1 : -1;
      const c = numeric ? (x as number) - (y as number) : String(x).localeCompare(String(y), 'nl');
      return sort.desc ? -c : c;
    });
    return list;
  }, [table, sort]);
  const [page, setPage] = useState(0);
  // another month's list, or another order, starts on its first page
  useEffect(() => setPage(0), [table, sort]);
  const pages = pageSize ? Math.max(1, Math.ceil(rows.length / pageSize)) : 1;
  const current = Math.min(page, pages - 1);
  const onPage = pageSize ? rows.slice(current * pageSize, (current + 1) * pageSize) : rows;
  const visible = table.columns.filter((c) => !hidden.includes(c.key));
  const csvRows = (): CsvRow[] =>
    table.rows.map((r) => {
      const row: Record<string, CsvCell> = { ...csv.fixed };
      table.columns.forEach((c, i) => (row[c.key] = r[i] ?? null));
      for (const [k, f] of Object.entries(csv.derived ?? {})) row[k] = f(row);
      return row;
    });
  // the definition's columns this answer has (no cost columns without money rights), in the definition's order
  const only = new Set([
    ...table.columns.map((c) => c.key),
    ...Object.keys(csv.fixed ?? {}),
    ...Object.keys(csv.derived ?? {}),
  ]);
  const fmt = (n: number) => n.toLocaleString(nl ? 'nl-NL' : 'en-GB');
  return (
    <>
      {pageSize !== undefined && (
        <Paragraph>
          {nl ? `${fmt(rows.length)} rijen` : `${fmt(rows.length)} rows`}
          {pages > 1 && (nl ? ` · pagina ${current + 1} van ${pages}` : ` · page ${current + 1} of ${pages}`)}
        </Paragraph>
      )}
      <TableWrap label={label}>
        <Table>
          <TableHeader>
            <TableRow>
              {visible.map((c) => {
                const active = sort.col === c.key;
                return (
                  <TableHeaderCell
                    scope="col"
                    key={c.key}
                    aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                    className={c.unit === 'tekst' ? undefined : 'zicht-num'}
                  >
                    <button
                      type="button"
                      className="zicht-sort"
                      onClick={() => setSort({ col: c.key, desc: active ? !sort.desc : c.unit !== 'tekst' })}
                    >
                      {nl ? c.label : c.labelEn}
                      <span aria-hidden="true">{active ? (sort.desc ? ' ▼' : ' ▲') : ' ↕'}</span>
                      <span className="zicht-sr">{nl ? ', sorteren' : ', sort'}</span>
                    </button>
                  </TableHeaderCell>
                );
              })}
              {action && <TableHeaderCell scope="col">{action.label}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {onPage.map((r, n) => (
              <TableRow key={n}>
                {visible.map((c) => {
                  const v = r[index(c.key)] ?? null;
                  const text = shown(v, c.unit, lang);
                  return c.key === rowHeader ? (
                    <TableHeaderCell scope="row" key={c.key}>
                      {text}
                    </TableHeaderCell>
                  ) : (
                    <TableCell key={c.key} className={c.unit === 'tekst' ? undefined : 'zicht-num'}>
                      {text}
                    </TableCell>
                  );
                })}
                {action && <TableCell>{action.render(r)}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableWrap>
      <Pager
        label={nl ? `Pagina's van ${label.toLowerCase()}` : `Pages of ${label.toLowerCase()}`}
        current={current}
        pages={pages}
        onPage={setPage}
      />
      <CsvButtons
        def={csv.def}
        file={csv.file}
        rows={csvRows}
        only={only}
        text="Download CSV"
        appearance="secondary-action-button"
      />
    </>
  );
}

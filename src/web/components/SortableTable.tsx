/**
 * A table of labelled columns with a unit each (the API's `{ columns, rows }` answers of
 * /api/v1/productcodes and /api/v1/maandoverzicht), sortable by any column: header cells with scope="col"
 * and aria-sort, a button per header, the first text column as the row header (scope="row"), numbers
 * in Dutch format, suppressed cells in words, and a CSV download with the codes and labels as columns.
 */
import { useContext, useMemo, useState, type ReactNode } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { download, fmtValue, toCsv, type Unit } from '../format.js';
import { LangContext } from '../i18n.js';
import { TableWrap } from './TableWrap.js';

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
  csvName,
  action,
}: {
  table: DataTable;
  label: string;
  /** the column whose cell heads each row */
  rowHeader: string;
  /** columns not shown on screen (they stay in the CSV, e.g. codes beside their labels) */
  hidden?: string[];
  initialSort?: { col: string; desc: boolean };
  csvName: string;
  /** an extra cell per row (a drill-down button), after the figures */
  action?: { label: string; render: (row: Cell[]) => ReactNode };
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
  const visible = table.columns.filter((c) => !hidden.includes(c.key));
  const csv = () =>
    download(
      csvName,
      toCsv(
        table.columns.map((c) => (nl ? c.label : c.labelEn)),
        table.rows.map((r) => r.map((v) => (v === '<10' ? '<10' : v))),
      ),
    );
  return (
    <>
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
            {rows.map((r, n) => (
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
      <Button appearance="secondary-action-button" onClick={csv}>
        {nl ? 'Download CSV' : 'Download CSV'}
      </Button>
    </>
  );
}

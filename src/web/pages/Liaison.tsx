/**
 * Verbindingsfuncties (issue 21): the POH-jeugd, jeugdconsulenten, gezinscoaches and school social workers at GP
 * practices and schools, with what each reached in the period (youths with basishulp found at its location) and, per
 * GP practice, the specialist-referral share before and after the position started. The positions come from
 * GET /verbindingsfuncties, the figures from the catalogue (liaison_reach, liaison_referral_shift) under the same
 * disclosure rules as every figure; definitions are shown beside the tables, not behind a button.
 */
import type { PageProps } from './pageProps.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
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
import { fmtDate, fmtValue, type Lang } from '../format.js';
import { TableWrap } from '../components/TableWrap.js';

interface Position {
  gemeente: string;
  id: string;
  kind: string;
  kindNl: string;
  locationKind: 'huisartsenpraktijk' | 'school';
  locationId: string;
  locationName: string;
  hoursPerWeek: number;
  start: string;
  end: string | null;
}

const KIND_EN: Record<string, string> = {
  poh_jeugd: 'youth mental-health practice nurse (POH-jeugd)',
  jeugdconsulent: 'youth consultant',
  gezinscoach: 'family coach',
  gezinswerker: 'family worker',
  schoolmaatschappelijk_werk: 'school social work',
  jeugdhulpverlener_onderwijs: 'youth care worker in education',
  anders: 'other',
};

/** A practice or school as users know it: its name, with the AGB code or BRIN said as what it is. */
function place(name: string, kind: Position['locationKind'], id: string, lang: Lang): string {
  const code = kind === 'huisartsenpraktijk' ? `AGB ${id}` : /^\d{2}[A-Z]{2}$/.test(id) ? `BRIN ${id}` : id;
  const what = kind === 'huisartsenpraktijk' ? (lang === 'nl' ? 'huisartsenpraktijk' : 'GP practice') : 'school';
  return name ? `${name} (${code})` : `${what} ${code}`;
}

const hidden = (r: Row | undefined) => r?.flags.includes('onderdrukt') ?? false;

export function LiaisonPage({ me, periods, defs }: PageProps) {
  const lang = useContext(LangContext);
  const reachDef = defs.find((d) => d.id === 'liaison_reach');
  const shiftDef = defs.find((d) => d.id === 'liaison_referral_shift');
  const gemeente = param('gemeente') ?? (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '');
  const period = param('periode') ?? periods.defaultPeriod;
  const [positions, setPositions] = useState<Position[] | null>(null);
  const [reach, setReach] = useState<Row[]>([]);
  const [total, setTotal] = useState<Row[]>([]);
  const [shift, setShift] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!reachDef?.allowed) return;
    setPositions(null);
    setError(null);
    const g = gemeente || undefined;
    Promise.all([
      get<{ positions: Position[] }>('/verbindingsfuncties', { gemeente: g }),
      get<{ rows: Row[] }>('/indicators/liaison_reach', { period, gemeente: g, by: 'functie' }),
      get<{ rows: Row[] }>('/indicators/liaison_reach', { period, gemeente: g }),
      get<{ rows: Row[] }>('/indicators/liaison_referral_shift', { period, gemeente: g, by: 'vindplaats' }),
    ]).then(
      ([p, r, t, s]) => {
        setPositions(p.positions);
        setReach(r.rows);
        setTotal(t.rows);
        setShift(s.rows);
      },
      (e: unknown) => setError(e instanceof ApiFailure ? (lang === 'nl' ? e.message : e.messageEn) : String(e)),
    );
  }, [reachDef?.allowed, period, gemeente, lang]);
  if (!reachDef?.allowed) return null;
  const names = Object.fromEntries(me.gemeenten.map((g) => [g.code, g.name]));
  const several = new Set((positions ?? []).map((p) => p.gemeente)).size > 1;
  const reachOf = (p: Position) => reach.find((r) => r.gemeente === p.gemeente && r.key === p.id);
  const practices = (positions ?? []).filter(
    (p, i, all) =>
      p.locationKind === 'huisartsenpraktijk' &&
      all.findIndex((q) => q.gemeente === p.gemeente && q.locationId === p.locationId) === i,
  );
  const side = (p: Position, k: string) =>
    shift.find((r) => r.gemeente === p.gemeente && r.key === `${p.locationId}:${k}`);
  const pct = (r: Row | undefined) => fmtValue(r?.value ?? null, 'procent', lang, hidden(r));
  const points = (r: Row | undefined) =>
    hidden(r)
      ? lang === 'nl'
        ? 'onderdrukt'
        : 'suppressed'
      : r?.value === null || r?.value === undefined
        ? '–'
        : `${r.value > 0 ? '+' : ''}${r.value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${lang === 'nl' ? 'procentpunt' : 'percentage points'}`;
  return (
    <>
      <section className="zicht-panel" aria-labelledby="verbinding-functies">
        <Heading level={2} id="verbinding-functies">
          {lang === 'nl' ? 'Verbindingsfuncties en hun bereik' : 'Liaison positions and their reach'}
        </Heading>
        {error && <Alert type="error">{error}</Alert>}
        {total
          .filter((t) => t.value !== null || hidden(t))
          .map((t) => {
            const n = fmtValue(t.value, 'aantal', lang, hidden(t));
            // per 1.000 youths 0–17 where the denominator is given (a published count carries none)
            const rate =
              t.value !== null && t.denominator !== null && t.denominator > 0
                ? fmtValue((1000 * t.value) / t.denominator, 'per_1000', lang)
                : null;
            return (
              <Paragraph key={t.gemeente}>
                {several || !gemeente ? `${names[t.gemeente] ?? t.gemeente}: ` : ''}
                {lang === 'nl'
                  ? `${n} jeugdigen bereikt${rate ? `, ${rate} jeugdigen van 0–17 jaar` : ''}.`
                  : `${n} youths reached${rate ? `, ${rate} youths aged 0–17` : ''}.`}
              </Paragraph>
            );
          })}
        <Paragraph>{lang === 'nl' ? reachDef.definitionNl : reachDef.definitionEn}</Paragraph>
        {positions && positions.length === 0 && (
          <Paragraph>
            {lang === 'nl'
              ? 'Geen verbindingsfuncties ingelezen (verbindingsfuncties.csv).'
              : 'No liaison positions loaded (verbindingsfuncties.csv).'}
          </Paragraph>
        )}
        {positions && positions.length > 0 && (
          <TableWrap label={lang === 'nl' ? 'Verbindingsfuncties' : 'Liaison positions'}>
            <Table>
              <caption className="zicht-sr">{lang === 'nl' ? 'Verbindingsfuncties' : 'Liaison positions'}</caption>
              <TableHeader>
                <TableRow>
                  {several && (
                    <TableHeaderCell scope="col">{lang === 'nl' ? 'Gemeente' : 'Municipality'}</TableHeaderCell>
                  )}
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Functie' : 'Position'}</TableHeaderCell>
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Vindplaats' : 'Location'}</TableHeaderCell>
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Uren per week' : 'Hours per week'}</TableHeaderCell>
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Periode' : 'Period'}</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    {lang === 'nl' ? 'Jeugdigen bereikt in de periode' : 'Youths reached in the period'}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {positions.map((p) => {
                  const r = reachOf(p);
                  return (
                    <TableRow key={`${p.gemeente}|${p.id}`}>
                      {several && <TableCell>{names[p.gemeente] ?? p.gemeente}</TableCell>}
                      <TableHeaderCell scope="row">
                        {lang === 'nl' ? p.kindNl : (KIND_EN[p.kind] ?? p.kindNl)}
                      </TableHeaderCell>
                      <TableCell>{place(p.locationName, p.locationKind, p.locationId, lang)}</TableCell>
                      <TableCell className="zicht-num">
                        {p.hoursPerWeek.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
                          maximumFractionDigits: 2,
                        })}
                      </TableCell>
                      <TableCell>
                        {fmtDate(p.start, lang)} – {p.end ? fmtDate(p.end, lang) : lang === 'nl' ? 'loopt' : 'running'}
                      </TableCell>
                      <TableCell className="zicht-num">
                        {r
                          ? fmtValue(r.value, 'aantal', lang, hidden(r))
                          : lang === 'nl'
                            ? 'niet in de periode'
                            : 'not in the period'}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableWrap>
        )}
      </section>
      {shiftDef?.allowed && practices.length > 0 && (
        <section className="zicht-panel" aria-labelledby="verbinding-voor-na">
          <Heading level={2} id="verbinding-voor-na">
            {lang === 'nl'
              ? 'Verwijspatroon van de huisartsenpraktijk voor en na de start'
              : 'Referral pattern of the GP practice before and after the start'}
          </Heading>
          <Paragraph>{lang === 'nl' ? shiftDef.definitionNl : shiftDef.definitionEn}</Paragraph>
          <TableWrap label={lang === 'nl' ? 'Verwijspatroon voor en na' : 'Referral pattern before and after'}>
            <Table>
              <caption className="zicht-sr">
                {lang === 'nl' ? 'Verwijspatroon voor en na' : 'Referral pattern before and after'}
              </caption>
              <TableHeader>
                <TableRow>
                  {several && (
                    <TableHeaderCell scope="col">{lang === 'nl' ? 'Gemeente' : 'Municipality'}</TableHeaderCell>
                  )}
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Huisartsenpraktijk' : 'GP practice'}</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    {lang === 'nl' ? 'Specialistisch verwezen vóór de start' : 'Referred to specialist care before'}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Na de start' : 'After the start'}</TableHeaderCell>
                  <TableHeaderCell scope="col">{lang === 'nl' ? 'Verschil' : 'Difference'}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {practices.map((p) => {
                  const before = side(p, 'voor');
                  const short = before?.flags.includes('venster_te_kort');
                  return (
                    <TableRow key={`${p.gemeente}|${p.locationId}`}>
                      {several && <TableCell>{names[p.gemeente] ?? p.gemeente}</TableCell>}
                      <TableHeaderCell scope="row">
                        {place(p.locationName, p.locationKind, p.locationId, lang)}
                      </TableHeaderCell>
                      {short || !before ? (
                        <TableCell colSpan={3}>
                          {!before
                            ? lang === 'nl'
                              ? 'nog niet gestart in deze periode'
                              : 'not started in this period'
                            : lang === 'nl'
                              ? 'minder dan 3 maanden sinds de start: nog niet te vergelijken'
                              : 'under 3 months since the start: cannot be compared yet'}
                        </TableCell>
                      ) : (
                        <>
                          <TableCell className="zicht-num">{pct(before)}</TableCell>
                          <TableCell className="zicht-num">{pct(side(p, 'na'))}</TableCell>
                          <TableCell className="zicht-num">{points(side(p, 'verschil'))}</TableCell>
                        </>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableWrap>
        </section>
      )}
    </>
  );
}

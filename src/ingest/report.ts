/**
 * Import reports: per file what was read, accepted and rejected, and every rejection with file,
 * line, column, value (masked where personal) and the reason in Dutch and English.
 */
export interface Problem {
  /** 1-based physical line of the record (1 = header); 0 for the file as a whole. */
  readonly line: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly code: string;
  readonly nl: string;
  readonly en: string;
}

/**
 * Something the import did to accepted rows that the user should know, without refusing them (an amount rounded to
 * whole cents): per kind how many rows and the first lines, so nothing changes unnoticed.
 */
export interface Notice {
  readonly code: string;
  readonly column: string | null;
  readonly nl: string;
  readonly en: string;
  count: number;
  /** the first MAX_NOTICE_LINES lines it applied to */
  readonly lines: number[];
}

export const MAX_NOTICE_LINES = 10;

export type FileStatus = 'committed' | 'rejected' | 'unchanged' | 'dry-run';

export interface FileReport {
  readonly file: string;
  readonly sha256: string | null;
  recordType: string | null;
  status: FileStatus;
  encoding: string | null;
  separator: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rejections, at most MAX_PROBLEMS_KEPT; problemsTotal says how many there were. */
  problems: Problem[];
  problemsTotal: number;
  /** What was done to accepted rows without refusing them (absent: nothing). */
  notices?: Notice[];
  runId: number | null;
}

export const MAX_PROBLEMS_KEPT = 1000;

export function problem(
  line: number,
  column: string | null,
  value: string | null,
  code: string,
  nl: string,
  en: string,
): Problem {
  return { line, column, value, code, nl, en };
}

export function addProblem(report: FileReport, p: Problem): void {
  report.problemsTotal++;
  if (report.problems.length < MAX_PROBLEMS_KEPT) report.problems.push(p);
}

export function addNotice(
  report: FileReport,
  line: number,
  n: { column: string | null; code: string; nl: string; en: string },
): void {
  const list = (report.notices ??= []);
  const seen = list.find((x) => x.code === n.code && x.column === n.column);
  if (seen) {
    seen.count++;
    if (seen.lines.length < MAX_NOTICE_LINES) seen.lines.push(line);
  } else list.push({ code: n.code, column: n.column, nl: n.nl, en: n.en, count: 1, lines: [line] });
}

const STATUS_NL: Record<FileStatus, string> = {
  committed: 'ingelezen',
  rejected: 'GEWEIGERD (niets ingelezen)',
  unchanged: 'al eerder ingelezen, niets gewijzigd',
  'dry-run': 'gecontroleerd (proefrun, niets opgeslagen)',
};

const nf = new Intl.NumberFormat('nl-NL');

/** Human-readable report (Dutch first, English reason beside it). */
export function formatReport(r: FileReport): string {
  const lines = [
    `${r.file}: ${STATUS_NL[r.status]}`,
    ...(r.recordType && /^JW\d{3}$/.test(r.recordType)
      ? [
          `  iJw 3.2-bericht ${r.recordType} · gegevens gelezen ${nf.format(r.rowsRead)}${r.status !== 'rejected' && r.rowsRejected > 0 ? ` · geaccepteerd ${nf.format(r.rowsAccepted)} · afgewezen ${nf.format(r.rowsRejected)}` : ''}`,
        ]
      : r.recordType === 'zip'
        ? ['  zip-archief met iJw-berichten']
        : r.recordType?.startsWith('cbs:')
          ? [
              `  CBS-tabel ${r.recordType.slice(4)} · rijen ${nf.format(r.rowsRead)} · waarnemingen opgeslagen ${nf.format(r.rowsAccepted)}`,
            ]
          : [
              `  soort ${r.recordType ?? '?'} · codering ${r.encoding ?? '?'} · scheidingsteken ${r.separator === '\t' ? 'tab' : (r.separator ?? '?')}`,
              `  rijen gelezen ${nf.format(r.rowsRead)} · geaccepteerd ${nf.format(r.rowsAccepted)} · afgewezen ${nf.format(r.rowsRejected)}`,
            ]),
  ];
  for (const n of r.notices ?? []) {
    const where = `regel${n.count > 1 ? 's' : ''} ${n.lines.join(', ')}${n.count > n.lines.length ? ' …' : ''}`;
    lines.push(
      `  let op: ${nf.format(n.count)} × ${n.column ? `kolom ${n.column}: ` : ''}${n.nl} (${where}) / ${n.en}`,
    );
  }
  if (r.problemsTotal > 10) {
    // many rows usually share a few causes: say those first
    const groups = new Map<string, { p: Problem; n: number }>();
    for (const p of r.problems) {
      const k = `${p.code}|${p.column ?? ''}`;
      const g = groups.get(k);
      if (g) g.n++;
      else groups.set(k, { p, n: 1 });
    }
    lines.push(
      `  meldingen per soort${r.problems.length < r.problemsTotal ? ` (in de eerste ${nf.format(r.problems.length)})` : ''}:`,
    );
    for (const { p, n } of [...groups.values()].sort((a, b) => b.n - a.n)) {
      lines.push(
        `    ${nf.format(n)} × ${p.column ? `${p.column.startsWith('/') ? 'element' : 'kolom'} ${p.column}: ` : ''}${p.nl} / ${p.en}`,
      );
    }
  }
  for (const p of r.problems.slice(0, 50)) {
    const where = p.line > 0 ? `regel ${p.line}` : 'bestand';
    const col = p.column ? (p.column.startsWith('/') ? `, element ${p.column}` : `, kolom ${p.column}`) : '';
    const val = p.value !== null ? ` (waarde "${p.value}")` : '';
    lines.push(`  - ${where}${col}${val}: ${p.nl} / ${p.en}`);
  }
  if (r.problemsTotal > 50)
    lines.push(
      `  … en nog ${nf.format(r.problemsTotal - 50)} meldingen (zie --json) / and ${r.problemsTotal - 50} more`,
    );
  return lines.join('\n');
}

/** The API client: JSON in and out, errors carry the server's Dutch and English message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

async function handle<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; messageEn?: string } } | null)?.error;
    throw new ApiFailure(
      res.status,
      e?.code ?? 'fout',
      e?.message ?? `Fout ${res.status}`,
      e?.messageEn ?? `Error ${res.status}`,
    );
  }
  return body as T;
}

export function get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return fetch(`/api${path}${qs ? `?${qs}` : ''}`, { credentials: 'same-origin' }).then((r) => handle<T>(r));
}

export function post<T>(path: string, body: unknown): Promise<T> {
  return fetch(`/api${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => handle<T>(r));
}

/** Upload with progress (fetch has no upload progress; XMLHttpRequest does). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      handle<T>(new Response(xhr.responseText, { status: xhr.status })).then(resolve, reject);
    };
    xhr.onerror = () =>
      reject(new ApiFailure(0, 'netwerk', 'Geen verbinding met de server.', 'No connection to the server.'));
    xhr.send(form);
  });
}

export interface Definition {
  id: string;
  nameNl: string;
  nameEn: string;
  definitionNl: string;
  definitionEn: string;
  unit: 'aantal' | 'procent' | 'euro' | 'dagen' | 'score';
  direction: string;
  dimensions: string[];
  sources: string[];
  cbsNote: string | null;
  personLevel?: boolean;
  allowed?: boolean;
  /** cost figures: claims or Iv3, and over which period — part of the label */
  costBasis?: { nl: string; en: string };
}

export interface Row {
  indicator: string;
  gemeente: string;
  period: string;
  by: string | null;
  key: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: Definition['unit'];
  flags: string[];
  label?: string;
  outlier?: boolean;
  youth?: string;
  productCategory?: string;
  days?: number;
  trend?: number | null;
  low?: number;
  high?: number;
  method?: string;
  /** waiting times: the norm in the row's days, drawn as a line */
  norm?: number;
}

export interface Me {
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  gemeenten: { code: string; name: string; demo: boolean }[];
  team: { gemeente: string; code: string } | null;
  provider: string | null;
  mfaPassed: boolean;
  demo: boolean;
  permissions: Record<
    'aggregates' | 'money' | 'person_level' | 'narrative_write' | 'import' | 'users' | 'audit',
    boolean
  >;
}

export interface Periods {
  dataStart: string | null;
  dataEnd: string;
  defaultPeriod: string;
  halfYears: { key: string; label: string }[];
  years: { key: string; label: string }[];
  quarters: { key: string; label: string }[];
  months: { key: string; label: string }[];
}

export interface Narrative {
  id: number;
  gemeente: string;
  indicator: string;
  period: string;
  scopeKind: string;
  scopeKey: string | null;
  author: string;
  createdAt: string;
  body: string;
  valueSnapshot: { value: number | null; unit: string } | null;
  visibility: 'intern' | 'extern';
  source: 'duiding' | 'client' | 'professional';
  consent: boolean;
}

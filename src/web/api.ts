/**
 * The API client: JSON in and out under /api/v1 (API_PREFIX, server/apiSchema.ts); an error is RFC 9457 problem
 * details whose extension members carry our code and the Dutch and English message.
 */
import { API_PREFIX } from '../server/apiPrefix.js';

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
    const e = body as { code?: string; message?: string; messageEn?: string } | null;
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
  return fetch(`${API_PREFIX}${path}${qs ? `?${qs}` : ''}`, { credentials: 'same-origin' }).then((r) => handle<T>(r));
}

export function post<T>(path: string, body: unknown): Promise<T> {
  return fetch(`${API_PREFIX}${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => handle<T>(r));
}

export function patch<T>(path: string, body: unknown): Promise<T> {
  return fetch(`${API_PREFIX}${path}`, {
    method: 'PATCH',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => handle<T>(r));
}

export function put<T>(path: string, body: unknown): Promise<T> {
  return fetch(`${API_PREFIX}${path}`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => handle<T>(r));
}

export function del<T>(path: string): Promise<T> {
  return fetch(`${API_PREFIX}${path}`, { method: 'DELETE', credentials: 'same-origin' }).then((r) => handle<T>(r));
}

/** Upload with progress (fetch has no upload progress; XMLHttpRequest does). */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_PREFIX}${path}`);
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

export type { Definition, Me, Narrative, Periods, Row } from '../server/apiTypes.js';
export { API_PREFIX };

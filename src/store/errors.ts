/** A database error with the PostgreSQL SQLSTATE kept, the same on both back ends. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** SQLSTATE 42501: insufficient privilege, which includes a row-level-security violation. */
export function isPermissionError(err: unknown): boolean {
  return err instanceof StoreError && err.code === '42501';
}

/**
 * The database cannot be reached or dropped the connection (PostgreSQL restarting, a connection terminated by an
 * administrator, the network): not the request's fault, and worth repeating in a moment. SQLSTATE class 08
 * (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now), and the errors of the
 * client library itself, which carry no SQLSTATE.
 */
export function isUnavailableError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^08/.test(code) || ['57P01', '57P02', '57P03'].includes(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|Client was closed|terminating connection due to administrator command|the database system is (starting up|shutting down)|connect ECONNREFUSED|read ECONNRESET|write EPIPE/i.test(
    message,
  );
}

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

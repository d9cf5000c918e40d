/**
 * Migration 12: raw inputs that can hold personal data are kept sealed (AES-256-GCM with a key
 * derived from the pseudonymisation secret, see src/ingest/seal.ts). The flag says how a file or
 * pack record was kept, so files kept plain before this migration stay readable.
 */
export const name = 'raw_sealed';

export const sql = `
ALTER TABLE raw_input ADD COLUMN sealed boolean NOT NULL DEFAULT false;
`;

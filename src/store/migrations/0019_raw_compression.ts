/**
 * Migration 19 (issue 18.2, a lean data directory): raw inputs kept from now on are gzip-compressed before they are
 * sealed (iJw XML and CSV shrink four- to tenfold; sealed bytes do not compress afterwards). The column says how a kept
 * input was stored, so inputs kept before (NULL) are read as they are. The content address stays the SHA-256 of the
 * plain bytes.
 */
export const name = 'raw_compression';

export const sql = `
ALTER TABLE raw_input ADD COLUMN compression text CHECK (compression IN ('gzip'));
`;

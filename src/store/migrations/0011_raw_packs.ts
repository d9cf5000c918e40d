/**
 * Migration 11: small raw inputs (iJw messages, a few KB each) are kept in pack files, one per
 * import batch, instead of one file each: creating tens of thousands of small files dominated the
 * import. A pack is itself content-addressed (named by its SHA-256); a message inside it is found
 * by offset and length and still identified by its own SHA-256.
 */
export const name = 'raw_packs';

export const sql = `
ALTER TABLE raw_input ADD COLUMN pack_offset bigint, ADD COLUMN pack_length bigint;
ALTER TABLE raw_input ADD CONSTRAINT raw_input_pack CHECK ((pack_offset IS NULL) = (pack_length IS NULL));
`;

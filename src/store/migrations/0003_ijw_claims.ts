/**
 * Migration 3: what the iJw importer needs beyond the canonical model of migration 1 — the
 * declaration a claim line belongs to (JW325 answers a whole declaration), and lookups of
 * trajectories by allocation number and of events by type.
 */
export const name = 'ijw_claims';

export const sql = `
ALTER TABLE claim_line ADD COLUMN declaration_number text;
CREATE INDEX claim_line_declaration ON claim_line (gemeente_code, provider_agb, declaration_number);
CREATE INDEX claim_line_allocation ON claim_line (gemeente_code, allocation_number);
CREATE INDEX trajectory_gemeente_allocation ON trajectory (gemeente_code, allocation_number);
ALTER TABLE ijw_event ADD COLUMN allocation_number text;
CREATE INDEX ijw_event_allocation ON ijw_event (gemeente_code, allocation_number);
CREATE INDEX ijw_event_type ON ijw_event (gemeente_code, event_type, logical_key);
-- a request (JW315) finds its allocation through provider + ReferentieAanbieder, in either order of arrival
CREATE INDEX ijw_event_reference ON ijw_event (gemeente_code, ((payload->>'agb') || ':' || (payload->>'referentie'))) WHERE event_type = 'toewijzing';
`;

/**
 * Migration 21 (issue 18.4, iJw import near its floor): allocations whose messages are written but not yet folded
 * into trajectories. An import writes its messages batch by batch and folds every allocation it touched once at its
 * end (an allocation folded after each of its JW301, JW305, JW307 and JW315 cost four folds); a key is written in the
 * same transaction as its messages and deleted in the transaction that folds it, so an import that stops between the
 * two leaves its keys here and the next import (or the next open of the store) folds them: nothing is lost.
 */
export const name = 'ijw_fold_pending';

export const sql = `
CREATE TABLE ijw_fold_pending (
  gemeente_code     text NOT NULL REFERENCES gemeente(code),
  allocation_number text NOT NULL,
  run_id            bigint NOT NULL REFERENCES import_run(id),
  PRIMARY KEY (gemeente_code, allocation_number)
);
ALTER TABLE ijw_fold_pending ENABLE ROW LEVEL SECURITY;
CREATE POLICY ijw_fold_pending_by_gemeente ON ijw_fold_pending USING (zicht_scope_allows(gemeente_code)) WITH CHECK (zicht_scope_allows(gemeente_code));
`;

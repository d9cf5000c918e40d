/**
 * Migration 14 (cbs): a goal can be measured on one split of its indicator, e.g. the share within the
 * norm of a waiting time (statistiek = binnen_norm) rather than its median. Without it "binnen 6 weken"
 * could only be tracked with whatever the indicator's headline figure happens to be.
 */
export const name = 'goal_split';

export const sql = `
ALTER TABLE goal ADD COLUMN split_by text;
ALTER TABLE goal ADD COLUMN split_key text;
ALTER TABLE goal ADD CONSTRAINT goal_split_both CHECK ((split_by IS NULL) = (split_key IS NULL));
`;

/**
 * Migration 14 (cbs): a goal can be measured on one split of its indicator, e.g. the share within the
 * norm of a waiting time (statistiek = binnen_norm) rather than its median. Without it "binnen 6 weken"
 * could only be tracked with whatever the indicator's headline figure happens to be. Demo goals stored
 * before this are corrected to the goals src/demo/goals.ts ships now.
 */
export const name = 'goal_split';

export const sql = `
ALTER TABLE goal ADD COLUMN split_by text;
ALTER TABLE goal ADD COLUMN split_key text;
ALTER TABLE goal ADD CONSTRAINT goal_split_both CHECK ((split_by IS NULL) = (split_key IS NULL));
-- the demo goals already stored were measured with the wrong figure: give them the figure their words name
UPDATE goal SET indicator_id = 'wait_allocation_to_start', split_by = 'statistiek', split_key = 'binnen_norm', target_value = 95,
       title = 'Zorg start binnen 6 weken (42 dagen) na de toewijzing: 95% binnen de norm'
 WHERE indicator_id = 'wait_request_to_allocation' AND title = 'Binnen 8 weken een toewijzing: mediane wachttijd onder 20 dagen'
   AND gemeente_code IN (SELECT code FROM gemeente WHERE demo);
UPDATE goal SET indicator_id = 'specialist_referral_rate', target_value = 4,
       title = 'Minder jeugdigen in specialistische jeugdhulp (arrangement D t/m I): naar 4% van de jeugdigen'
 WHERE indicator_id = 'pct_youth_in_care' AND title = 'Minder jeugdigen in specialistische jeugdhulp: naar 8,0%'
   AND gemeente_code IN (SELECT code FROM gemeente WHERE demo);
`;

/**
 * Migration 17 (issue 14, red team): a claim line records the day its JW323 message was sent (the
 * header's Dagtekening). A report as of a past date (lens/scope.ts asOfViews) counts a claim only when
 * it was sent by then: a JW323 sent on 5 July about June does not change the June report made as of
 * 30 June. Claim lines of the gemeente's own files (CSV) have no send date and keep NULL; so do iJw
 * lines imported before this migration (the as-of lens then falls back to the product period).
 * It also records the day the JW325 that set its status (toegekend / afgewezen) was sent: a report as
 * of an earlier day sees the line as submitted (ingediend). NULL (the gemeente's own files, answers
 * imported before this migration): the status counts whenever it was set.
 */
export const name = 'claim_sent_date';

export const sql = `
ALTER TABLE claim_line ADD COLUMN sent_date date;
ALTER TABLE claim_line ADD COLUMN status_date date;
`;

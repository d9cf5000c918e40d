/**
 * BSN checks. A BSN is 9 digits passing the elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11).
 * CBS placeholders (999999999, 000000000) pass or fail the check but never identify anyone.
 */
export const BSN_PLACEHOLDERS: ReadonlySet<string> = new Set(['999999999', '000000000']);

export function passesElfproef(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0 && bsn !== '000000000';
}

export function isPlaceholderBsn(bsn: string): boolean {
  return BSN_PLACEHOLDERS.has(bsn);
}

/** Masks a BSN for error reports: only the last two digits remain. */
export function maskBsn(value: string): string {
  return value.length <= 2 ? '**' : `${'*'.repeat(value.length - 2)}${value.slice(-2)}`;
}

/**
 * The runs of exactly nine digits in a text that pass the elfproef (not a CBS placeholder): numbers that may be a BSN.
 * Free text — a team's name, a referrer's description, a note — must not carry one (red team 33: "Team 999990019"
 * was accepted and a refused row's team "BSN 999990019 Jan Jansen" was kept in the quarantine).
 */
export function bsnLikeRuns(text: string): string[] {
  return [...text.matchAll(/(?<!\d)\d{9}(?!\d)/g)]
    .map((m) => m[0])
    .filter((d) => passesElfproef(d) && !isPlaceholderBsn(d));
}

/** The text with every number that may be a BSN (bsnLikeRuns) replaced by nine stars. */
export function maskBsnRuns(text: string): string {
  return text.replace(/(?<!\d)\d{9}(?!\d)/g, (d) => (passesElfproef(d) && !isPlaceholderBsn(d) ? '*********' : d));
}

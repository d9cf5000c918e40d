/**
 * Arrangement intensities A–I (as in Hart van Brabant): A–C light, D–G specialist, H–I chronic or
 * continuing care. Specialist referral counts D–I.
 */
export const INTENSITIES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'] as const;
export type Intensity = (typeof INTENSITIES)[number];
export type IntensityClass = 'licht' | 'specialistisch' | 'langdurig';

export function isIntensity(s: string): s is Intensity {
  return (INTENSITIES as readonly string[]).includes(s);
}

export function intensityClass(i: Intensity): IntensityClass {
  if (i <= 'C') return 'licht';
  if (i <= 'G') return 'specialistisch';
  return 'langdurig';
}

export function isSpecialist(i: Intensity): boolean {
  return i >= 'D';
}

export const INTENSITY_CLASS_LABELS: Record<IntensityClass, string> = {
  licht: 'licht (A–C)',
  specialistisch: 'specialistisch (D–G)',
  langdurig: 'langdurig / chronisch (H–I)',
};

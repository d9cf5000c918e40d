/**
 * The period of a CBS table that has no period dimension. Kerncijfers wijken en buurten is published
 * as one table per edition (85984NED = 2024, 86165NED = 2025): its rows carry no Perioden, and the
 * year is only in TableInfos ("Period": "2024"). Such a table is read as that one year (`2024JJ00`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const TableInfos = z.object({
  value: z.array(z.object({ Period: z.string().nullable().optional() }).passthrough()).min(1),
});

export interface FixedPeriod {
  readonly key: string;
  readonly status: string;
}

/** `2024JJ00` from TableInfos.json when its Period is one year; null when there is no such file or year. */
export function tablePeriod(dir: string): FixedPeriod | null {
  const file = join(dir, 'TableInfos.json');
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const parsed = TableInfos.safeParse(raw);
  if (!parsed.success) return null;
  const period = (parsed.data.value[0]!.Period ?? '').trim();
  const year = /^(\d{4})(\*{0,2})$/.exec(period);
  if (!year) return null;
  const status = year[2] === '**' ? 'nader voorlopig' : year[2] === '*' ? 'voorlopig' : 'definitief';
  return { key: `${year[1]}JJ00`, status };
}

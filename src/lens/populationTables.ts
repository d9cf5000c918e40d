/**
 * The derived lens table `population_band`: per gemeente, wijk ('' = the gemeente as a whole), year and band of
 * domain/population.ts the number of inhabitants, found from the rows of the population file as that module says
 * (a chain of the longest fitting rows from the band's first age to its last). A band the rows do not cover has no
 * row here: its figures are left empty and flagged (geen_noemer), never computed on a part of the youths.
 * Every figure that divides by a population reads this table, so a file with one row per year of age gives the same
 * denominators as one with a row 0–17, and a wijk that has both a row 0–17 and bands is not counted twice.
 */
import { INHABITANTS_FROM_AGE, POPULATION_BANDS } from '../domain/population.js';

const targets = POPULATION_BANDS.map((b) => `('${b.band}', ${b.from}, ${b.to === null ? 'NULL::INTEGER' : b.to})`).join(
  ', ',
);

export const POPULATION_BAND_SQL = `CREATE TABLE population_band AS
WITH RECURSIVE target(band, band_from, band_to) AS (VALUES ${targets}),
-- per band and starting age, the longest row that fits in the band (ties cannot occur: a row's ages are its key)
best AS (
  SELECT t.band, t.band_from, t.band_to, p.gemeente_code, p.wijk_code, p.year, p.age_from,
         max(p.age_to) AS age_to, arg_max(p.count, p.age_to) AS count
  FROM target t JOIN population p ON p.age_from >= t.band_from AND (t.band_to IS NULL OR p.age_to <= t.band_to)
  GROUP BY ALL),
chain AS (
  SELECT band, band_to, gemeente_code, wijk_code, year, age_to AS reached, count::BIGINT AS total
  FROM best WHERE age_from = band_from
  UNION ALL
  SELECT c.band, c.band_to, c.gemeente_code, c.wijk_code, c.year, b.age_to, c.total + b.count
  FROM chain c JOIN best b ON b.band = c.band AND b.gemeente_code = c.gemeente_code AND b.wijk_code = c.wijk_code
    AND b.year = c.year AND b.age_from = c.reached + 1
  WHERE c.band_to IS NULL OR c.reached < c.band_to)
SELECT band, gemeente_code, wijk_code, year, CAST(arg_max(total, reached) AS INTEGER) AS count
FROM chain
GROUP BY band, band_to, gemeente_code, wijk_code, year
HAVING CASE WHEN band_to IS NULL THEN max(reached) >= ${INHABITANTS_FROM_AGE} ELSE max(reached) = band_to END`;

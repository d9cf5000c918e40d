/**
 * Beheer: the region's norms (indicators/norms.ts) and its care-form mapping (product category → zorgvorm and care level), which
 * decides how youths are counted in "zonder verblijf", "met verblijf" and so on. The default of the
 * catalogue stays (region '*'); a region row overrides it. A change rebuilds the lens, so every
 * figure follows at once, and goes into the access log.
 */
import type { FastifyInstance } from 'fastify';
import { CARE_FORMS, CARE_FORM_LABELS, CARE_LEVELS } from '../../domain/careForms.js';
import { PRODUCT_CATEGORY } from '../../domain/codelists.js';
import { rebuildLens } from '../../lens/build.js';
import { isNormKey, NORMS } from '../../indicators/norms.js';
import type { AppContext } from '../context.js';
import * as A from '../answerSchemas.js';
import { ok } from '../apiSchema.js';
import { UserError } from '../../domain/errors.js';

interface Row {
  product_category: string;
  care_form: string;
  care_level: string | null;
  region_code: string;
}

async function regionOf(ctx: AppContext, gemeenten: readonly string[]): Promise<string> {
  const [r] = await ctx.store.query<{ region_code: string | null }>(
    'SELECT DISTINCT region_code FROM gemeente WHERE code = ANY($1) AND region_code IS NOT NULL ORDER BY 1',
    [[...gemeenten]],
  );
  if (!r?.region_code) throw new UserError('geen_regio');
  return r.region_code;
}

export async function careFormRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get(
    '/care-forms',
    {
      config: { action: 'users' },
      schema: {
        response: { 200: ok(A.CARE_FORMS) },
        tags: ['beheer'],
        summary:
          'Indeling van productcategorieën in zorgvormen en zorgniveaus voor de regio (standaard en eigen afwijkingen)',
      },
    },
    async (req) => {
      const region = await regionOf(ctx, req.principal!.gemeenten);
      const rows = await ctx.store.query<Row>(
        "SELECT product_category, care_form, care_level, region_code FROM care_form_mapping WHERE region_code IN ('*', $1)",
        [region],
      );
      const categories = [...new Set(rows.map((r) => r.product_category))].sort();
      return {
        region,
        careForms: CARE_FORMS.map((f) => ({ id: f, nl: CARE_FORM_LABELS[f].nl, en: CARE_FORM_LABELS[f].en })),
        careLevels: CARE_LEVELS,
        rows: categories.map((c) => {
          const def = rows.find((r) => r.product_category === c && r.region_code === '*');
          const own = rows.find((r) => r.product_category === c && r.region_code === region);
          return {
            productCategory: c,
            name: PRODUCT_CATEGORY.labels.get(c) ?? c,
            careForm: (own ?? def)!.care_form,
            careLevel: (own ?? def)!.care_level,
            defaultCareForm: def?.care_form ?? null,
            defaultCareLevel: def?.care_level ?? null,
            overridden: own !== undefined,
          };
        }),
      };
    },
  );

  api.post<{ Body: { productCategory: string; careForm: string; careLevel: string | null } }>(
    '/care-forms',
    {
      config: { action: 'users' },
      schema: {
        response: { 200: ok(A.CARE_FORM_SET) },
        tags: ['beheer'],
        summary:
          'De zorgvorm en het zorgniveau van een productcategorie voor de regio vastleggen (gelijk aan de standaard = afwijking opheffen); de lens wordt opnieuw gebouwd',
        body: {
          type: 'object',
          required: ['productCategory', 'careForm'],
          additionalProperties: false,
          properties: {
            productCategory: { type: 'string', pattern: '^[0-9]{2}$' },
            careForm: { type: 'string', enum: [...CARE_FORMS] },
            careLevel: { anyOf: [{ type: 'string', enum: [...CARE_LEVELS] }, { type: 'null' }] },
          },
        },
      },
    },
    async (req) => {
      const region = await regionOf(ctx, req.principal!.gemeenten);
      const b = req.body;
      const [def] = await ctx.store.query<Row>(
        "SELECT product_category, care_form, care_level, region_code FROM care_form_mapping WHERE region_code = '*' AND product_category = $1",
        [b.productCategory],
      );
      if (!def) throw new UserError('onbekende_categorie', { category: b.productCategory });
      const level = b.careLevel ?? null;
      if (def.care_form === b.careForm && def.care_level === level) {
        await ctx.store.query('DELETE FROM care_form_mapping WHERE region_code = $1 AND product_category = $2', [
          region,
          b.productCategory,
        ]);
      } else {
        await ctx.store.query(
          `INSERT INTO care_form_mapping (region_code, product_category, care_form, care_level) VALUES ($1, $2, $3, $4)
        ON CONFLICT (region_code, product_category) DO UPDATE SET care_form = EXCLUDED.care_form, care_level = EXCLUDED.care_level`,
          [region, b.productCategory, b.careForm, level],
        );
      }
      await ctx.audit(req, {
        event: 'indeling_gewijzigd',
        outcome: 'ok',
        query: `regio ${region} productcategorie ${b.productCategory} → ${b.careForm}/${level ?? '–'}`,
      });
      await rebuildLens(ctx.store, ctx.dataDir);
      await ctx.lens.reload();
      return { region, productCategory: b.productCategory, careForm: b.careForm, careLevel: level };
    },
  );
}

export async function normRoutes(api: FastifyInstance, ctx: AppContext): Promise<void> {
  api.get(
    '/norms',
    {
      config: { action: 'users' },
      schema: {
        response: { 200: ok(A.NORMS) },
        tags: ['beheer'],
        summary: 'Normen van de regio (standaard en eigen waarde)',
      },
    },
    async (req) => {
      const region = await regionOf(ctx, req.principal!.gemeenten);
      const own = new Map(
        (
          await ctx.store.query<{ key: string; value: number }>(
            'SELECT key, value::float8 AS value FROM norm WHERE region_code = $1',
            [region],
          )
        ).map((r) => [r.key, r.value]),
      );
      return {
        region,
        norms: Object.entries(NORMS).map(([key, n]) => ({
          key,
          nl: n.nl,
          en: n.en,
          unit: n.unit,
          min: n.min,
          max: n.max,
          default: n.default,
          value: own.get(key) ?? n.default,
          own: own.has(key),
        })),
      };
    },
  );

  api.post<{ Body: { key: string; value: number } }>(
    '/norms',
    {
      config: { action: 'users' },
      schema: {
        response: { 200: ok(A.NORM_SET) },
        tags: ['beheer'],
        summary:
          'Een norm voor de regio vastleggen (gelijk aan de standaard = eigen waarde opheffen); de lens wordt opnieuw gebouwd',
        body: {
          type: 'object',
          required: ['key', 'value'],
          additionalProperties: false,
          properties: { key: { type: 'string', maxLength: 60 }, value: { type: 'integer' } },
        },
      },
    },
    async (req) => {
      const region = await regionOf(ctx, req.principal!.gemeenten);
      const { key, value } = req.body;
      if (!isNormKey(key)) throw new UserError('onbekende_norm', { key, known: Object.keys(NORMS) });
      const n = NORMS[key];
      if (value < n.min || value > n.max) throw new UserError('buiten_bereik', n);
      if (value === n.default)
        await ctx.store.query('DELETE FROM norm WHERE region_code = $1 AND key = $2', [region, key]);
      else
        await ctx.store.query(
          `INSERT INTO norm (region_code, key, value, changed_by) VALUES ($1, $2, $3, $4)
      ON CONFLICT (region_code, key) DO UPDATE SET value = EXCLUDED.value, changed_by = EXCLUDED.changed_by, changed_at = now()`,
          [region, key, value, req.principal!.username],
        );
      await ctx.audit(req, {
        event: 'indeling_gewijzigd',
        outcome: 'ok',
        query: `regio ${region} norm ${key} → ${value} ${n.unit}`,
      });
      await rebuildLens(ctx.store, ctx.dataDir);
      await ctx.lens.reload();
      return { region, key, value };
    },
  );
}

/**
 * The answers of the API routes as JSON Schema (issue 17.2): each route declares its success answer from here
 * (`schema.response`), the OpenAPI document shows them, and the server tests validate every answer they receive
 * against them (src/testing/responseCheck.ts). The shapes follow the TypeScript types the routes return
 * (server/apiTypes.ts, reports/apiTypes.ts, app/*). Figures are `number | null` throughout: for roles under
 * disclosure control the one step in server/disclosureStep.ts may suppress any of them. Nested structures that
 * are built by the report and benchmark models are described down to their main members; deeper members are open.
 * Over 400 lines: one schema per answer of the API, kept in one list like the error catalogue (domain/errors.ts).
 */
import { arrayOf, bool, int, intOrNull, num, obj, str, strOrNull } from './apiSchema.js';

type Schema = Record<string, unknown>;

/** A figure: a number, or null when unknown or suppressed by disclosure control. */
const fig = { type: ['number', 'null'] } as const;
const strs = arrayOf(str);
/** Open object: described by its members where named, others allowed. */
const open = (properties: Schema = {}, required: readonly string[] = []): Schema => ({
  type: 'object',
  required: [...required],
  properties,
});
const UNIT = { type: 'string', enum: ['aantal', 'procent', 'euro', 'dagen', 'score', 'per_1000'] };
const LABELLED = obj({ key: str, label: str });
const nlEn = obj({ nl: str, en: str });

export const DEFINITION: Schema = open(
  {
    id: str,
    nameNl: str,
    nameEn: str,
    definitionNl: str,
    definitionEn: str,
    unit: UNIT,
    direction: str,
    dimensions: strs,
    sources: strs,
    cbsNote: strOrNull,
    personLevel: bool,
    allowed: bool,
    costBasis: nlEn,
    twoWaySplits: strs,
  },
  ['id', 'nameNl', 'nameEn', 'definitionNl', 'definitionEn', 'unit', 'direction', 'dimensions', 'sources'],
);

export const ROW: Schema = open(
  {
    indicator: str,
    gemeente: str,
    period: str,
    by: strOrNull,
    key: strOrNull,
    value: fig,
    numerator: fig,
    denominator: fig,
    unit: UNIT,
    flags: strs,
    label: str,
    outlier: bool,
    youth: str,
    youths: fig,
    hiddenWhenPublished: bool,
    // budget_by_programme's amounts beside its percentage (budget_burn's remaining too)
    budget: fig,
    reserve: fig,
    budgetWithReserve: fig,
    realised: fig,
    remaining: fig,
  },
  ['indicator', 'gemeente', 'period', 'by', 'key', 'value', 'unit', 'flags'],
);

export const DEFINITIONS = arrayOf(DEFINITION);

export const PERIODS: Schema = obj({
  dataStart: strOrNull,
  dataEnd: str,
  defaultPeriod: str,
  halfYears: arrayOf(LABELLED),
  years: arrayOf(LABELLED),
  quarters: arrayOf(LABELLED),
  months: arrayOf(LABELLED),
});

const CHECK = open({ id: str, status: str }, []);
export const QUALITY = arrayOf(obj({ gemeente: str, period: str, checks: arrayOf(CHECK) }));

export const INDICATOR_VALUES: Schema = obj({
  definition: DEFINITION,
  disclosureControl: bool,
  /** the day whose data the figures are computed from (standVan), or null: everything there is now */
  standVan: strOrNull,
  rows: arrayOf(ROW),
  quality: arrayOf(open({ gemeente: str, period: str })),
});

export const ME: Schema = obj({
  username: str,
  displayName: str,
  role: str,
  roleLabel: str,
  gemeenten: arrayOf(obj({ code: str, name: str, demo: bool })),
  team: { type: ['object', 'null'], required: ['gemeente', 'code'], properties: { gemeente: str, code: str } },
  provider: strOrNull,
  mfaPassed: bool,
  demo: bool,
  published: bool,
  permissions: {
    type: 'object',
    additionalProperties: bool,
    required: [
      'aggregates',
      'money',
      'person_level',
      'narrative_write',
      'import',
      'users',
      'audit',
      'contracts',
      'register',
      'social_map_write',
      'evaluations',
    ],
  },
});

export const LOGIN: Schema = obj({ ok: { type: 'boolean', const: true }, idleMinutes: int });
export const OIDC_CONFIG: Schema = obj({ enabled: bool, label: strOrNull });

export const NARRATIVE: Schema = open(
  {
    id: fig,
    gemeente: str,
    indicator: strOrNull,
    period: strOrNull,
    periodLabel: strOrNull,
    subjectKind: { type: 'string', enum: ['indicator', 'aanbieder', 'product', 'thema'] },
    subjectKey: strOrNull,
    subjectLabel: strOrNull,
    scopeKind: str,
    scopeKey: strOrNull,
    author: str,
    createdAt: { type: 'string', format: 'date-time' },
    body: str,
    valueSnapshot: { type: ['object', 'null'] },
    visibility: { type: 'string', enum: ['intern', 'extern'] },
    source: { type: 'string', enum: ['duiding', 'client', 'professional'] },
    consent: bool,
  },
  ['id', 'gemeente', 'indicator', 'period', 'author', 'createdAt', 'body', 'visibility', 'source'],
);
export const NARRATIVES = arrayOf(NARRATIVE);
export const NARRATIVE_MADE: Schema = obj({
  id: fig,
  createdAt: { type: 'string', format: 'date-time' },
  valueSnapshot: { type: ['object', 'null'] },
});

export const CREATED_ID: Schema = obj({ id: fig });

export const GOALS = arrayOf(
  open(
    {
      id: fig,
      gemeente: str,
      indicator: str,
      title: str,
      target: fig,
      baseline: fig,
      baselinePeriod: strOrNull,
      deadline: str,
      owner: strOrNull,
      series: arrayOf(obj({ period: str, value: fig })),
      evaluation: open(),
      rule: str,
      split: { type: ['object', 'null'] },
      measure: open(),
    },
    ['id', 'gemeente', 'indicator', 'title', 'target', 'deadline', 'series', 'evaluation'],
  ),
);

export const BENCHMARK: Schema = open(
  {
    gemeente: str,
    name: str,
    reference: open({ nl: str, en: str, members: fig }),
    period: strOrNull,
    basePeriod: str,
    year: fig,
    baseYear: fig,
    flags: strs,
    rows: arrayOf(open()),
    models: arrayOf(open()),
    scatter: arrayOf(open()),
    missingFigures: strs,
    mappingFrom: str,
    halfYears: strs,
    years: arrayOf(fig),
  },
  ['gemeente', 'name', 'reference', 'rows', 'models', 'scatter'],
);

export const BUSINESS_CASES = arrayOf(
  open(
    {
      spec: open({ id: fig, gemeente: str, title: str }, ['id', 'gemeente', 'title']),
      lines: arrayOf(open()),
      growth: fig,
      budgetNeutralYear: fig,
      breakEvenYear: fig,
      totalInvestmentCents: fig,
      investedSoFarCents: fig,
      totalSavingsCents: fig,
      problems: strs,
      methodNl: str,
      methodEn: str,
    },
    ['spec', 'lines', 'problems'],
  ),
);

export const CARE_FORMS: Schema = obj({
  region: str,
  careForms: arrayOf(obj({ id: str, nl: str, en: str })),
  careLevels: arrayOf(str),
  rows: arrayOf(
    open({ productCategory: str, name: str, careForm: str, careLevel: strOrNull }, ['productCategory', 'careForm']),
  ),
});
export const CARE_FORM_SET: Schema = obj({ region: str, productCategory: str, careForm: str, careLevel: strOrNull });
export const NORMS: Schema = obj({
  region: str,
  norms: arrayOf(
    open({ key: str, nl: str, en: str, unit: str, min: fig, max: fig, default: fig, value: fig, own: bool }, [
      'key',
      'nl',
      'en',
      'unit',
      'value',
      'own',
    ]),
  ),
});
export const NORM_SET: Schema = obj({ region: str, key: str, value: num });

const CELL = { type: ['string', 'number', 'null'] };
const TABLE = open(
  {
    columns: arrayOf(open({ key: str, label: str, labelEn: str, unit: str }, ['key', 'label', 'unit'])),
    rows: arrayOf(arrayOf(CELL)),
  },
  ['columns', 'rows'],
);
export const PRODUCT_CODES: Schema = obj({
  from: str,
  to: str,
  gemeenten: strs,
  productCode: strOrNull,
  disclosureControl: bool,
  table: TABLE,
});
export const MONTH_OVERVIEW: Schema = open(
  {
    year: fig,
    month: fig,
    lastMonth: fig,
    disclosureControl: bool,
    table: TABLE,
    clients: { anyOf: [TABLE, { type: 'null' }] },
  },
  ['year', 'month', 'lastMonth', 'disclosureControl', 'table', 'clients'],
);

export const TRAJECTORIES = arrayOf(
  obj({
    gemeente: str,
    trajectory: str,
    youth: str,
    provider: strOrNull,
    productCategory: str,
    team: strOrNull,
    start: strOrNull,
    end: strOrNull,
    endReason: strOrNull,
  }),
);
export const TRAJECTORY_SOURCES: Schema = obj({
  gemeente: str,
  trajectory: str,
  youth: str,
  sources: arrayOf(
    obj({
      what: str,
      ref: strOrNull,
      // the import run's number; for a provider the disclosure step treats it as a count (rounded, <10 null)
      run: fig,
      recordType: str,
      importedAt: str,
      file: str,
      sha256: str,
    }),
  ),
});

export const IMPORT_RUNS = arrayOf(
  open(
    {
      id: int,
      file_name: strOrNull,
      record_type: str,
      status: str,
      started_at: { type: 'string', format: 'date-time' },
      rows_read: int,
      rows_accepted: int,
      rows_rejected: int,
      quarantined: int,
      messages: int,
    },
    ['id', 'record_type', 'status', 'started_at', 'rows_read', 'rows_accepted', 'rows_rejected'],
  ),
);
export const FILE_REPORT: Schema = open(
  {
    file: str,
    sha256: strOrNull,
    recordType: strOrNull,
    status: { type: 'string', enum: ['committed', 'rejected', 'unchanged', 'dry-run'] },
    rowsRead: int,
    rowsAccepted: int,
    rowsRejected: int,
    problems: arrayOf(obj({ line: int, column: strOrNull, value: strOrNull, code: str, nl: str, en: str })),
    problemsTotal: int,
    // what was done to accepted rows without refusing them (an amount rounded to whole cents)
    notices: arrayOf(obj({ code: str, column: strOrNull, nl: str, en: str, count: int, lines: arrayOf(int) })),
    runId: intOrNull,
  },
  ['file', 'status', 'rowsRead', 'rowsAccepted', 'rowsRejected', 'problems', 'problemsTotal'],
);
export const IMPORT_REPORTS: Schema = obj({ reports: arrayOf(FILE_REPORT) });
export const PROFILES: Schema = obj({
  profiles: arrayOf(open()),
  recordTypes: arrayOf(obj({ id: str, columns: arrayOf(obj({ name: str, required: bool })) })),
});
export const PROFILE_SAVED: Schema = obj({ naam: str });
export const QUARANTINE = arrayOf(
  open(
    {
      id: int,
      gemeente_code: strOrNull,
      run: int,
      source_ref: strOrNull,
      record: open(),
      errors: {},
      status: str,
      resolved_by_run: intOrNull,
    },
    ['id', 'run', 'record', 'status'],
  ),
);

export const USERS: Schema = obj({
  users: arrayOf(
    open(
      {
        username: str,
        displayName: str,
        role: str,
        disabled: bool,
        locked: bool,
        totp: bool,
        scopes: arrayOf(obj({ kind: str, key: str })),
      },
      ['username', 'displayName', 'role', 'disabled', 'scopes'],
    ),
  ),
  roles: arrayOf(obj({ role: str, label: str })),
});
export const USER_MADE: Schema = obj({ username: str, totpSecret: strOrNull });
export const AUDIT_ENTRIES = arrayOf(
  obj({
    seq: int,
    at: str,
    event: str,
    username: strOrNull,
    role: strOrNull,
    onBehalfOf: strOrNull,
    scope: strOrNull,
    subjects: strs,
    query: strOrNull,
    purpose: strOrNull,
    outcome: str,
    origin: strOrNull,
    prevHash: str,
    hash: str,
  }),
);
export const AUDIT_VERIFY: Schema = open(
  {
    entries: int,
    ok: bool,
    problems: strs,
    headHash: str,
    outsideHead: obj({ file: str, seq: int, hash: str, ok: bool }),
    notes: strs,
  },
  ['entries', 'ok', 'problems', 'headHash'],
);

export const REPORT_KINDS = arrayOf(
  obj({
    id: { type: 'string', enum: ['maand', 'raad', 'aanbieder'] },
    nameNl: str,
    nameEn: str,
    period: { type: 'string', enum: ['month', 'quarter', 'half', 'year'] },
    forProvider: bool,
  }),
);
export const REPORT_SCHEDULES = arrayOf(
  open(
    {
      name: str,
      kind: str,
      gemeente: str,
      aanbieder: str,
      extern: bool,
      format: { type: 'string', enum: ['pdf', 'xlsx'] },
      from: str,
      produced: strs,
      files: arrayOf(obj({ period: str, url: str })),
    },
    ['name', 'kind', 'gemeente', 'extern', 'format', 'from', 'produced', 'files'],
  ),
);
export const SCHEDULE_SAVED: Schema = obj({ name: str, from: str });
export const SCHEDULE_RUN: Schema = obj({ made: strs });
export const PROVIDERS = arrayOf(open({ agb: str, name: strOrNull, trajectories: fig }, ['agb', 'name']));
/** The report model as JSON (format=json): the same sections the PDF and Excel lay out. */
export const REPORT_MODEL: Schema = open(
  {
    kind: str,
    title: str,
    subtitle: str,
    demo: bool,
    extern: bool,
    generatedAt: str,
    empty: bool,
    keyMessages: strs,
    sections: arrayOf(open()),
    definitions: arrayOf(open()),
    sources: strs,
  },
  ['kind', 'title', 'sections', 'definitions', 'sources'],
);

export const MEDIA_PDF = 'application/pdf';
export const MEDIA_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MEDIA_CSV = 'text/csv';

/** The contract register (issue 19, app/contractRegister.ts): one contract; figures may be null (disclosure). */
const DATE = { type: 'string', format: 'date' } as const;
const dateOrNull = { type: ['string', 'null'], format: 'date' } as const;
export const CONTRACT: Schema = obj({
  id: str,
  name: strOrNull,
  providers: arrayOf(obj({ agb: str, name: strOrNull })),
  consortium: strOrNull,
  perceel: strOrNull,
  financingForm: {
    type: 'string',
    enum: ['inspanningsgericht', 'outputgericht', 'taakgericht', 'resultaat', 'pgb', 'subsidie'],
  },
  financingFormNl: str,
  financingFormEn: str,
  trancheRuleNl: strOrNull,
  productCategories: strs,
  productCodes: strs,
  parties: strs,
  gemeenten: strs,
  complete: bool,
  term: obj({
    start: DATE,
    initialEnd: DATE,
    currentEnd: DATE,
    maxEnd: DATE,
    extensions: str,
    extensionsUsed: int,
    extensionsLeft: int,
  }),
  nextDecisionDate: dateOrNull,
  nextEvaluationDate: dateOrNull,
  contractYear: obj({ from: DATE, to: DATE }),
  ceilingCents: fig,
  use: obj({ claimsCents: fig, paymentsCents: fig, totalCents: fig, pct: fig }),
  youthsRunning: fig,
  endsSoon: bool,
  warning: bool,
});
export const CONTRACT_REGISTER: Schema = obj({ referenceDate: DATE, gemeenten: strs, contracts: arrayOf(CONTRACT) });
export const CONTRACT_DETAIL: Schema = obj({
  ...(CONTRACT.properties as Schema),
  referenceDate: DATE,
});

/** An agreement of the quarterly talk with a provider (app/agreements.ts). */
export const AGREEMENT: Schema = obj({
  id: int,
  gemeente: str,
  provider: str,
  quarter: str,
  body: str,
  owner: strOrNull,
  dueDate: dateOrNull,
  status: { type: 'string', enum: ['open', 'afgerond', 'vervallen'] },
  statusNote: strOrNull,
  createdBy: strOrNull,
  createdAt: { type: 'string', format: 'date-time' },
  history: arrayOf(
    obj({
      status: { type: 'string', enum: ['open', 'afgerond', 'vervallen'] },
      note: strOrNull,
      by: strOrNull,
      at: { type: 'string', format: 'date-time' },
    }),
  ),
});
export const TALK_AGREEMENTS: Schema = obj({ current: arrayOf(AGREEMENT), earlier: arrayOf(AGREEMENT) });

/** A provider marked as stopping in a gemeente (issue 19, app/providerExit.ts), with its history. */
const EXIT_REASON = { type: 'string', enum: ['faillissement', 'contract_beeindigd', 'aanbieder_stopt', 'anders'] };
const EXIT_FIELDS: Schema = {
  gemeente: str,
  provider: str,
  endDate: DATE,
  reason: EXIT_REASON,
  note: strOrNull,
  status: { type: 'string', enum: ['actief', 'ingetrokken'] },
  markedOn: DATE,
  createdBy: strOrNull,
  createdAt: { type: 'string', format: 'date-time' },
  history: arrayOf(
    obj({
      action: { type: 'string', enum: ['gemeld', 'gewijzigd', 'ingetrokken'] },
      endDate: DATE,
      reason: EXIT_REASON,
      note: strOrNull,
      by: strOrNull,
      at: { type: 'string', format: 'date-time' },
    }),
  ),
};
export const PROVIDER_EXIT: Schema = obj(EXIT_FIELDS);

/** A liaison position (app/liaison.ts): no personal data; hours per week a setting (published as it is). */
export const LIAISON_POSITION: Schema = obj({
  gemeente: str,
  id: str,
  kind: str,
  kindNl: str,
  locationKind: { type: 'string', enum: ['huisartsenpraktijk', 'school'] },
  locationId: str,
  locationName: str,
  hoursPerWeek: num,
  start: DATE,
  end: { type: ['string', 'null'] },
  source: { type: 'string', enum: ['import', 'api'] },
});
export const LIAISON_POSITIONS: Schema = obj({ positions: arrayOf(LIAISON_POSITION) });
/** A count of the view: exact, or published ("<10" hidden, null when the disclosure step hid it). */
const EXIT_COUNT = { type: ['integer', 'string', 'null'] };
export const EXIT_OVERVIEW: Schema = obj({
  referenceDate: DATE,
  transferWindowDays: int,
  exits: arrayOf(
    obj({
      ...EXIT_FIELDS,
      providerName: strOrNull,
      reasonNl: str,
      reasonEn: str,
      counts: {
        type: ['object', 'null'],
        required: ['affected', 'transferred', 'endedWithoutTransfer', 'openAfterEnd', 'notYetTransferred'],
        properties: {
          affected: EXIT_COUNT,
          transferred: EXIT_COUNT,
          endedWithoutTransfer: EXIT_COUNT,
          openAfterEnd: EXIT_COUNT,
          notYetTransferred: EXIT_COUNT,
        },
      },
      alarm: bool,
    }),
  ),
});
const TRANSFER_STATUS = {
  type: 'string',
  enum: ['overgedragen', 'beeindigd_zonder_overdracht', 'open_na_einddatum', 'nog_over_te_dragen'],
};
export const EXIT_TRAJECTORIES: Schema = obj({
  referenceDate: DATE,
  gemeente: str,
  provider: str,
  trajectories: arrayOf(
    obj({
      trajectory: str,
      youth: str,
      productCategory: str,
      productNl: str,
      productCode: strOrNull,
      team: strOrNull,
      start: DATE,
      end: dateOrNull,
      status: TRANSFER_STATUS,
      statusNl: str,
      statusEn: str,
      transferStart: dateOrNull,
      transferProvider: strOrNull,
      transferProviderName: strOrNull,
    }),
  ),
});

// the pilot and project register (issue 21, app/pilots.ts)
const PILOT_EVALUATION = obj({ planned: str, outcome: strOrNull, decidedOn: strOrNull, decision: strOrNull });
const PILOT = open(
  {
    id: fig,
    gemeente: str,
    name: str,
    description: strOrNull,
    budgetSource: str,
    budget: fig,
    start: str,
    end: str,
    owner: str,
    goals: GOALS,
    evaluations: arrayOf(PILOT_EVALUATION),
    stories: arrayOf(obj({ id: fig, body: str, createdAt: str })),
    businessCases: arrayOf(obj({ id: fig, title: str })),
    status: obj({ phase: str, onTrack: bool, overdue: strs, reasonsNl: strs }),
  },
  ['id', 'gemeente', 'name', 'budgetSource', 'budget', 'start', 'end', 'owner', 'goals', 'evaluations', 'status'],
);
export const PILOTS: Schema = obj({
  peildatum: str,
  rule: str,
  summary: arrayOf(obj({ gemeente: str, runningPilots: fig, pilotsOnTrack: fig, sharePilotsOnTrack: fig })),
  pilots: arrayOf(PILOT),
});

/** Overdue evaluations of running trajectories (issue 21, app/evaluations.ts): pseudonymous, no youth, no name. */
export const OVERDUE_EVALUATIONS: Schema = obj({
  asOf: str,
  rows: arrayOf(
    obj({
      gemeente: str,
      trajectory: str,
      team: strOrNull,
      productCategory: str,
      productCode: strOrNull,
      planned: str,
      daysOverdue: int,
      overdue: int,
      origin: { type: 'string', enum: ['vastgelegd', 'afgeleid'] },
    }),
  ),
});

export const EVALUATION_SAVED: Schema = obj({ gemeente: str, traject: str, geplandeDatum: DATE });

export const EVALUATION_RHYTHM: Schema = obj({
  gemeente: str,
  defaultRhythmMonths: int,
  settings: arrayOf(obj({ productCategory: str, productCode: str, rhythmMonths: int })),
});

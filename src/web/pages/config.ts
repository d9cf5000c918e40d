/** The dashboard pages as lists of indicator panels; special pages have their own component. */
export interface PanelSpec {
  id: string;
  by?: string;
}
export interface PageSpec {
  path: string;
  nl: string;
  en: string;
  introNl: string;
  introEn: string;
  panels?: PanelSpec[];
  special?:
    | 'verhalen'
    | 'trajecten'
    | 'data'
    | 'beheer'
    | 'doelen'
    | 'rapporten'
    | 'vergelijken'
    | 'businesscases'
    | 'kwartaalgesprek'
    // issue 16.4/16.5 (h/product)
    | 'productcodes'
    | 'maandoverzicht';
  needs?: 'person_level' | 'import' | 'users' | 'money';
}

export const PAGES: PageSpec[] = [
  {
    path: '/overzicht',
    nl: 'Overzicht',
    en: 'Overview',
    introNl: 'De kerncijfers per gemeente met hun verloop.',
    introEn: 'Headline figures per municipality with their trend.',
    panels: [
      { id: 'pct_youth_in_care' },
      { id: 'youth_in_care', by: 'zorgvorm' },
      { id: 'trajectories_started' },
      { id: 'cost_per_youth' },
      { id: 'budget_burn' },
    ],
  },
  {
    path: '/gebruik',
    nl: 'Gebruik en stroom',
    en: 'Use and flow',
    introNl: 'Hoeveel jeugdigen krijgen jeugdhulp (ook naar leeftijd en wijk), wie komt erbij, wie stopt, en hoe lang.',
    introEn: 'How many youths are in care, who comes in, who leaves, and for how long.',
    panels: [
      { id: 'youth_in_care', by: 'zorgvorm' },
      { id: 'pct_youth_in_care', by: 'leeftijd' },
      { id: 'pct_youth_in_care', by: 'wijk' },
      { id: 'stock_bridge', by: 'post' },
      { id: 'inflow_youth' },
      { id: 'reentry_youth' },
      { id: 'outflow_youth' },
      { id: 'stock_youth' },
      { id: 'stacking', by: 'aantal_voorzieningen' },
      { id: 'duration', by: 'statistiek' },
      { id: 'long_running' },
      { id: 'intensity_mix', by: 'intensiteit' },
      { id: 'basic_support_reach' },
    ],
  },
  {
    path: '/verwijzers',
    nl: 'Verwijzers',
    en: 'Referrers',
    introNl: 'Wie verwijst naar jeugdhulp; kies een type verwijzer om per huisartsenpraktijk of school te kijken.',
    introEn: 'Who refers to youth care; choose a referrer type to see GP practices or schools.',
    panels: [{ id: 'referrer_mix', by: 'verwijzer' }, { id: 'specialist_referral_rate' }],
  },
  {
    path: '/zorgpaden',
    nl: 'Zorgpaden',
    en: 'Care paths',
    introNl: 'Overgangen tussen vormen van hulp, op- en afschaling en herinstroom.',
    introEn: 'Transitions between forms of care, step-up and step-down, re-entry.',
    panels: [
      { id: 'care_paths', by: 'overgang' },
      { id: 'step_up_down', by: 'richting' },
      { id: 're_entry' },
      { id: 'dropout' },
      { id: 'goal_attainment', by: 'uitkomst' },
    ],
  },
  {
    path: '/aanbieders',
    nl: 'Aanbieders',
    en: 'Providers',
    introNl: 'Prestaties per aanbieder, voor het kwartaalgesprek.',
    introEn: 'Performance per provider, for the quarterly talk.',
    panels: [
      { id: 'cost_total', by: 'aanbieder' },
      { id: 'dropout', by: 'aanbieder' },
      { id: 'goal_attainment', by: 'aanbieder' },
      { id: 'satisfaction', by: 'aanbieder' },
      { id: 'allocations_without_start', by: 'aanbieder' },
    ],
  },
  {
    path: '/kwartaalgesprek',
    nl: 'Kwartaalgesprek',
    en: 'Provider talk',
    introNl:
      'Eén aanbieder naast het regionale beeld, met het verloop over vier kwartalen: hetzelfde als de kwartaalrapportage (PDF en Excel).',
    introEn: 'One provider next to the region, with the trend over four quarters: the same as the quarterly report.',
    special: 'kwartaalgesprek',
  },
  {
    path: '/geld',
    nl: 'Geld',
    en: 'Money',
    introNl: 'Kosten, budgetuitputting, de prognose voor het jaar en de duurste trajecten.',
    introEn: 'Costs, budget burn, the year-end forecast and the most expensive trajectories.',
    needs: 'money',
    panels: [
      { id: 'cost_total' },
      { id: 'cost_total', by: 'productcategorie' },
      { id: 'cost_per_client' },
      { id: 'cost_per_inhabitant' },
      { id: 'budget_burn' },
      { id: 'forecast_year_end' },
      { id: 'effective_price', by: 'productcode' },
      { id: 'top_cost_trajectories', by: 'traject' },
      { id: 'cost_reconciliation', by: 'post' },
    ],
  },
  {
    path: '/wachttijden',
    nl: 'Wachttijden en keten',
    en: 'Waiting and chain',
    introNl: 'Wachttijden, tijdigheid van berichten, toewijzingen zonder start en declaraties zonder toewijzing.',
    introEn: 'Waiting times, message timeliness, allocations without start and claims without allocation.',
    panels: [
      { id: 'wait_request_to_allocation', by: 'statistiek' },
      { id: 'wait_allocation_to_start', by: 'statistiek' },
      { id: 'message_timeliness', by: 'bericht' },
      { id: 'message_rejections', by: 'bericht' },
      { id: 'allocations_without_start' },
      { id: 'claims_without_allocation', by: 'reden' },
    ],
  },
  {
    path: '/vergelijken',
    nl: 'Vergelijken',
    en: 'Benchmark',
    introNl:
      'De gemeente naast vergelijkbare gemeenten (CBS en Iv3, zoals in de Verwey-Jonker-tabellen), en of zij meer of minder jeugdhulp gebruikt dan haar bevolking doet verwachten.',
    introEn:
      'The gemeente next to comparable gemeenten (CBS and Iv3, as in the Verwey-Jonker tables), and whether it uses more or less youth care than its population predicts.',
    special: 'vergelijken',
  },
  {
    path: '/businesscases',
    nl: 'Business cases',
    en: 'Business cases',
    introNl:
      'Investeringen (zoals een jeugd- en gezinsteam) tegen de besparing op de zorg die zij vervangen: basispad, gerealiseerde kosten, budgetneutraal en terugverdiend.',
    introEn: 'Investments (such as a youth and family team) against the savings on the care they replace.',
    special: 'businesscases',
    needs: 'money',
  },
  {
    path: '/doelen',
    nl: 'Doelen',
    en: 'Goals',
    introNl:
      'De doelen van de gemeente met hun status: op koers, aandacht of achter, berekend uit de trend van de laatste vier halfjaren.',
    introEn: 'Goals with their status, computed from the trend of the last four half-years.',
    special: 'doelen',
  },
  {
    path: '/verhalen',
    nl: 'Verhalen',
    en: 'Stories',
    introNl: 'Alle duidingen en verhalen bij de cijfers: zoeken en filteren.',
    introEn: 'All explanations and stories: search and filter.',
    special: 'verhalen',
  },
  {
    path: '/rapporten',
    nl: 'Rapporten',
    en: 'Reports',
    introNl:
      'De maandrapportage, de raadsrapportage en de kwartaalrapportage per aanbieder als PDF en Excel, met dezelfde cijfers als het dashboard.',
    introEn: 'Monthly, council and provider reports as PDF and Excel, with the dashboard figures.',
    special: 'rapporten',
  },
  // issue 16.4/16.5 (h/product): per productcode and per month
  {
    path: '/productcodes',
    nl: 'Per productcode',
    en: 'Per product code',
    introNl:
      'Per productcode en productcategorie over de laatste drie jaar: kinderen, trajecten, duur, kosten, verwijzers en aanbieders; kies een productcode voor de aanbieders.',
    introEn:
      'Per product code and category over the last three years: children, trajectories, duration, cost, referrers and providers; choose a code for its providers.',
    special: 'productcodes',
  },
  {
    path: '/maandoverzicht',
    nl: 'Per maand',
    en: 'Per month',
    introNl:
      'Maand voor maand per gemeente en team: jeugdigen in zorg, kosten deze maand en dit jaar, budget gebruikt en over.',
    introEn:
      'Month by month per gemeente and team: youths in care, cost this month and this year, budget used and left.',
    special: 'maandoverzicht',
    needs: 'money',
  },
  {
    path: '/trajecten',
    nl: 'Trajecten',
    en: 'Trajectories',
    introNl: 'Trajecten op persoonsniveau (gepseudonimiseerd) binnen uw scope. Elke opvraging wordt gelogd.',
    introEn: 'Person-level trajectories (pseudonymised) within your scope. Every request is logged.',
    special: 'trajecten',
    needs: 'person_level',
  },
  {
    path: '/data',
    nl: 'Data',
    en: 'Data',
    introNl: 'Ingelezen bestanden met hun rapport, quarantaine en nieuwe bestanden inlezen.',
    introEn: 'Imported files with their reports, quarantine, and importing new files.',
    special: 'data',
    needs: 'import',
  },
  {
    path: '/beheer',
    nl: 'Beheer',
    en: 'Administration',
    introNl: 'Accounts, rollen en scopes, en het toegangslog.',
    introEn: 'Accounts, roles and scopes, and the access log.',
    special: 'beheer',
    needs: 'users',
  },
];

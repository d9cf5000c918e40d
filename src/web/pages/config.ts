/**
 * The dashboard pages, in menu order: the one place to add a page (docs/architecture.md, "Where to add a
 * page"). A page is a list of indicator panels, or a component of its own.
 */
import type { ReactNode } from 'react';
import { AdminPage } from './Admin.js';
import { BenchmarkPage } from './Benchmark.js';
import { BudgetProgrammePage } from './BudgetProgramme.js';
import { BusinessCasesPage } from './BusinessCases.js';
import { ContractsPage } from './Contracts.js';
import { DataPage } from './Data.js';
import { EvaluationsPage } from './Evaluations.js';
import { GoalsPage } from './Goals.js';
import { PilotsPage } from './Pilots.js';
import { LiaisonPage } from './Liaison.js';
import { MonthOverviewPage } from './MonthOverview.js';
import { ProductCodesPage } from './ProductCodes.js';
import { ProviderTalkPage } from './ProviderTalk.js';
import { ReportsPage } from './Reports.js';
import { SocialMapPage } from './SocialMap.js';
import { StoriesPage } from './Stories.js';
import { TrajectoriesPage } from './Trajectories.js';

import type { PageProps } from './pageProps.js';
export type { PageProps } from './pageProps.js';

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
  /** a page of its own: rendered below the heading and the filters */
  component?: (props: PageProps) => ReactNode;
  /** the filters above the page: gemeente and period (default), only the gemeente, or none */
  filters?: 'gemeente' | 'none';
  needs?: 'person_level' | 'import' | 'users' | 'money' | 'contracts' | 'register' | 'evaluations';
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
    introNl:
      'Hoeveel jeugdigen krijgen jeugdhulp (ook naar leeftijd en wijk), wie komt erbij, wie stopt, en hoe lang; kies bij een figuur een splitsing, zoals zorgvorm of wijk.',
    introEn:
      'How many youths are in care, who comes in, who leaves, and for how long; choose a split for a figure, such as care form or district.',
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
      { id: 'outflow_youth', by: 'zorgvorm' },
      { id: 'duration', by: 'statistiek' },
      { id: 'duration', by: 'zorgvorm' },
      { id: 'long_running' },
      { id: 'intensity_mix', by: 'intensiteit' },
      { id: 'basic_support_reach' },
      // the voorkant (issue 21): the youths 0–17 in four groups, and the share of the youths helped with basishulp
      { id: 'youth_segments', by: 'groep' },
      { id: 'first_line_share' },
      // the 18-/18+ transition (issue 20): verlengde jeugdhulp and what happens at 18
      { id: 'youth_18_22_in_care', by: 'zorgvorm' },
      { id: 'transition_at_18', by: 'uitkomst' },
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
    // liaison positions at GP practices and schools (issue 21): the positions, their reach and the before/after
    path: '/verbindingsfuncties',
    nl: 'Verbindingsfuncties',
    en: 'Liaison positions',
    introNl:
      'POH-jeugd, jeugdconsulenten, gezinscoaches en schoolmaatschappelijk werk bij huisartsenpraktijken en scholen: hoeveel jeugdigen ze met basishulp bereiken, en hoe het verwijspatroon van de praktijk veranderde sinds de start.',
    introEn:
      'Youth practice nurses, youth consultants, family coaches and school social work at GP practices and schools: how many youths they reach with basic support, and how the practice’s referral pattern changed since the start.',
    component: LiaisonPage,
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
    path: '/kwaliteit',
    nl: 'Kwaliteit',
    en: 'Quality',
    introNl:
      'De kwaliteitsmonitor: per aanbieder afgerond volgens plan, blijvend resultaat (geen nieuwe hulp binnen 6 of 12 maanden), ervaringen van cliënten met hun respons, en klachten. Eén aanbieder naast de regio en over vier kwartalen: Kwartaalgesprek.',
    introEn:
      'The quality monitor: per provider completed as planned, lasting outcome (no new care within 6 or 12 months), client experience with its response, and complaints. One provider beside the region: Provider talk.',
    panels: [
      { id: 'completed_as_planned', by: 'aanbieder' },
      { id: 'lasting_outcome', by: 'termijn' },
      { id: 'lasting_outcome', by: 'aanbieder' },
      { id: 'experience_score', by: 'thema' },
      { id: 'experience_score', by: 'aanbieder' },
      { id: 'experience_positive_share', by: 'aanbieder' },
      { id: 'response_rate', by: 'aanbieder' },
      { id: 'complaints_per_1000', by: 'thema' },
      { id: 'complaints_per_1000', by: 'aanbieder' },
    ],
  },
  {
    path: '/kwartaalgesprek',
    nl: 'Kwartaalgesprek',
    en: 'Provider talk',
    introNl:
      'Eén aanbieder naast het regionale beeld, met het verloop over vier kwartalen: hetzelfde als de kwartaalrapportage (PDF en Excel).',
    introEn: 'One provider next to the region, with the trend over four quarters: the same as the quarterly report.',
    component: ProviderTalkPage,
    filters: 'gemeente',
  },
  {
    path: '/geld',
    nl: 'Geld',
    en: 'Money',
    introNl:
      'Kosten in alle financieringsvormen (declaraties, lumpsum, pgb, subsidies), kosten uit declaraties, budgetuitputting, de prognose voor het jaar, de duurste trajecten, de solidariteit in de regio (verdeelsleutel tegen gerealiseerde kosten), het trancheboek van resultaatcontracten, de lumpsum tegen het bediende volume, de kosten per jeugdige in elke financieringsvorm en de begroting per programma met onttrekkingen en toevoegingen aan reserves.',
    introEn:
      'Cost in every financing form (claims, lump sums, pgb, subsidies), cost from claims, budget burn, the year-end forecast, the most expensive trajectories, regional solidarity (the verdeelsleutel against realised cost), the tranche ledger of result-based contracts, the lump sum against the volume served, the cost per youth in every financing form and the budget per programme with reserve draw-downs and additions.',
    needs: 'money',
    panels: [
      { id: 'cost_all_forms', by: 'financieringsvorm' },
      { id: 'cost_total' },
      { id: 'cost_total', by: 'productcategorie' },
      { id: 'cost_per_client' },
      { id: 'cost_per_client', by: 'zorgvorm' },
      { id: 'cost_per_inhabitant' },
      { id: 'budget_burn' },
      { id: 'forecast_year_end' },
      { id: 'effective_price', by: 'productcode' },
      { id: 'top_cost_trajectories', by: 'traject' },
      { id: 'cost_reconciliation', by: 'post' },
      // regional solidarity (issue 19): each gemeente's share under the region's verdeelsleutel against its cost
      { id: 'solidarity_share', by: 'post' },
      // result-based tranches and lump sums against the volume served (issue 19)
      { id: 'tranche_ledger', by: 'status' },
      { id: 'lumpsum_volume', by: 'contract' },
      // every form's cost against the youths it reached, lump sums by the youths their contract served (issue 19)
      { id: 'cost_per_youth_by_form', by: 'financieringsvorm' },
    ],
    // budget against realisation per programme with the reserve mutations (issue 19): a table of six amounts, not
    // one figure per key, so a component of its own below the panels
    component: BudgetProgrammePage,
  },
  {
    path: '/wachttijden',
    nl: 'Wachttijden en keten',
    en: 'Waiting and chain',
    introNl:
      'Wachttijden, van aanvraag tot start zorg en per stap, met de norm als lijn en het cijfer van de regio; tijdigheid van berichten, toewijzingen zonder start en declaraties zonder toewijzing.',
    introEn:
      'Waiting times, from request to start of care and per step, with the norm as a line and the region\u2019s figure; message timeliness, allocations without start and claims without allocation.',
    panels: [
      { id: 'wait_request_to_start', by: 'regio' },
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
    component: BenchmarkPage,
    filters: 'gemeente',
  },
  {
    path: '/businesscases',
    nl: 'Business cases',
    en: 'Business cases',
    introNl:
      'Investeringen (zoals een jeugd- en gezinsteam) tegen de besparing op de zorg die zij vervangen: basispad, gerealiseerde kosten, budgetneutraal en terugverdiend.',
    introEn: 'Investments (such as a youth and family team) against the savings on the care they replace.',
    component: BusinessCasesPage,
    filters: 'gemeente',
    needs: 'money',
  },
  {
    path: '/pilots',
    nl: 'Pilots en projecten',
    en: 'Pilots and projects',
    introNl:
      'Pilots en projecten met hun budget, looptijd, doelen en evaluatiemomenten, en of ze op koers zijn: doelen op koers en geen evaluatie te laat.',
    introEn:
      'Pilots and projects with their budget, horizon, goals and evaluation moments, and whether they are on track: goals on track and no evaluation overdue.',
    component: PilotsPage,
    filters: 'gemeente',
    needs: 'money',
  },
  {
    path: '/doelen',
    nl: 'Doelen',
    en: 'Goals',
    introNl:
      'De doelen van de gemeente met hun status: op koers, aandacht of achter, berekend uit de trend van de laatste vier halfjaren.',
    introEn: 'Goals with their status, computed from the trend of the last four half-years.',
    component: GoalsPage,
  },
  {
    path: '/verhalen',
    nl: 'Verhalen',
    en: 'Stories',
    introNl: 'Alle duidingen en verhalen bij de cijfers: zoeken en filteren.',
    introEn: 'All explanations and stories: search and filter.',
    component: StoriesPage,
  },
  {
    path: '/sociale-kaart',
    nl: 'Sociale kaart',
    en: 'Social map',
    introNl:
      'Hulp zonder beschikking: het preventieve aanbod per gemeente en wijk, om eerst naar te verwijzen. Zoeken en filteren; beheerder en analist houden het bij. Met per categorie jeugdhulp het vrij toegankelijke aanbod in dezelfde thema’s.',
    introEn:
      'Help without a decision: preventive offers per municipality and district, to refer to first. Search and filter; the administrator and the analyst keep it up to date. With, per category of youth care, the open-access offers in the same themes.',
    component: SocialMapPage,
    filters: 'gemeente',
  },
  {
    path: '/rapporten',
    nl: 'Rapporten',
    en: 'Reports',
    introNl:
      'De maandrapportage, de raadsrapportage en de kwartaalrapportage per aanbieder als PDF en Excel, met dezelfde cijfers als het dashboard.',
    introEn: 'Monthly, council and provider reports as PDF and Excel, with the dashboard figures.',
    component: ReportsPage,
  },
  // per productcode and per month (seed 003): these pages choose their years themselves
  {
    path: '/productcodes',
    nl: 'Per productcode',
    en: 'Per product code',
    introNl:
      'Per productcode en productcategorie over de laatste drie jaar: kinderen, trajecten, duur, kosten, verwijzers en aanbieders; kies een productcode voor de aanbieders.',
    introEn:
      'Per product code and category over the last three years: children, trajectories, duration, cost, referrers and providers; choose a code for its providers.',
    component: ProductCodesPage,
    filters: 'gemeente',
  },
  {
    path: '/maandoverzicht',
    nl: 'Per maand',
    en: 'Per month',
    introNl:
      'Maand voor maand per gemeente en team: jeugdigen in zorg, kosten deze maand en dit jaar, budget gebruikt en over.',
    introEn:
      'Month by month per gemeente and team: youths in care, cost this month and this year, budget used and left.',
    component: MonthOverviewPage,
    filters: 'gemeente',
    needs: 'money',
  },
  {
    path: '/contracten',
    nl: 'Contracten',
    en: 'Contracts',
    introNl:
      'Het contractregister: per contract de aanbieder, financieringsvorm, looptijd, het volgende beslismoment en het gebruik tegen het jaarplafond, met een waarschuwing als een contract binnen zes maanden eindigt terwijl jeugdigen nog zorg krijgen.',
    introEn:
      'The contract register: per contract the provider, financing form, term, next decision date and use against the yearly ceiling, with a warning when a contract ends within six months while youths are still in care.',
    component: ContractsPage,
    filters: 'gemeente',
    needs: 'contracts',
  },
  {
    path: '/evaluaties',
    nl: 'Evaluaties',
    en: 'Evaluations',
    introNl:
      'Evaluaties na verwijzing: hoeveel evaluatiemomenten op tijd gehouden zijn (uiterlijk 14 dagen na de geplande datum), per team en product, de achterstallige evaluaties van lopende trajecten en een evaluatie vastleggen.',
    introEn:
      'Evaluations after referral: how many evaluation moments were held on time (at most 14 days after the planned date), per team and product, the overdue evaluations of running trajectories, and recording an evaluation.',
    component: EvaluationsPage,
    needs: 'evaluations',
  },
  {
    path: '/trajecten',
    nl: 'Trajecten',
    en: 'Trajectories',
    introNl: 'Trajecten op persoonsniveau (gepseudonimiseerd) binnen uw scope. Elke opvraging wordt gelogd.',
    introEn: 'Person-level trajectories (pseudonymised) within your scope. Every request is logged.',
    component: TrajectoriesPage,
    needs: 'person_level',
  },
  {
    path: '/data',
    nl: 'Data',
    en: 'Data',
    introNl: 'Ingelezen bestanden met hun rapport, quarantaine en nieuwe bestanden inlezen.',
    introEn: 'Imported files with their reports, quarantine, and importing new files.',
    component: DataPage,
    filters: 'none',
    needs: 'import',
  },
  {
    path: '/beheer',
    nl: 'Beheer',
    en: 'Administration',
    introNl: 'Accounts, rollen en scopes, en het toegangslog.',
    introEn: 'Accounts, roles and scopes, and the access log.',
    component: AdminPage,
    filters: 'none',
    needs: 'users',
  },
];

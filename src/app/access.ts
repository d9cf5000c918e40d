/**
 * Who may do what (privacy.md rule 2, need to know). Pure rules over a Principal, used by every
 * route before it touches data; the database then enforces the same scope again with row-level
 * security (store/sql.ts withScope). The authorisation matrix test calls every endpoint as every
 * role, so a change here shows up there.
 */
import type { Scope } from '../store/sql.js';
import type { IndicatorDefinition } from '../indicators/types.js';

export const ROLES = [
  'beheerder',
  'analist',
  'controller',
  'teammanager',
  'contractmanager',
  'aanbieder',
  'bestuur',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  beheerder: 'beheerder (regio)',
  analist: 'analist (gepseudonimiseerde persoonsgegevens)',
  controller: 'controller (geld en totalen)',
  teammanager: 'teammanager (eigen team)',
  contractmanager: 'contractmanager (totalen per aanbieder)',
  aanbieder: 'aanbieder (eigen cliënten en regionale totalen)',
  bestuur: 'bestuur (college/raad: totalen met onthullingsbeheersing)',
};

export type ScopeKind = 'regio' | 'gemeente' | 'team' | 'aanbieder';

export interface Principal {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** gemeenten whose aggregates this user may see (resolved from the scopes) */
  readonly gemeenten: readonly string[];
  /** the team for a teammanager: person-level rows only of this team */
  readonly team: { readonly gemeente: string; readonly code: string } | null;
  /** the provider (AGB) for an aanbieder: person-level rows only of its own clients */
  readonly provider: string | null;
  readonly mfaPassed: boolean;
  /**
   * Set when the caller is a service token (server/auth/bearer.ts), not a person with a session: its
   * name is what the access log shows (`token:<name>`). A token never manages accounts or tokens.
   */
  readonly token?: { readonly id: number; readonly name: string } | undefined;
}

export type Action =
  | 'aggregates' // indicator values
  | 'money' // euro indicators, budgets
  | 'person_level' // pseudonymised records
  | 'narrative_write'
  | 'import' // upload files, see import reports
  | 'users' // manage accounts
  | 'audit' // read the access log
  | 'contracts' // the contract register (issue 19): contracts with their use, per gemeente in scope
  | 'register' // the pilot and project register (issue 21): record and change pilots, their goals and evaluations
  | 'social_map_write' // the sociale kaart (issue 21): create, change and end offers; every role reads
  | 'evaluations'; // evaluation moments after referral (issue 21): enter them, read the rhythm

const ALLOWED: Record<Role, readonly Action[]> = {
  beheerder: [
    'aggregates',
    'money',
    'narrative_write',
    'import',
    'users',
    'audit',
    'register',
    'social_map_write',
    'evaluations',
  ],
  analist: [
    'aggregates',
    'money',
    'person_level',
    'narrative_write',
    'import',
    'register',
    'social_map_write',
    'evaluations',
  ],
  controller: ['aggregates', 'money', 'narrative_write', 'contracts'],
  teammanager: ['aggregates', 'money', 'person_level', 'narrative_write', 'evaluations'],
  contractmanager: ['aggregates', 'money', 'narrative_write', 'contracts'],
  aanbieder: ['aggregates', 'person_level'],
  bestuur: ['aggregates', 'money'],
};

/** Roles that see person-level data must pass the second factor (privacy.md rule 4). */
export function mfaRequired(role: Role): boolean {
  return ALLOWED[role].includes('person_level') || role === 'beheerder';
}

/**
 * What a service token may never do, whatever its role: manage accounts and tokens. A beheerder's token
 * could otherwise make a person account (or another token) for itself: no escalation through a token.
 */
export const NOT_BY_TOKEN: readonly Action[] = ['users'];

export function can(p: Principal, action: Action): boolean {
  if (mfaRequired(p.role) && !p.mfaPassed) return false;
  if (p.token && NOT_BY_TOKEN.includes(action)) return false;
  return ALLOWED[p.role].includes(action);
}

/**
 * May this user see this indicator's figures? Person-level lists only for the analist (who passed the second
 * factor), amounts with the money permission, the rest with aggregates. The indicators route, goals, explanations
 * and the OData feed all ask this one rule.
 */
export function indicatorAllowed(p: Principal, d: IndicatorDefinition): boolean {
  if (d.personLevel) return can(p, 'person_level') && p.role === 'analist';
  if (d.unit === 'euro') return can(p, 'money');
  return can(p, 'aggregates');
}

/**
 * Outputs to these roles leave the circle authorised for person-level data: disclosure control applies. A
 * team-scoped account (teammanager) is inside that circle for its own team only: the gemeente's totals, other teams
 * and the regio it gets as published, like bestuur (red team 11: /indicators, /overview and OData gave a team
 * manager the whole gemeente's exact figures while its council report was already published). `ownTeam`: the route
 * has narrowed the answer to the caller's own team (the month overview, its trajectories, its team report).
 */
export function needsDisclosureControl(p: Principal, ownTeam = false): boolean {
  if (p.role === 'bestuur' || p.role === 'aanbieder') return true;
  return (p.role === 'teammanager' || p.team !== null) && !ownTeam;
}

/** Which of the requested gemeenten the user may see; [] when none. An empty request = all in scope. */
export function allowedGemeenten(p: Principal, requested: readonly string[]): string[] {
  if (requested.length === 0) return [...p.gemeenten];
  return requested.filter((g) => p.gemeenten.includes(g));
}

export function storeScope(p: Principal): Scope {
  return {
    gemeenten: p.gemeenten,
    provider: p.role === 'aanbieder' ? (p.provider ?? '-') : undefined,
    team: p.role === 'teammanager' ? (p.team?.code ?? '-') : undefined,
  };
}

/**
 * Are an account's (or a token's) scopes consistent with its role, all together? Each must fit the role, and a
 * teammanager or aanbieder has exactly one: its person-level rows are narrowed to one team or one provider
 * (Principal.team, Principal.provider), so a second team scope in another gemeente gave the first gemeente's rows
 * of a team with the second's name (red team 26, HIGH). An account per team or provider instead.
 */
export function scopesProblem(role: Role, kinds: readonly ScopeKind[]): { nl: string; en: string } | null {
  for (const kind of kinds) {
    const problem = scopeProblem(role, kind);
    if (problem) return { nl: problem, en: `role ${role} does not fit scope ${kind}` };
  }
  if ((role === 'teammanager' || role === 'aanbieder') && kinds.length !== 1) {
    const what = role === 'teammanager' ? ['team', 'team'] : ['aanbieder', 'provider'];
    return {
      nl: `rol ${role} heeft precies één ${what[0]} als scope (kreeg ${kinds.length}); maak per ${what[0]} een eigen account`,
      en: `role ${role} has exactly one ${what[1]} as its scope (got ${kinds.length}); make an account per ${what[1]}`,
    };
  }
  return null;
}

/** Is a scope assignment consistent with the role? (used by `zicht users` and the Beheer page) */
export function scopeProblem(role: Role, kind: ScopeKind): string | null {
  const fits: Record<Role, readonly ScopeKind[]> = {
    beheerder: ['regio'],
    analist: ['regio', 'gemeente'],
    controller: ['gemeente', 'regio'],
    teammanager: ['team'],
    contractmanager: ['regio', 'gemeente'],
    aanbieder: ['aanbieder'],
    bestuur: ['gemeente', 'regio'],
  };
  return fits[role].includes(kind)
    ? null
    : `rol ${role} past niet bij scope ${kind} (toegestaan: ${fits[role].join(', ')})`;
}

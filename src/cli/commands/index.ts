/**
 * The registry of commands: name → declaration (help, options, run), in the order `zicht help` lists them.
 * A new command is declared beside its code (defineCommand in its commands/*Cmd.ts) and added here.
 */
import type { CommandSpec } from '../options.js';
import { demoSpec } from './demoCmd.js';
import { importSpec } from './importCmd.js';
import { lensSpec } from './lensCmd.js';
import { checkSpec } from './checkCmd.js';
import { indicatorsSpec } from './indicatorsCmd.js';
import { qualitySpec } from './qualityCmd.js';
import { liaisonSpec } from './liaisonCmd.js';
import { serveSpec } from './serveCmd.js';
import { usersSpec } from './usersCmd.js';
import { tokensSpec } from './tokensCmd.js';
import { reportSpec } from './reportCmd.js';
import { auditSpec } from './auditCmd.js';
import { retentionSpec } from './retentionCmd.js';
import { backupSpec, restoreSpec } from './backupCmd.js';
import { benchmarkSpec, cbsSpec } from './benchmarkCmd.js';
import { businesscaseSpec } from './businessCaseCmd.js';
import { pilotsSpec } from './pilotsCmd.js';
import { socialMapSpec } from './socialMapCmd.js';
import { evaluationsSpec } from './evaluationsCmd.js';

const ALL: readonly CommandSpec[] = [
  demoSpec,
  importSpec,
  lensSpec,
  checkSpec,
  indicatorsSpec,
  qualitySpec,
  evaluationsSpec,
  liaisonSpec,
  serveSpec,
  usersSpec,
  tokensSpec,
  reportSpec,
  auditSpec,
  retentionSpec,
  backupSpec,
  restoreSpec,
  benchmarkSpec,
  businesscaseSpec,
  pilotsSpec,
  cbsSpec,
  socialMapSpec,
];

export const REGISTRY: ReadonlyMap<string, CommandSpec> = new Map(ALL.map((c) => [c.name, c]));

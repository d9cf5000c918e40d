/**
 * Who reads a published figure, where it changes what may be published: a team-scoped reader (a team manager) knows
 * its own team's amounts exactly, so a gemeente amount published to it must not give away the rest of the gemeente
 * (gemeente minus own team) where those other teams together hold 1–9 youths (red team 32: the gemeente's cost of a
 * month, € 29.300, minus the team's own € 20.000 gave the other team's 3 youths at € 3.100). The server runs every
 * request of such a reader inside `asReaderOfTeam`; amountCells.ts adds the decision for the rest of the gemeente to
 * the published one, and the lens holder keeps that reader's results apart from everyone else's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ReaderTeam {
  readonly gemeente: string;
  readonly team: string;
}

const current = new AsyncLocalStorage<ReaderTeam>();

/** The team the current request's reader knows exactly, if any. */
export const readerTeam = (): ReaderTeam | undefined => current.getStore();

/** Runs `f` (and everything it starts) as read by a reader of this team. */
export function asReaderOfTeam<T>(team: ReaderTeam, f: () => T): T {
  return current.run(team, f);
}

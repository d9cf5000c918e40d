import type { Definition, Me, Periods } from '../api.js';

/** What a page component gets from the shell (a file of its own so pages need not import the page list). */
export interface PageProps {
  me: Me;
  periods: Periods;
  defs: Definition[];
}

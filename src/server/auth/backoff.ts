/**
 * Back-off after failed log-ins, per (typed user name, client address). A hard account lock that
 * anyone can trigger by typing a name lets any visitor lock out the wethouder, and its different
 * answer tells which names exist. Here a name typed wrongly from one address slows only that
 * address for that name; the owner logging in from elsewhere is not affected, and an unknown name
 * behaves exactly like a known one. Guessing from many addresses is bounded by the per-address rate
 * limit on the log-in routes, the password policy and the argon2 cost per attempt.
 *
 * Kept in memory: a restart forgets it, which costs an attacker nothing he could not get by waiting.
 */
export const FREE_FAILURES = 5;
const FIRST_WAIT_S = 30;
export const MAX_WAIT_S = 15 * 60;
const MAX_ENTRIES = 10_000;

interface Entry {
  failures: number;
  until: number;
  last: number;
}

export class LoginBackoff {
  private readonly entries = new Map<string, Entry>();

  private static key(username: string, address: string): string {
    return `${username}\u0000${address}`;
  }

  /** Seconds this address must still wait before trying this name again (0 = go ahead). */
  waitSeconds(username: string, address: string, nowMs: number): number {
    const e = this.entries.get(LoginBackoff.key(username, address));
    return e && e.until > nowMs ? Math.ceil((e.until - nowMs) / 1000) : 0;
  }

  /** Counts a failure; returns the wait it starts (0 while still within the free failures). */
  fail(username: string, address: string, nowMs: number): number {
    const k = LoginBackoff.key(username, address);
    const e = this.entries.get(k) ?? { failures: 0, until: 0, last: nowMs };
    e.failures++;
    e.last = nowMs;
    const over = e.failures - FREE_FAILURES;
    const wait = over >= 0 ? Math.min(FIRST_WAIT_S * 2 ** over, MAX_WAIT_S) : 0;
    e.until = wait > 0 ? nowMs + wait * 1000 : 0;
    this.entries.delete(k); // re-insert: the map's order is then least recently failed first
    this.entries.set(k, e);
    if (this.entries.size > MAX_ENTRIES) this.prune(nowMs);
    return wait;
  }

  succeed(username: string, address: string): void {
    this.entries.delete(LoginBackoff.key(username, address));
  }

  private prune(nowMs: number): void {
    for (const [k, e] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES * 0.9) break;
      // oldest first; an entry still waiting is kept unless the table is full of them
      if (e.until <= nowMs || nowMs - e.last > MAX_WAIT_S * 1000) this.entries.delete(k);
    }
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The answers of /stoppende-aanbieders (server/routes/providerExits.ts) as the web app reads them. */
export type Cell = number | string | null;
export interface ExitCounts {
  affected: Cell;
  transferred: Cell;
  endedWithoutTransfer: Cell;
  openAfterEnd: Cell;
  notYetTransferred: Cell;
}
export type ExitReason = 'faillissement' | 'contract_beeindigd' | 'aanbieder_stopt' | 'anders';
export interface ProviderExit {
  gemeente: string;
  provider: string;
  providerName: string | null;
  endDate: string;
  reason: ExitReason;
  reasonNl: string;
  reasonEn: string;
  note: string | null;
  status: 'actief' | 'ingetrokken';
  markedOn: string;
  createdBy: string | null;
  history: Array<{
    action: 'gemeld' | 'gewijzigd' | 'ingetrokken';
    endDate: string;
    reason: ExitReason;
    note: string | null;
    by: string | null;
    at: string;
  }>;
  counts: ExitCounts | null;
  alarm: boolean;
}
export interface ExitOverview {
  referenceDate: string;
  transferWindowDays: number;
  exits: ProviderExit[];
}
export interface ExitTrajectory {
  trajectory: string;
  youth: string;
  productCategory: string;
  productNl: string;
  productCode: string | null;
  team: string | null;
  start: string;
  end: string | null;
  status: string;
  statusNl: string;
  statusEn: string;
  transferStart: string | null;
  transferProvider: string | null;
  transferProviderName: string | null;
}

export const REASONS: ReadonlyArray<[ExitReason, string, string]> = [
  ['faillissement', 'faillissement', 'bankruptcy'],
  ['contract_beeindigd', 'contract beëindigd', 'contract ended'],
  ['aanbieder_stopt', 'aanbieder stopt', 'provider stops'],
  ['anders', 'anders', 'other'],
];

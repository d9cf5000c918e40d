/** A scrollable table container that keyboard users can focus and scroll (WCAG 2.1.1). */
import type { ReactNode } from 'react';

/** `full`: no height limit, for tables whose every row matters together (the benchmark table). */
export function TableWrap({ label, children, full = false }: { label: string; children: ReactNode; full?: boolean }) {
  return (
    <div
      className={`zicht-table-wrap${full ? ' zicht-table-wrap--full' : ''}`}
      role="region"
      aria-label={label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}

/** A scrollable table container that keyboard users can focus and scroll (WCAG 2.1.1). */
import type { ReactNode } from 'react';

export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return <div className="zicht-table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

import { useEffect, useRef, useState } from 'react';
import { Select } from '@utrecht/component-library-react';

/**
 * A select that applies its choice on commit: a pick with the mouse applies at once, but arrow keys
 * only move the choice (a native select fires "change" on every arrow key, and each one reloaded
 * the page's figures); Enter or leaving the field applies it.
 */
export function CommitSelect({
  id,
  value,
  onCommit,
  hint,
  children,
}: {
  id: string;
  value: string;
  onCommit: (v: string) => void;
  hint: string;
  children: React.ReactNode;
}) {
  const [draft, setDraft] = useState(value);
  const keyed = useRef(false);
  useEffect(() => setDraft(value), [value]);
  const commit = (v: string) => {
    if (v !== value) onCommit(v);
  };
  return (
    <>
      <Select
        id={id}
        value={draft}
        aria-describedby={`${id}-hint`}
        onKeyDown={(e: React.KeyboardEvent<HTMLSelectElement>) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(draft);
          }
          keyed.current = e.key !== 'Enter' && e.key !== 'Tab';
        }}
        onMouseDown={() => {
          keyed.current = false;
        }}
        onChange={(e: React.ChangeEvent<HTMLSelectElement>) => {
          setDraft(e.target.value);
          if (!keyed.current) commit(e.target.value);
        }}
        onBlur={() => commit(draft)}
      >
        {children}
      </Select>
      <span id={`${id}-hint`} className="zicht-sr">
        {hint}
      </span>
    </>
  );
}

/**
 * Previous and next page of a long list, with where one is ("Pagina 2 van 31"), as a labelled navigation: the
 * trajectories and a month's clients page the same way.
 */
import { useContext } from 'react';
import { Button } from '@utrecht/component-library-react';
import { LangContext } from '../i18n.js';

export function Pager({
  label,
  current,
  pages,
  onPage,
}: {
  /** the navigation's name, read by a screen reader ("Pagina's van de trajecten") */
  label: string;
  /** the page shown, from 0 */
  current: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  const nl = useContext(LangContext) === 'nl';
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="zicht-toolbar">
      <Button appearance="secondary-action-button" disabled={current === 0} onClick={() => onPage(current - 1)}>
        {nl ? 'Vorige' : 'Previous'}
      </Button>
      <span>{nl ? `Pagina ${current + 1} van ${pages}` : `Page ${current + 1} of ${pages}`}</span>
      <Button appearance="secondary-action-button" disabled={current >= pages - 1} onClick={() => onPage(current + 1)}>
        {nl ? 'Volgende' : 'Next'}
      </Button>
    </nav>
  );
}

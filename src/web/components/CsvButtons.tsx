/**
 * The two downloads of one table: Dutch headers for Excel in a Dutch locale, and English snake_case headers in
 * the ISO form (comma, decimal point) for Power BI and other tools in any locale. Same columns, same order
 * (downloads.ts); a second button rather than a setting, so a BI team gets the file it needs in one click.
 */
import { useContext } from 'react';
import { Button } from '@utrecht/component-library-react';
import { download } from '../format.js';
import { csvFor, csvName, type CsvRow, type DownloadDef, type HeaderLang } from '../downloads.js';
import { LangContext } from '../i18n.js';

export function CsvButtons({
  def,
  file,
  rows,
  only,
  text,
  appearance = 'subtle-button',
}: {
  def: DownloadDef;
  /** the file name (Dutch variant) */
  file: string;
  /** made on click: a large table is not turned into rows on every render */
  rows: () => readonly CsvRow[];
  only?: ReadonlySet<string>;
  /** the text of the Dutch download's button */
  text: string;
  appearance?: 'subtle-button' | 'secondary-action-button';
}) {
  const nl = useContext(LangContext) === 'nl';
  const get = (h: HeaderLang) => download(csvName(file, h), csvFor(def, rows(), h, only));
  return (
    <>
      <Button appearance={appearance} onClick={() => get('nl')}>
        {text}
      </Button>
      <Button
        appearance="subtle-button"
        onClick={() => get('en')}
        title={
          nl
            ? 'Dezelfde kolommen, met Engelse kolomnamen, komma als scheidingsteken en punt als decimaalteken (voor Power BI)'
            : 'The same columns, with English headers, comma separated and a decimal point (for Power BI)'
        }
      >
        {nl ? 'CSV met Engelse kolomnamen (ISO)' : 'CSV with English headers (ISO)'}
      </Button>
    </>
  );
}

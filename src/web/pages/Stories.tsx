/** Verhalen: every explanation and story within the scope, searchable and filterable. */
import { SOURCE_TEXT, VISIBILITY_TEXT } from '../labels.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  FormField,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, type Definition, type Me, type Narrative } from '../api.js';
import { fmtDateTime } from '../format.js';
import { LangContext, useT } from '../i18n.js';
import { param, setParams } from '../url.js';

export function StoriesPage({ me, defs }: { me: Me; defs: Definition[] }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [items, setItems] = useState<Narrative[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = param('q') ?? '';
  const source = param('soort') ?? '';
  const gemeente = param('gemeente') ?? '';
  const [search, setSearch] = useState(q);
  useEffect(() => {
    setItems(null);
    get<Narrative[]>('/narratives', {
      q: q || undefined,
      source: source || undefined,
      gemeente: gemeente || undefined,
    }).then(setItems, (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)));
  }, [q, source, gemeente]);
  const name = (id: string) => {
    const d = defs.find((x) => x.id === id);
    return d ? (lang === 'nl' ? d.nameNl : d.nameEn) : id;
  };
  const gname = (c: string) => me.gemeenten.find((g) => g.code === c)?.name ?? c;
  return (
    <>
      <form
        className="zicht-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: search || undefined });
        }}
      >
        <FormField>
          <FormLabel htmlFor="s-q">{t('search')}</FormLabel>
          <Textbox id="s-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </FormField>
        <FormField>
          <FormLabel htmlFor="s-soort">{t('source')}</FormLabel>
          <Select id="s-soort" value={source} onChange={(e) => setParams({ soort: e.target.value || undefined })}>
            <SelectOption value="">{lang === 'nl' ? 'Alle soorten' : 'All kinds'}</SelectOption>
            <SelectOption value="duiding">{lang === 'nl' ? 'Duiding' : 'Explanation'}</SelectOption>
            <SelectOption value="client">{lang === 'nl' ? 'Verhaal van cliënt' : 'Client story'}</SelectOption>
            <SelectOption value="professional">
              {lang === 'nl' ? 'Verhaal van professional' : 'Professional story'}
            </SelectOption>
          </Select>
        </FormField>
      </form>
      {error && <Alert type="error">{error}</Alert>}
      {items === null && !error && <Paragraph>{t('loading')}</Paragraph>}
      {items?.length === 0 && <Paragraph>{t('noExplanations')}</Paragraph>}
      <ul className="zicht-narrative-list">
        {items?.map((n) => (
          <li key={n.id} className="zicht-narrative">
            <Paragraph>
              <strong>{name(n.indicator)}</strong> · {gname(n.gemeente)} · {n.period}
            </Paragraph>
            <Paragraph>{n.body}</Paragraph>
            <Paragraph small className="zicht-muted">
              {n.author} · {fmtDateTime(n.createdAt, lang)} ·{' '}
              {VISIBILITY_TEXT[n.visibility]?.[lang === 'nl' ? 0 : 1] ?? n.visibility} ·{' '}
              {SOURCE_TEXT[n.source]?.[lang === 'nl' ? 0 : 1] ?? n.source}
            </Paragraph>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Verhalen: every explanation and story within the scope, searchable and filterable, grouped by what it is about —
 * a figure, a provider, a product or a theme (issue 20, the Vertelpunt: clients tell their story in their own way,
 * not only as a note beside a number) — and the form to tell one about a provider, product or theme.
 */
import {
  PRODUCT_CATEGORY_TEXT,
  providerLabel,
  SOURCE_TEXT,
  STORY_SUBJECT_TEXT,
  SUGGESTED_THEMES,
  VISIBILITY_TEXT,
} from '../labels.js';
import { useContext, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Definition, type Me, type Narrative } from '../api.js';
import { fmtDateTime, periodLabel } from '../format.js';
import { LangContext, useT } from '../i18n.js';
import { param, setParams } from '../url.js';

const SUBJECTS = ['indicator', 'aanbieder', 'product', 'thema'] as const;
type Subject = (typeof SUBJECTS)[number];

export function StoriesPage({ me, defs }: { me: Me; defs: Definition[] }) {
  const t = useT();
  const lang = useContext(LangContext);
  const li = lang === 'nl' ? 0 : 1;
  const [items, setItems] = useState<Narrative[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const q = param('q') ?? '';
  const source = param('soort') ?? '';
  const gemeente = param('gemeente') ?? '';
  const subject = param('onderwerp') ?? '';
  const [search, setSearch] = useState(q);
  useEffect(() => {
    setItems(null);
    get<Narrative[]>('/narratives', {
      q: q || undefined,
      source: source || undefined,
      gemeente: gemeente || undefined,
      onderwerp: subject || undefined,
    }).then(setItems, (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)));
  }, [q, source, gemeente, subject, version]);
  const name = (id: string) => {
    const d = defs.find((x) => x.id === id);
    return d ? (lang === 'nl' ? d.nameNl : d.nameEn) : id;
  };
  const gname = (c: string) => me.gemeenten.find((g) => g.code === c)?.name ?? c;
  // one group per subject kind, within it one per subject (a figure, a provider, …), themes alike whatever their case
  const groups = SUBJECTS.map((kind) => {
    const own = (items ?? []).filter((n) => n.subjectKind === kind);
    const bySubject = new Map<string, { title: string; stories: Narrative[] }>();
    for (const n of own) {
      const key = kind === 'indicator' ? (n.indicator ?? '') : (n.subjectKey ?? '').toLowerCase();
      const title = kind === 'indicator' ? name(n.indicator ?? '') : (n.subjectLabel ?? n.subjectKey ?? '');
      const g = bySubject.get(key) ?? { title, stories: [] };
      g.stories.push(n);
      bySubject.set(key, g);
    }
    return { kind, subjects: [...bySubject.values()].sort((a, b) => a.title.localeCompare(b.title, 'nl')) };
  }).filter((g) => g.subjects.length > 0);
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
        <FormField>
          <FormLabel htmlFor="s-onderwerp">{lang === 'nl' ? 'Onderwerp' : 'Subject'}</FormLabel>
          <Select
            id="s-onderwerp"
            value={subject}
            onChange={(e) => setParams({ onderwerp: e.target.value || undefined })}
          >
            <SelectOption value="">{lang === 'nl' ? 'Alle onderwerpen' : 'All subjects'}</SelectOption>
            {SUBJECTS.map((s) => (
              <SelectOption key={s} value={s}>
                {STORY_SUBJECT_TEXT[s]![li]}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </form>
      {me.permissions.narrative_write && !me.team && (
        <StoryForm me={me} onSaved={() => setVersion((v) => v + 1)} gemeente={gemeente || me.gemeenten[0]?.code} />
      )}
      {error && <Alert type="error">{error}</Alert>}
      {items === null && !error && <Paragraph>{t('loading')}</Paragraph>}
      {items?.length === 0 && (
        <Paragraph>
          {lang === 'nl' ? 'Geen duidingen of verhalen gevonden.' : 'No explanations or stories found.'}
        </Paragraph>
      )}
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`verhalen-${g.kind}`}>
          <Heading level={2} id={`verhalen-${g.kind}`}>
            {STORY_SUBJECT_TEXT[g.kind]![li]}
          </Heading>
          {g.subjects.map((s) => (
            <div key={s.title}>
              <Heading level={3}>{s.title}</Heading>
              <ul className="zicht-narrative-list">
                {s.stories.map((n) => (
                  <li key={n.id} className="zicht-narrative">
                    <Paragraph>
                      {gname(n.gemeente)}
                      {n.period && n.periodLabel
                        ? ` · ${periodLabel({ key: n.period, label: n.periodLabel }, lang)}`
                        : ''}
                    </Paragraph>
                    <Paragraph>{n.body}</Paragraph>
                    <Paragraph small className="zicht-muted">
                      {n.author} · {fmtDateTime(n.createdAt, lang)} ·{' '}
                      {VISIBILITY_TEXT[n.visibility]?.[li] ?? n.visibility} · {SOURCE_TEXT[n.source]?.[li] ?? n.source}
                    </Paragraph>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

/** A story about a provider, a product or a theme: closed behind a button until someone wants to tell one. */
function StoryForm({ me, gemeente, onSaved }: { me: Me; gemeente: string | undefined; onSaved: () => void }) {
  const lang = useContext(LangContext);
  const t = useT();
  const li = lang === 'nl' ? 0 : 1;
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Exclude<Subject, 'indicator'>>('thema');
  const [where, setWhere] = useState(gemeente ?? '');
  const [key, setKey] = useState('');
  const [code, setCode] = useState('');
  const [text, setText] = useState('');
  const [source, setSource] = useState<'duiding' | 'client' | 'professional'>('client');
  const [consent, setConsent] = useState(false);
  const [visibility, setVisibility] = useState<'intern' | 'extern'>('intern');
  const [providers, setProviders] = useState<Array<{ agb: string; name: string | null }>>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (open && kind === 'aanbieder' && where)
      get<Array<{ agb: string; name: string | null }>>('/providers', { gemeente: where }).then(setProviders, () =>
        setProviders([]),
      );
  }, [open, kind, where]);
  if (!open)
    return (
      <Paragraph>
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
          {lang === 'nl'
            ? 'Verhaal vertellen over een aanbieder, product of thema'
            : 'Tell a story about a provider, product or theme'}
        </Button>
      </Paragraph>
    );
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await post('/narratives', {
        gemeente: where,
        subject: kind,
        subjectKey: kind === 'product' ? code.trim() || key : key,
        body: text,
        visibility,
        source,
        consent: source === 'duiding' ? undefined : consent,
      });
      setText('');
      setMessage({ ok: true, text: t('saved') });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? err.message : String(err) });
    }
  };
  return (
    <form onSubmit={submit} className="zicht-story-form" aria-labelledby="verhaal-form-titel">
      <Heading level={2} id="verhaal-form-titel">
        {lang === 'nl' ? 'Verhaal vertellen' : 'Tell a story'}
      </Heading>
      {me.gemeenten.length > 1 && (
        <FormField>
          <FormLabel htmlFor="v-gemeente">{lang === 'nl' ? 'Gemeente' : 'Municipality'}</FormLabel>
          <Select id="v-gemeente" value={where} onChange={(e) => setWhere(e.target.value)}>
            {me.gemeenten.map((g) => (
              <SelectOption key={g.code} value={g.code}>
                {g.name}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      <FormField>
        <FormLabel htmlFor="v-onderwerp">{lang === 'nl' ? 'Waarover' : 'About'}</FormLabel>
        <Select
          id="v-onderwerp"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Exclude<Subject, 'indicator'>);
            setKey('');
            setCode('');
          }}
        >
          {(['thema', 'aanbieder', 'product'] as const).map((s) => (
            <SelectOption key={s} value={s}>
              {STORY_SUBJECT_TEXT[s]![li]}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      {kind === 'thema' && (
        <FormField>
          <FormLabel htmlFor="v-thema">{lang === 'nl' ? 'Thema' : 'Theme'}</FormLabel>
          <Textbox id="v-thema" list="v-themas" value={key} required onChange={(e) => setKey(e.target.value)} />
          <datalist id="v-themas">
            {SUGGESTED_THEMES.map((x) => (
              <option key={x} value={x} />
            ))}
          </datalist>
        </FormField>
      )}
      {kind === 'aanbieder' && (
        <FormField>
          <FormLabel htmlFor="v-aanbieder">{lang === 'nl' ? 'Aanbieder' : 'Provider'}</FormLabel>
          <Select id="v-aanbieder" value={key} required onChange={(e) => setKey(e.target.value)}>
            <SelectOption value="">{lang === 'nl' ? 'Kies een aanbieder' : 'Choose a provider'}</SelectOption>
            {providers.map((p) => (
              <SelectOption key={p.agb} value={p.agb}>
                {providerLabel(p.agb, p.name)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      {kind === 'product' && (
        <>
          <FormField>
            <FormLabel htmlFor="v-categorie">{lang === 'nl' ? 'Productcategorie' : 'Product category'}</FormLabel>
            <Select id="v-categorie" value={key} required onChange={(e) => setKey(e.target.value)}>
              <SelectOption value="">{lang === 'nl' ? 'Kies een categorie' : 'Choose a category'}</SelectOption>
              {Object.entries(PRODUCT_CATEGORY_TEXT).map(([c, words]) => (
                <SelectOption key={c} value={c}>
                  {`${words} (${c})`}
                </SelectOption>
              ))}
            </Select>
          </FormField>
          <FormField>
            <FormLabel htmlFor="v-productcode">
              {lang === 'nl' ? 'Productcode (niet verplicht)' : 'Product code (optional)'}
            </FormLabel>
            <Textbox id="v-productcode" value={code} onChange={(e) => setCode(e.target.value)} />
          </FormField>
        </>
      )}
      <FormField>
        <FormLabel htmlFor="v-soort">{t('source')}</FormLabel>
        <Select
          id="v-soort"
          value={source}
          onChange={(e) => setSource(e.target.value as 'duiding' | 'client' | 'professional')}
        >
          {(['client', 'professional', 'duiding'] as const).map((s) => (
            <SelectOption key={s} value={s}>
              {SOURCE_TEXT[s]![li]}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor="v-tekst">{lang === 'nl' ? 'Het verhaal' : 'The story'}</FormLabel>
        <Textarea id="v-tekst" value={text} required minLength={3} onChange={(e) => setText(e.target.value)} />
      </FormField>
      {source !== 'duiding' && (
        <FormField type="checkbox">
          <Checkbox id="v-toestemming" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          <FormLabel htmlFor="v-toestemming" type="checkbox">
            {lang === 'nl'
              ? 'De verteller heeft toestemming gegeven om dit verhaal te bewaren'
              : 'The teller consented to keeping this story'}
          </FormLabel>
        </FormField>
      )}
      <fieldset>
        <legend>{lang === 'nl' ? 'Wie mag het lezen' : 'Who may read it'}</legend>
        {(['intern', 'extern'] as const).map((v) => (
          <FormField type="radio" key={v}>
            <RadioButton
              id={`v-zicht-${v}`}
              name="v-zichtbaarheid"
              value={v}
              checked={visibility === v}
              onChange={() => setVisibility(v)}
            />
            <FormLabel htmlFor={`v-zicht-${v}`} type="radio">
              {v === 'intern'
                ? lang === 'nl'
                  ? 'Intern (alleen medewerkers van de gemeente)'
                  : 'Internal'
                : lang === 'nl'
                  ? 'Extern (bestuur en aanbieders; zonder persoonsgegevens)'
                  : 'External (no personal data)'}
            </FormLabel>
          </FormField>
        ))}
      </fieldset>
      {message && (
        <Alert type={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <Paragraph>
        <Button type="submit" appearance="primary-action-button">
          {lang === 'nl' ? 'Verhaal bewaren' : 'Save the story'}
        </Button>{' '}
        <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {lang === 'nl' ? 'Sluiten' : 'Close'}
        </Button>
      </Paragraph>
    </form>
  );
}

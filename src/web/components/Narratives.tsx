/**
 * Explanations beside a figure, and the form to add one (tellen en vertellen). Written explanations are
 * always shown; the form stays closed behind a "Duiding toevoegen" button until someone wants it, so a
 * page of figures does not carry an open form under each of them.
 */
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import {
  Alert,
  Button,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Textarea,
  RadioButton,
} from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Narrative } from '../api.js';
import { fmtDateTime, fmtValue, type Unit } from '../format.js';
import { LangContext, useT } from '../i18n.js';
import { SOURCE_TEXT, VISIBILITY_TEXT } from '../labels.js';

let uid = 0;

export function Narratives(props: {
  indicator: string;
  gemeente: string;
  gemeenteName: string;
  period: string;
  unit: Unit;
  canWrite: boolean;
  figure: string;
  team?: string | undefined;
}) {
  const t = useT();
  const lang = useContext(LangContext);
  const [items, setItems] = useState<Narrative[] | null>(null);
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'intern' | 'extern'>('intern');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [id] = useState(() => `duiding-${++uid}`);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const li = lang === 'nl' ? 0 : 1;
  // opening moves the focus into the form; closing brings it back to the button that opened it
  const [focusTarget, setFocusTarget] = useState<'field' | 'opener' | null>(null);
  useEffect(() => {
    if (focusTarget === 'field') field.current?.focus();
    if (focusTarget === 'opener') opener.current?.focus();
    setFocusTarget(null);
  }, [focusTarget]);
  const close = () => {
    setOpen(false);
    setFocusTarget('opener');
  };
  const load = useCallback(() => {
    get<Narrative[]>('/narratives', {
      indicator: props.indicator,
      gemeente: props.gemeente,
      period: props.period,
    }).then(setItems, () => setItems([]));
  }, [props.indicator, props.gemeente, props.period]);
  useEffect(load, [load]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const scope = props.team ? { scopeKind: 'team', scopeKey: props.team } : {};
      await post('/narratives', {
        indicator: props.indicator,
        gemeente: props.gemeente,
        period: props.period,
        body: text,
        visibility,
        ...scope,
      });
      setText('');
      setMessage({ ok: true, text: t('saved') });
      close();
      load();
    } catch (err) {
      setMessage({
        ok: false,
        text: err instanceof ApiFailure ? (lang === 'nl' ? err.message : err.messageEn) : String(err),
      });
    }
  };

  const hasItems = items !== null && items.length > 0;
  if (!hasItems && !props.canWrite) return null;
  return (
    <section className="zicht-narratives" aria-label={`${t('explanations')}: ${props.figure}`}>
      {hasItems && (
        <>
          <Heading level={4}>{t('explanations')}</Heading>
          <ul className="zicht-narrative-list">
            {items.map((n) => (
              <li key={n.id} className="zicht-narrative">
                <Paragraph>{n.body}</Paragraph>
                <Paragraph small className="zicht-muted">
                  {n.author} · {fmtDateTime(n.createdAt, lang)} · {VISIBILITY_TEXT[n.visibility]?.[li] ?? n.visibility}
                  {n.valueSnapshot
                    ? ` · ${t('writtenAbout')} ${fmtValue(n.valueSnapshot.value, props.unit, lang)}`
                    : ''}
                  {n.source !== 'duiding' ? ` · ${SOURCE_TEXT[n.source]?.[li] ?? n.source}` : ''}
                </Paragraph>
              </li>
            ))}
          </ul>
        </>
      )}
      {props.canWrite && props.gemeente && (
        <>
          <Button
            ref={opener}
            appearance="subtle-button"
            aria-expanded={open}
            aria-controls={`${id}-form`}
            onClick={() => {
              if (open) close();
              else {
                setOpen(true);
                setMessage(null);
                setFocusTarget('field');
              }
            }}
          >
            {t('addExplanation')}
            <span className="zicht-sr"> — {props.figure}</span>
          </Button>
          <form
            id={`${id}-form`}
            hidden={!open}
            onSubmit={submit}
            className="zicht-narrative-form"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                close();
              }
            }}
          >
            <FormField>
              <FormLabel htmlFor={`${id}-text`}>
                {t('explanationText')} ({props.gemeenteName}, {props.period})
              </FormLabel>
              <Textarea
                ref={field}
                id={`${id}-text`}
                value={text}
                required
                minLength={3}
                maxLength={5000}
                onChange={(e) => setText(e.target.value)}
                rows={3}
              />
            </FormField>
            <fieldset className="zicht-fieldset">
              <legend>{t('visibility')}</legend>
              {(['intern', 'extern'] as const).map((v) => (
                <div key={v} className="zicht-radio">
                  <RadioButton
                    id={`${id}-${v}`}
                    name={`${id}-vis`}
                    value={v}
                    checked={visibility === v}
                    onChange={() => setVisibility(v)}
                  />
                  <FormLabel htmlFor={`${id}-${v}`} type="radio">
                    {t(v)}
                  </FormLabel>
                </div>
              ))}
            </fieldset>
            <div className="zicht-toolbar">
              <Button type="submit" appearance="secondary-action-button">
                {t('save')}
              </Button>
              <Button type="button" appearance="subtle-button" onClick={close}>
                {t('cancel')}
              </Button>
            </div>
          </form>
          {message && (
            <div role="status">
              <Alert type={message.ok ? 'ok' : 'error'}>{message.text}</Alert>
            </div>
          )}
        </>
      )}
    </section>
  );
}

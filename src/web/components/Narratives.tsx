/** Explanations beside a figure, and the form to add one (tellen en vertellen). */
import { useCallback, useContext, useEffect, useState } from 'react';
import { Alert, Button, FormField, FormLabel, Heading, Paragraph, Textarea, RadioButton } from '@utrecht/component-library-react';
import { ApiFailure, get, post, type Narrative } from '../api.js';
import { fmtDateTime, fmtValue, type Unit } from '../format.js';
import { LangContext, useT } from '../i18n.js';

let uid = 0;

export function Narratives(props: { indicator: string; gemeente: string; period: string; unit: Unit; canWrite: boolean }) {
  const t = useT();
  const lang = useContext(LangContext);
  const [items, setItems] = useState<Narrative[] | null>(null);
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'intern' | 'extern'>('intern');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [id] = useState(() => `duiding-${++uid}`);
  const load = useCallback(() => {
    get<Narrative[]>('/narratives', { indicator: props.indicator, gemeente: props.gemeente, period: props.period })
      .then(setItems, () => setItems([]));
  }, [props.indicator, props.gemeente, props.period]);
  useEffect(load, [load]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      await post('/narratives', { indicator: props.indicator, gemeente: props.gemeente, period: props.period, body: text, visibility });
      setText('');
      setMessage({ ok: true, text: t('saved') });
      load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiFailure ? (lang === 'nl' ? err.message : err.messageEn) : String(err) });
    }
  };

  return (
    <section className="zicht-narratives" aria-label={t('explanations')}>
      <Heading level={4}>{t('explanations')}</Heading>
      {items === null ? <Paragraph>{t('loading')}</Paragraph> : items.length === 0 ? <Paragraph className="zicht-muted">{t('noExplanations')}</Paragraph> : (
        <ul className="zicht-narrative-list">
          {items.map((n) => (
            <li key={n.id} className="zicht-narrative">
              <Paragraph>{n.body}</Paragraph>
              <Paragraph small className="zicht-muted">
                {n.author} · {fmtDateTime(n.createdAt, lang)} · {n.visibility}
                {n.valueSnapshot ? ` · ${t('writtenAbout')} ${fmtValue(n.valueSnapshot.value, props.unit, lang)}` : ''}
                {n.source !== 'duiding' ? ` · ${n.source}` : ''}
              </Paragraph>
            </li>
          ))}
        </ul>
      )}
      {props.canWrite && props.gemeente && (
        <form onSubmit={submit} className="zicht-narrative-form">
          <FormField>
            <FormLabel htmlFor={`${id}-text`}>{t('addExplanation')} ({props.gemeente}, {props.period})</FormLabel>
            <Textarea id={`${id}-text`} value={text} required minLength={3} maxLength={5000} onChange={(e) => setText(e.target.value)} rows={3} />
          </FormField>
          <fieldset className="zicht-fieldset">
            <legend>{t('visibility')}</legend>
            {(['intern', 'extern'] as const).map((v) => (
              <div key={v} className="zicht-radio">
                <RadioButton id={`${id}-${v}`} name={`${id}-vis`} value={v} checked={visibility === v} onChange={() => setVisibility(v)} />
                <FormLabel htmlFor={`${id}-${v}`} type="radio">{t(v)}</FormLabel>
              </div>
            ))}
          </fieldset>
          <Button type="submit" appearance="secondary-action-button">{t('save')}</Button>
          {message && <div role="status"><Alert type={message.ok ? 'ok' : 'error'}>{message.text}</Alert></div>}
        </form>
      )}
    </section>
  );
}


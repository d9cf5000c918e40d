/**
 * The form for a new or changed offer on the Sociale kaart page (SocialMap.tsx), apart so that page stays short.
 * Every field is labelled in the user's language; the themes are a group of checkboxes with a legend.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import { post, put, type Me } from '../api.js';
import { dutchToday, type Lang } from '../format.js';
import { failureText, themeWord, type PublicOffer, type Theme } from './SocialMapParts.js';

/** New or changed offer. */
export function OfferForm({
  me,
  offer,
  gemeente,
  themes,
  lang,
  onSaved,
  onClose,
}: {
  me: Me;
  offer: PublicOffer | null;
  gemeente: string;
  themes: readonly Theme[];
  lang: Lang;
  onSaved: (text: string) => void;
  onClose: () => void;
}) {
  const nl = lang === 'nl';
  const [where, setWhere] = useState(offer?.gemeente ?? (gemeente || me.gemeenten[0]?.code || ''));
  const [f, setF] = useState({
    id: offer?.id ?? '',
    organisatie: offer?.organisation ?? '',
    naam: offer?.name ?? '',
    doelgroep: offer?.targetGroup ?? '',
    omschrijving: offer?.description ?? '',
    leeftijdVan: String(offer?.ageFrom ?? 0),
    leeftijdTot: String(offer?.ageTo ?? 18),
    wijk: offer?.area ?? '',
    website: offer?.website ?? '',
    telefoon: offer?.phone ?? '',
    email: offer?.email ?? '',
    geldigVan: offer?.validFrom ?? dutchToday(),
    geldigTot: offer?.validTo ?? '',
  });
  const [chosen, setChosen] = useState<string[]>(offer?.themes ?? []);
  const [open, setOpen] = useState(offer?.openAccess ?? true);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (chosen.length === 0) {
      setError(nl ? 'Kies ten minste één thema.' : 'Choose at least one theme.');
      return;
    }
    const body = {
      organisatie: f.organisatie,
      naam: f.naam,
      doelgroep: f.doelgroep,
      omschrijving: f.omschrijving,
      leeftijdVan: Number(f.leeftijdVan),
      leeftijdTot: Number(f.leeftijdTot),
      themas: chosen,
      wijk: f.wijk,
      vrijToegankelijk: open,
      website: f.website || null,
      telefoon: f.telefoon || null,
      email: f.email || null,
      geldigVan: f.geldigVan,
      geldigTot: f.geldigTot || null,
    };
    try {
      if (offer) await put(`/sociale-kaart/${offer.gemeente}/${encodeURIComponent(offer.id)}`, body);
      else await post('/sociale-kaart', { gemeente: where, id: f.id, ...body });
      onSaved(
        nl
          ? offer
            ? `‘${f.naam}’ is gewijzigd.`
            : `‘${f.naam}’ staat op de sociale kaart.`
          : offer
            ? `‘${f.naam}’ has been changed.`
            : `‘${f.naam}’ is on the social map.`,
      );
    } catch (err) {
      setError(failureText(err, lang));
    }
  };
  const text = (k: keyof typeof f, label: string, o: { required?: boolean; type?: string; hint?: string } = {}) => (
    <FormField>
      <FormLabel htmlFor={`a-${k}`}>{label}</FormLabel>
      {o.hint && (
        <Paragraph small id={`a-${k}-uitleg`}>
          {o.hint}
        </Paragraph>
      )}
      <Textbox
        id={`a-${k}`}
        type={o.type ?? 'text'}
        value={f[k]}
        required={o.required}
        aria-describedby={o.hint ? `a-${k}-uitleg` : undefined}
        onChange={set(k)}
      />
    </FormField>
  );
  return (
    <form onSubmit={submit} className="zicht-story-form" aria-labelledby="aanbod-form-titel">
      <Heading level={2} id="aanbod-form-titel">
        {offer
          ? nl
            ? `Aanbod wijzigen: ${offer.name}`
            : `Change offer: ${offer.name}`
          : nl
            ? 'Nieuw aanbod'
            : 'New offer'}
      </Heading>
      {!offer && me.gemeenten.length > 1 && (
        <FormField>
          <FormLabel htmlFor="a-gemeente">{nl ? 'Gemeente' : 'Municipality'}</FormLabel>
          <Select id="a-gemeente" value={where} onChange={(e) => setWhere(e.target.value)}>
            {me.gemeenten.map((g) => (
              <SelectOption key={g.code} value={g.code}>
                {g.name}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      )}
      {!offer &&
        text('id', nl ? 'Nummer van het aanbod' : 'Number of the offer', {
          required: true,
          hint: nl
            ? 'Letters, cijfers, punt of streepje; uniek in de gemeente.'
            : 'Letters, digits, full stop or hyphen; unique within the municipality.',
        })}
      {text('organisatie', nl ? 'Organisatie' : 'Organisation', { required: true })}
      {text('naam', nl ? 'Naam van het aanbod' : 'Name of the offer', { required: true })}
      {text('doelgroep', nl ? 'Doelgroep' : 'Target group')}
      <FormField>
        <FormLabel htmlFor="a-omschrijving">{nl ? 'Omschrijving' : 'Description'}</FormLabel>
        <Textarea id="a-omschrijving" value={f.omschrijving} onChange={set('omschrijving')} />
      </FormField>
      {text('leeftijdVan', nl ? 'Leeftijd van (jaar)' : 'Age from (years)', { required: true, type: 'number' })}
      {text('leeftijdTot', nl ? 'Leeftijd tot en met (jaar)' : 'Age up to and including (years)', {
        required: true,
        type: 'number',
      })}
      <fieldset>
        <legend>{nl ? 'Thema’s (kies er ten minste één)' : 'Themes (choose at least one)'}</legend>
        {themes.map((t) => (
          <FormField type="checkbox" key={t.code}>
            <Checkbox
              id={`a-thema-${t.code}`}
              checked={chosen.includes(t.code)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, t.code] : chosen.filter((x) => x !== t.code))}
            />
            <FormLabel htmlFor={`a-thema-${t.code}`} type="checkbox">
              {themeWord(t.code, themes, lang)}
            </FormLabel>
          </FormField>
        ))}
      </fieldset>
      {text('wijk', nl ? 'Wijk of kern' : 'District or village', {
        hint: nl
          ? 'Leeg laten als het aanbod voor de hele gemeente is.'
          : 'Leave empty if the offer is for the whole municipality.',
      })}
      <FormField type="checkbox">
        <Checkbox id="a-vrij" checked={open} onChange={(e) => setOpen(e.target.checked)} />
        <FormLabel htmlFor="a-vrij" type="checkbox">
          {nl ? 'Vrij toegankelijk (zonder verwijzing of aanmelding)' : 'Open access (no referral or registration)'}
        </FormLabel>
      </FormField>
      <Paragraph small id="a-contact-uitleg">
        {nl
          ? 'Contactgegevens van de organisatie, niet van een medewerker: de sociale kaart is openbaar. Een 06-nummer ' +
            'of een adres als voornaam.achternaam@ wordt geweigerd.'
          : 'Contact details of the organisation, not of a staff member: the social map is public. A mobile number ' +
            '(06) or an address like firstname.lastname@ is refused.'}
      </Paragraph>
      {text('website', nl ? 'Website van de organisatie' : 'Website of the organisation')}
      {text('telefoon', nl ? 'Algemeen telefoonnummer' : 'General phone number', { type: 'tel' })}
      {text('email', nl ? 'Algemeen e-mailadres' : 'General email address', { type: 'email' })}
      {text('geldigVan', nl ? 'Geldig vanaf' : 'Valid from', { required: true, type: 'date' })}
      {text('geldigTot', nl ? 'Geldig tot en met (leeg: geen einde)' : 'Valid up to and including (empty: no end)', {
        type: 'date',
      })}
      {error && (
        <Alert type="error" role="alert">
          {error}
        </Alert>
      )}
      <Paragraph>
        <Button type="submit" appearance="primary-action-button">
          {nl ? 'Opslaan' : 'Save'}
        </Button>{' '}
        <Button type="button" appearance="secondary-action-button" onClick={onClose}>
          {nl ? 'Sluiten' : 'Close'}
        </Button>
      </Paragraph>
    </form>
  );
}

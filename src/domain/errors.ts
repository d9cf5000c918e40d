/**
 * One error vocabulary for everything a user is told: every refusal is a `UserError` with a stable code, an
 * HTTP status and a text in Dutch and English, all taken from the catalogue below. Any layer may throw one;
 * the API (server/app.ts, its error handler) and the CLI (cli/main.ts) each translate it in one place:
 * the API answers `{ error: { code, message, messageEn } }` with the status, the CLI prints the text and exits 2.
 *
 * A catalogue key is the API code, or `code.variant` when one code has several texts (the API sees only the part
 * before the dot). A text is a string, or a function of the parameters the thrower passes.
 * Over 400 lines: the catalogue of every user-facing error is one list on purpose (docs/architecture.md, Errors).
 */

type Text<P> = (p: P) => string;

interface ErrorSpec<P> {
  readonly status: number;
  readonly nl: Text<P>;
  readonly en: Text<P>;
  /**
   * The text as said in one string ("nl / en"), when it was: the CLI and the logs keep it as it was, the API's message
   * and messageEn get its halves (nl and en above).
   */
  readonly one?: (p: P) => string | undefined;
  /** the entry takes a `Said` made where the error arises (said below) */
  readonly takesSaid?: true;
}

/** A catalogue entry without parameters. */
function fixed(status: number, nl: string, en: string): ErrorSpec<void> {
  return { status, nl: () => nl, en: () => en };
}

/** A catalogue entry whose text takes parameters. */
function withParams<P>(status: number, nl: Text<P>, en: Text<P>): ErrorSpec<P> {
  return { status, nl, en };
}

/** A text made where the error arises (a parser naming the field that is wrong): the catalogue fixes code and status. */
export interface Said {
  readonly nl: string;
  /** English; absent: `nl` is one string, "Dutch / English" (or Dutch alone), split by saidInTwo */
  readonly en?: string;
}

/**
 * Every error whose text is made where it arises (PeriodError, AccountError, ReportError, BenchmarkError,
 * MappingError, …) comes through here, so a text said in one string is split in this one place (red team 27: only
 * PeriodError and AccountError split theirs, and the API's Dutch message of the others held the English half too).
 */
function said(status: number): ErrorSpec<Said> {
  return {
    status,
    nl: (p) => (p.en === undefined ? saidInTwo(p.nl).nl : p.nl),
    en: (p) => p.en ?? saidInTwo(p.nl).en ?? p.nl,
    one: (p) => (p.en === undefined ? p.nl : undefined),
    takesSaid: true,
  };
}

/** A catalogue text kept as one string "Dutch / English" (the import report and the logs carry it so). */
function inOne<P>(status: number, text: Text<P>): ErrorSpec<P> {
  return {
    status,
    nl: (p) => saidInTwo(text(p)).nl,
    en: (p) => saidInTwo(text(p)).en ?? text(p),
    one: text,
  };
}

/**
 * A text said in one string as the CLI prints it, "Dutch / English", as the two halves the API's message and
 * messageEn each get (red team 27: messageEn held the Dutch too). Line by line, so a list of such texts (one refusal
 * per line) splits too; a line without ' / ' is in both. A label with one Dutch word, "Gebruik / usage: zicht …",
 * keeps what follows it in both: "Gebruik: zicht …" and "usage: zicht …". A text without ' / ' is Dutch for both.
 */
export function saidInTwo(message: string): Said {
  if (!message.includes(' / ')) return { nl: message };
  const nl: string[] = [];
  const en: string[] = [];
  for (const line of message.split('\n')) {
    const label = /^(\s*[^\s/]+) \/ ([^/:]+?): (.*)$/.exec(line);
    const cut = line.indexOf(' / ');
    if (label) {
      nl.push(`${label[1]!}: ${label[3]!}`);
      en.push(`${label[2]!}: ${label[3]!}`);
    } else if (cut < 0) {
      nl.push(line);
      en.push(line);
    } else {
      nl.push(line.slice(0, cut));
      en.push(line.slice(cut + 3));
    }
  }
  return { nl: nl.join('\n'), en: en.join('\n') };
}

const list = (xs: readonly string[]) => xs.join(', ');

export const ERRORS = {
  // access (server/app.ts and the routes)
  niet_ingelogd: fixed(401, 'Log eerst in.', 'Please log in first.'),
  geen_toegang: fixed(403, 'Geen toegang.', 'No access.'),
  'geen_toegang.rol': withParams<{ role: string }>(
    403,
    (p) => `Uw rol (${p.role}) heeft geen toegang tot dit onderdeel.`,
    (p) => `Your role (${p.role}) has no access to this.`,
  ),
  'geen_toegang.indicator': fixed(403, 'U mag deze indicator niet zien.', 'You may not see this indicator.'),
  'geen_toegang.indicator_rol': withParams<{ role: string; nl: string; en: string }>(
    403,
    (p) => `Uw rol (${p.role}) mag de indicator '${p.nl}' niet zien.`,
    (p) => `Your role (${p.role}) may not see '${p.en}'.`,
  ),
  'geen_toegang.duiding': fixed(
    403,
    'U mag deze indicator niet zien, dus ook niet duiden.',
    'You may not see this indicator.',
  ),
  'geen_toegang.eigen_team': fixed(
    403,
    'Een teammanager schrijft duidingen bij het eigen team.',
    'A team manager writes for the own team.',
  ),
  'geen_toegang.upload': fixed(
    403,
    'Uploaden kan alleen met een account dat de hele regio in zijn scope heeft.',
    'Uploading needs an account scoped to the whole region.',
  ),
  'geen_toegang.profiel': fixed(
    403,
    'Een koppelprofiel opslaan kan alleen met een account dat de hele regio in zijn scope heeft, zoals uploaden.',
    'Saving a mapping profile needs an account scoped to the whole region, as uploading does.',
  ),
  'geen_toegang.profiel_gebruik': withParams<{ name: string }>(
    403,
    (p) =>
      `Koppelprofiel '${p.name}' is opgeslagen door een account dat minder gemeenten ziet dan u: laat een account met uw scope het opnieuw opslaan.`,
    (p) =>
      `Mapping profile '${p.name}' was saved by an account that sees fewer gemeenten than you: have an account with your scope save it again.`,
  ),
  'geen_toegang.geldcijfers': fixed(
    403,
    'Dit rapport bevat geldcijfers die uw rol niet mag zien.',
    'This report holds money figures your role may not see.',
  ),
  'geen_toegang.eigen_aanbieder': fixed(
    403,
    'Een aanbieder kan alleen het eigen kwartaalrapport maken.',
    'A provider can only make its own quarterly report.',
  ),
  // published counts are for today only (server/routes/providerExits.ts): day by day side by side they give back the
  // small counts they hide (red team 28)
  'geen_toegang.peildatum': fixed(
    403,
    'Een andere peildatum dan vandaag is er alleen voor rollen die de exacte aantallen zien: gepubliceerde aantallen van dag tot dag naast elkaar geven kleine aantallen terug.',
    'A reference date other than today is only for roles that see the exact counts: published counts side by side from day to day give small counts back.',
  ),
  'geen_toegang.eigen_afspraken': fixed(
    403,
    'Een aanbieder ziet alleen de afspraken met zichzelf.',
    'A provider sees only the agreements made with it.',
  ),
  'geen_toegang.stop_trajecten': fixed(
    403,
    'De trajecten bij een stoppende aanbieder zijn persoonsgegevens: alleen de analist en de teammanager (eigen team) zien ze; de aantallen staan in het overzicht.',
    'The trajectories with a stopping provider are person-level data: only the analist and the team manager (own team) see them; the counts are in the overview.',
  ),
  'geen_toegang.herkomst': fixed(
    403,
    'Dit verzoek komt van een andere website dan Zicht en is geweigerd: gegevens wijzigen of inlezen kan alleen vanuit Zicht zelf.',
    'This request comes from another website than Zicht and was refused: data can only be changed or uploaded from Zicht itself.',
  ),
  'geen_toegang.business_case': fixed(
    403,
    'Een business case leggen alleen rollen vast die de exacte cijfers zien: de uitkomst wordt op de exacte declaraties berekend, en u ziet de cijfers van de gemeente gepubliceerd.',
    "Only roles that see the exact figures record a business case: its verdict is computed on the exact claims, and you see the gemeente's figures as published.",
  ),
  'geen_toegang.ander_team': fixed(
    403,
    'Een teammanager maakt het maandrapport van het eigen team; laat team weg of noem het eigen team.',
    "A team manager makes the own team's monthly report; leave team out or name the own team.",
  ),
  geen_scope: fixed(403, 'Uw account heeft geen gemeente in zijn scope.', 'Your account has no gemeente in scope.'),
  'geen_scope.team': fixed(403, 'Uw account heeft geen team in zijn scope.', 'Your account has no team in scope.'),
  buiten_scope: withParams<{ gemeenten: readonly string[] }>(
    403,
    (p) => `Gemeente ${list(p.gemeenten)} valt buiten uw scope.`,
    (p) => `Gemeente ${list(p.gemeenten)} is outside your scope.`,
  ),
  'buiten_scope.regio': withParams<{ regio: string }>(
    403,
    (p) => `De regio ${p.regio} valt (deels) buiten uw scope.`,
    (p) => `Region ${p.regio} is (partly) outside your scope.`,
  ),
  // the lens (lens/lens.ts) is missing or older than this version: answered 503 with Retry-After (server/app.ts)
  database_niet_bereikbaar: fixed(
    503,
    'De database is even niet bereikbaar (bijvoorbeeld omdat die opnieuw start); probeer het over enkele seconden opnieuw.',
    'The database cannot be reached for a moment (it may be restarting); try again in a few seconds.',
  ),
  lens_niet_klaar: fixed(
    503,
    "De cijfers worden opnieuw opgebouwd; probeer het over een minuut opnieuw. Blijft dit zo, vraag de beheerder 'zicht lens' uit te voeren.",
    "The figures are being rebuilt; try again in a minute. If this persists, ask the administrator to run 'zicht lens'.",
  ),
  te_veel_verzoeken: withParams<{ seconds: number }>(
    429,
    (p) => `Te veel verzoeken; probeer het over ${p.seconds} s opnieuw.`,
    (p) => `Too many requests; try again in ${p.seconds} s.`,
  ),

  // input checked for every route (server/app.ts)
  ongeldig_getal: withParams<{ name: string }>(
    400,
    (p) => `Ongeldig getal voor ${p.name}.`,
    (p) => `Invalid number for ${p.name}.`,
  ),
  'ongeldige_invoer.nul': withParams<{ nl: string; en: string }>(
    400,
    (p) => `Ongeldige invoer: ${p.nl} bevat een nul-teken (\\0).`,
    (p) => `Invalid input: the ${p.en} holds a NUL character (\\0).`,
  ),

  'ongeldige_invoer.teken': withParams<{ nl: string; en: string; code: string; kind: { nl: string; en: string } }>(
    400,
    (p) => `Ongeldige invoer: ${p.nl} bevat een teken dat geen tekst is (${p.code}, ${p.kind.nl}); laat het weg.`,
    (p) => `Invalid input: the ${p.en} holds a character that is not text (${p.code}, ${p.kind.en}); leave it out.`,
  ),

  // a query string whose %-escapes do not decode (server/inputRules.ts badPercentEncoding)
  'ongeldige_invoer.codering': withParams<{ piece: string; inPath?: boolean }>(
    400,
    (p) =>
      `Ongeldige invoer: ${p.inPath ? 'het adres' : 'de zoekvraag'} bevat een %-codering die niet klopt ('${p.piece}'); codeer tekens als UTF-8, bijvoorbeeld %25 voor % en %C3%A9 voor é.`,
    (p) =>
      `Invalid input: the ${p.inPath ? 'path' : 'query'} holds a %-escape that does not decode ('${p.piece}'); encode characters as UTF-8, e.g. %25 for % and %C3%A9 for é.`,
  ),

  // a path number written otherwise than as one (server/inputRules.ts looseInteger)
  'ongeldige_invoer.geheel_getal': withParams<{ name: string; nl: string; en: string }>(
    400,
    (p) =>
      `Ongeldige invoer: ${p.nl} '${p.name}' moet een geheel getal zijn, zonder voorloopnul, plusteken, punt of spatie.`,
    (p) =>
      `Invalid input: the ${p.en} '${p.name}' must be a whole number, without a leading zero, plus sign, point or space.`,
  ),

  // a JSON number, true/false, list or object where text is asked (server/inputRules.ts notTextWhereText)
  'ongeldige_invoer.geen_tekst': withParams<{ name: string }>(
    400,
    (p) => `Ongeldige invoer: het veld '${p.name}' is tekst; stuur het tussen aanhalingstekens.`,
    (p) => `Invalid input: the field '${p.name}' is text; send it as a JSON string.`,
  ),

  // a body field or query parameter the route does not have (server/app.ts: never dropped in silence)
  'ongeldige_invoer.onbekend': withParams<{ nl: string; en: string; name: string; known: readonly string[] }>(
    400,
    (p) =>
      `Ongeldige invoer: ${p.nl} '${p.name}' bestaat hier niet` +
      (p.known.length ? ` (wel: ${list(p.known)}).` : ' (hier horen geen velden bij).'),
    (p) =>
      `Invalid input: the ${p.en} '${p.name}' does not exist here` +
      (p.known.length ? ` (known: ${list(p.known)}).` : ' (none are taken here).'),
  ),

  // refused by the web framework before a route runs (server/app.ts fastifyRefusal)
  'ongeldig_verzoek.json': fixed(
    400,
    'Ongeldige invoer: de inhoud is geen geldige JSON (of bevat een verboden sleutel zoals __proto__).',
    'Invalid input: the body is not valid JSON (or holds a forbidden key such as __proto__).',
  ),
  'ongeldig_verzoek.mediatype': fixed(
    415,
    'Dit soort inhoud wordt hier niet gelezen; stuur JSON (application/json) of een upload (multipart/form-data).',
    'This media type is not read here; send JSON (application/json) or an upload (multipart/form-data).',
  ),
  'ongeldig_verzoek.te_groot': fixed(413, 'Het verzoek is te groot.', 'The request is too large.'),
  'ongeldige_invoer.geen_inhoud': fixed(
    400,
    'Ongeldige invoer: deze opdracht neemt geen inhoud; stuur het verzoek zonder.',
    'Invalid input: this operation takes no body; send the request without one.',
  ),
  'ongeldige_invoer.dubbel': withParams<{ name: string }>(
    400,
    (p) => `Ongeldige invoer: het veld '${p.name}' staat er twee keer; stuur het één keer.`,
    (p) => `Invalid input: the field '${p.name}' is sent twice; send it once.`,
  ),
  'ongeldige_invoer.leeg_veld': withParams<{ name: string }>(
    400,
    (p) => `Ongeldige invoer: het veld '${p.name}' is leeg; vul het in of laat het weg.`,
    (p) => `Invalid input: the field '${p.name}' is empty; fill it in or leave it out.`,
  ),
  'ongeldige_invoer.leeg': withParams<{ name: string }>(
    400,
    (p) => `Ongeldige invoer: de parameter '${p.name}' is leeg. Laat hem weg om niet te filteren.`,
    (p) => `Invalid input: the parameter '${p.name}' is empty. Leave it out for no filter.`,
  ),
  'ongeldige_invoer.acceptvalid': withParams<{ value: string }>(
    400,
    (p) => `Ongeldige invoer: acceptValid is 'true' of 'false', niet '${p.value.slice(0, 40)}'.`,
    (p) => `Invalid input: acceptValid is 'true' or 'false', not '${p.value.slice(0, 40)}'.`,
  ),

  // an OData query option, operator or field the feed does not support (server/odata/): the text names it
  'ongeldige_invoer.odata': said(400),

  // logging in (server/routes/auth.ts)
  // one answer for every failed log-in: an unknown name, a wrong password, a missing or wrong or used code (red teams
  // 15 and 26: separate answers told which names exist and which have a second factor)
  onjuiste_inlog: fixed(
    401,
    'Inloggen is niet gelukt: de gebruikersnaam, het wachtwoord of de code klopt niet. Vraagt uw account een code uit de authenticator-app, vul dan ook die in (een code werkt één keer).',
    'Log-in failed: the user name, the password or the code is wrong. If your account asks for a code from the authenticator app, enter it too (a code works once).',
  ),
  te_veel_pogingen: withParams<{ seconds: number; first?: string; firstEn?: string }>(
    429,
    (p) =>
      `${p.first ?? ''}Te veel mislukte pogingen voor deze naam vanaf dit adres; probeer het over ${p.seconds} s opnieuw.`,
    (p) => `${p.firstEn ?? ''}Too many failed attempts for this name from this address; try again in ${p.seconds} s.`,
  ),
  geen_oidc: fixed(404, 'Inloggen via een identiteitsprovider is niet ingesteld.', 'OpenID Connect is not configured.'),

  // accounts (app/auth/users.ts, server/routes/admin.ts)
  ongeldig_account: said(400),
  'ongeldig_account.velden': withParams<{ issues: string }>(
    400,
    (p) => p.issues,
    () => 'Invalid account',
  ),
  onbekende_gebruiker: said(404),
  eigen_account: fixed(400, 'U kunt uw eigen account niet uitschakelen.', 'You cannot disable your own account.'),
  // service tokens (app/auth/serviceTokens.ts, server/auth/bearer.ts): one answer for unknown, expired,
  // revoked and malformed, so the caller cannot tell them apart (the access log can)
  token_ongeldig: fixed(
    401,
    'Het token is ongeldig: onbekend, verlopen, ingetrokken of niet als "Authorization: Bearer <token>" meegestuurd.',
    'The token is not valid: unknown, expired, revoked or not sent as "Authorization: Bearer <token>".',
  ),
  // the same on the OData feed, where Power BI and Excel send the token as the password of Basic
  'token_ongeldig.odata': fixed(
    401,
    'Het token is ongeldig: onbekend, verlopen, ingetrokken of niet meegestuurd als wachtwoord (verificatie "Basis") of als "Authorization: Bearer <token>". Een persoonlijk wachtwoord werkt hier niet: vraag de beheerder om een servicetoken.',
    'The token is not valid: unknown, expired, revoked or not sent as the password of Basic authentication or as "Authorization: Bearer <token>". A personal password does not work here: ask the administrator for a service token.',
  ),
  'token_ongeldig.met_cookie': fixed(
    401,
    'Stuur óf een sessiecookie óf een token (Authorization: Bearer), niet allebei.',
    'Send either a session cookie or a token (Authorization: Bearer), not both.',
  ),
  'geen_toegang.token_beheer': fixed(
    403,
    'Met een servicetoken kunt u geen accounts of tokens beheren.',
    'A service token cannot manage accounts or tokens.',
  ),
  'geen_toegang.token_openbaar': fixed(
    403,
    'Een servicetoken hoort niet bij inloggen of openbare onderdelen: stuur dit verzoek zonder token.',
    'A service token is not for log-in or public routes: send this request without a token.',
  ),
  ongeldig_token: said(400),
  'ongeldig_token.persoonsgegevens': withParams<{ role: string }>(
    400,
    (p) =>
      `De rol ${p.role} ziet persoonsgegevens: een token voor deze rol vraagt een expliciet besluit met reden (zicht tokens create … --person-level-data --reason "…"; API: personLevelData en reason).`,
    (p) =>
      `The role ${p.role} sees person-level data: a token for it needs an explicit decision with a reason (zicht tokens create … --person-level-data --reason "…"; API: personLevelData and reason).`,
  ),
  'ongeldig_token.bestaat': withParams<{ name: string }>(
    409,
    (p) => `Er bestaat al een token met de naam ${p.name} (ook ingetrokken namen worden niet hergebruikt).`,
    (p) => `A token named ${p.name} already exists (revoked names are not reused either).`,
  ),
  onbekend_token: withParams<{ name: string }>(
    404,
    (p) => `Onbekend token: ${p.name}.`,
    (p) => `Unknown token: ${p.name}.`,
  ),

  // periods, gemeenten, indicators
  ongeldige_periode: said(400),
  'ongeldige_periode.een': fixed(400, 'Geef één periode op.', 'Give one period.'),
  'ongeldige_periode.basis_na_periode': withParams<{ base: string; period: string }>(
    400,
    (p) => `De basisperiode van de index (${p.base}) ligt na de periode (${p.period}); kies een eerdere basis.`,
    (p) => `The index's base period (${p.base}) is after the period (${p.period}); choose an earlier base.`,
  ),
  'ongeldige_periode.aantal': withParams<{ max: number }>(
    400,
    (p) => `Geef 1 tot ${p.max} perioden op, bijvoorbeeld 2025H2 of 2025H1,2025H2.`,
    (p) => `Give 1 to ${p.max} periods.`,
  ),
  'ongeldige_periode.halfjaar': withParams<{ field: string }>(
    400,
    (p) => `${p.field}: geef een halfjaar, bijvoorbeeld 2024H1.`,
    (p) => `${p.field}: give a half-year, e.g. 2024H1.`,
  ),
  // a year outside what any figure has (benchmark year, base year): said about the year, before a gemeente is judged
  // against it (0457 Weesp "did not exist any more" in 9999)
  'ongeldige_periode.jaar': withParams<{ field: string; value: string | number; min: number; max: number }>(
    400,
    (p) => `${p.field} '${p.value}': geef een jaartal van ${p.min} tot en met ${p.max}, bijvoorbeeld 2023.`,
    (p) => `${p.field} '${p.value}': give a year from ${p.min} to ${p.max}, e.g. 2023.`,
  ),
  'ongeldige_periode.kwartaal': withParams<{ period: string }>(
    400,
    (p) => `'${p.period}' is geen kwartaal: geef een kwartaal, bijvoorbeeld 2026Q1.`,
    (p) => `'${p.period}' is not a quarter: give a quarter, e.g. 2026Q1.`,
  ),
  'ongeldige_periode.jaren': fixed(
    400,
    'Geef de jaren als van ≤ tot, hoogstens zes jaar (bijvoorbeeld van=2022&tot=2024).',
    'Give the years as from ≤ to, at most six years.',
  ),
  'ongeldige_periode.geen_gegevens': withParams<{ year: number | string; last: string }>(
    400,
    (p) => `Voor ${p.year} zijn er geen gegevens (de gegevens lopen tot ${p.last}).`,
    (p) => `No data for ${p.year} (the data run until ${p.last}).`,
  ),
  ongeldige_gemeente: withParams<{ codes: readonly string[] }>(
    400,
    (p) => `Ongeldige gemeentecode: ${list(p.codes)} (vier cijfers).`,
    () => 'Invalid gemeente code (four digits).',
  ),
  onbekende_indicator: withParams<{ id: string }>(
    400,
    (p) => `Onbekende indicator: ${p.id}.`,
    (p) => `Unknown indicator: ${p.id}.`,
  ),
  'onbekende_indicator.ongeschikt': withParams<{ id: string }>(
    400,
    (p) => `Geen geschikte indicator: ${p.id}.`,
    (p) => `Not a usable indicator: ${p.id}.`,
  ),
  'onbekende_indicator.pad': withParams<{ id: string }>(
    404,
    (p) => `Onbekende indicator: ${p.id}. Zie GET /api/v1/indicators.`,
    (p) => `Unknown indicator: ${p.id}.`,
  ),
  /** a split an indicator does not allow (indicators/catalogue.ts checkSplit gives the texts) */
  onbekende_splitsing: said(400),
  onvolledige_splitsing: fixed(
    400,
    'Geef splitBy en splitKey samen, of geen van beide.',
    'Give splitBy and splitKey together, or neither.',
  ),
  ongeldige_datum: withParams<{ deadline: string }>(
    400,
    (p) => `Ongeldige deadline: ${p.deadline} (JJJJ-MM-DD).`,
    () => 'Invalid deadline.',
  ),
  'ongeldige_datum.uiterlijk': withParams<{ day: string }>(
    400,
    (p) => `Ongeldige datum voor 'uiterlijk': ${p.day} (JJJJ-MM-DD, een bestaande dag tussen 2000 en 2199).`,
    (p) => `Invalid date for 'uiterlijk': ${p.day} (YYYY-MM-DD, a day that exists, between 2000 and 2199).`,
  ),
  'ongeldige_datum.einddatum': withParams<{ day: string }>(
    400,
    (p) => `Ongeldige einddatum: ${p.day} (JJJJ-MM-DD, een bestaande dag tussen 2000 en 2199).`,
    (p) => `Invalid end date: ${p.day} (YYYY-MM-DD, a day that exists, between 2000 and 2199).`,
  ),
  'ongeldige_datum.stand': withParams<{ field: string; day: string; today: string }>(
    400,
    (p) =>
      `Ongeldige datum voor ${p.field}: ${p.day} (JJJJ-MM-DD, een bestaande dag vanaf 2000-01-01 en niet na vandaag, ${p.today}).`,
    (p) =>
      `Invalid date for ${p.field}: ${p.day} (YYYY-MM-DD, a day that exists, from 2000-01-01 and not after today, ${p.today}).`,
  ),
  'ongeldige_datum.peildatum': withParams<{ day: string }>(
    400,
    (p) => `Ongeldige peildatum: ${p.day} (JJJJ-MM-DD, een bestaande dag).`,
    (p) => `Invalid reference date: ${p.day} (YYYY-MM-DD, a day that exists).`,
  ),
  onbekend_contract: withParams<{ id: string }>(
    404,
    (p) => `Contract ${p.id} is er niet (of valt buiten uw scope).`,
    (p) => `No contract ${p.id} in your scope.`,
  ),
  // an evaluation moment entered on the page (issue 21, app/evaluations.ts): the field and why, in words
  ongeldige_evaluatie: said(400),
  onbekend_traject: withParams<{ gemeente: string; traject: string }>(
    404,
    (p) => `Traject ${p.traject} van gemeente ${p.gemeente} is er niet (of valt buiten uw scope).`,
    (p) => `No trajectory ${p.traject} of gemeente ${p.gemeente} in your scope.`,
  ),

  // benchmark (benchmark/*, server/routes/benchmark.ts)
  geen_gemeente: fixed(400, 'Kies een gemeente.', 'Choose a gemeente.'),
  ongeldige_referentiegroep: said(400),
  geen_cbs_gegevens: said(404),
  cbs_koppeling_fout: said(500),
  // the regional solidarity settings of a data directory (indicators/solidarityConfig.ts)
  solidariteit_instelling_fout: said(500),

  // narratives
  toestemming_nodig: fixed(
    400,
    'Een verhaal van een cliënt of professional mag alleen worden bewaard met diens toestemming; vink toestemming aan.',
    'A client or professional story needs their consent.',
  ),
  'persoonsgegevens.doel': withParams<{ field: string; hint: string }>(
    400,
    (p) =>
      `${p.field}: de tekst lijkt ${p.hint} te bevatten. Een doel staat ook voor bestuur en in de raadsrapportage: geen persoonsgegevens (een rol of team als eigenaar, geen naam of contactgegevens).`,
    (p) => `${p.field}: the text seems to contain personal data; a goal is shown to bestuur and the council too.`,
  ),
  persoonsgegevens: withParams<{ hint: string }>(
    400,
    (p) => `De tekst lijkt ${p.hint} te bevatten. Een externe duiding mag geen persoonsgegevens bevatten.`,
    () => 'The text seems to contain personal data; not allowed in an external story.',
  ),
  // a BSN is never stored, not even in an internal story (red team 35: the refusal spoke of an external one)
  'persoonsgegevens.bsn': fixed(
    400,
    'De tekst lijkt een BSN te bevatten. Een BSN wordt nergens bewaard, ook niet in een interne duiding.',
    'The text seems to contain a BSN. A BSN is stored nowhere, not in an internal story either.',
  ),
  // a team's story stays inside the gemeente, as every team figure (red team 34)
  team_verhaal_intern: fixed(
    400,
    'Een verhaal bij een team is intern: kies zichtbaarheid intern, of bewaar het voor de hele gemeente als het extern mag.',
    "A team's story is internal: choose visibility intern, or keep it for the whole gemeente if it may be external.",
  ),
  // what a story is about (issue 20): a figure in a period, or a provider, product or theme
  verhaal_onderwerp: withParams<{ nl: string; en: string }>(
    400,
    (p) => `Waar gaat het verhaal over? Verwacht: ${p.nl}.`,
    (p) => `What is the story about? Expected: ${p.en}.`,
  ),

  // care forms and norms
  geen_regio: fixed(400, 'Uw gemeenten horen niet bij een regio.', 'Your gemeenten belong to no region.'),
  onbekende_categorie: withParams<{ category: string }>(
    400,
    (p) => `Productcategorie ${p.category} staat niet in de indeling.`,
    (p) => `Unknown product category ${p.category}.`,
  ),
  onbekende_norm: withParams<{ key: string; known: readonly string[] }>(
    400,
    (p) => `Onbekende norm '${p.key}'; wel: ${list(p.known)}.`,
    (p) => `Unknown norm '${p.key}'.`,
  ),
  buiten_bereik: withParams<{ nl: string; en: string; min: number; max: number; unit: string }>(
    400,
    (p) => `${p.nl}: kies ${p.min} tot ${p.max} ${p.unit}.`,
    (p) => `${p.en}: choose ${p.min} to ${p.max}.`,
  ),

  // business cases
  geen_afbakening: fixed(
    400,
    'Geef aan welke zorg de investering vervangt: intensiteiten en/of productcategorieën.',
    'Say which care the investment replaces: intensities and/or product categories.',
  ),
  ongeldig_basisjaar: fixed(
    400,
    'Het basisjaar moet vóór het startjaar liggen.',
    'The baseline year must come before the start year.',
  ),

  // uploads and imports (server/routes/data.ts, ingest/*)
  bezig: fixed(409, 'Er loopt al een inleesronde; probeer het zo opnieuw.', 'An import is already running.'),
  geen_bestand: fixed(
    400,
    'Stuur de bestanden als multipart/form-data in het veld "bestand".',
    'Send files as multipart/form-data.',
  ),
  'geen_bestand.leeg': fixed(400, 'Er zat geen bestand in het verzoek.', 'No file in the request.'),
  /** a file or archive over a limit (ingest/limits.ts) */
  te_groot: said(413),
  'te_groot.upload': withParams<{ name: string; mb: number }>(
    413,
    (p) => `${p.name} is groter dan ${p.mb} MB, de grens voor uploaden; lees grote bestanden in met 'zicht import'.`,
    (p) => `${p.name} is larger than ${p.mb} MB, the upload limit; use 'zicht import' for large files.`,
  ),
  verkeerd_soort_bestand: withParams<{ name: string; extensions: string }>(
    400,
    (p) =>
      `${p.name}: via de website kunnen CSV- en Excel-bestanden (${p.extensions}) worden ingelezen; iJw-berichten en zip-bestanden met 'zicht import'.`,
    (p) =>
      `${p.name}: the web takes CSV and Excel files (${p.extensions}); use 'zicht import' for iJw messages and zip archives.`,
  ),
  /** a mapping profile that is not well-formed (ingest/xlsx/profiles.ts) */
  ongeldig_profiel: said(400),
  onbekend_profiel: said(400),

  // reports (server/routes/reports.ts, reports/model.ts)
  ongeldig_rapport: said(400),
  geen_aanbieder: fixed(400, 'Het aanbiedersrapport vraagt een AGB-code.', 'The provider report needs an AGB code.'),
  onbekende_aanbieder: withParams<{ agb: string }>(
    400,
    (p) => `Aanbieder ${p.agb} is niet bekend: een afspraak hoort bij een aanbieder met trajecten in de gegevens.`,
    (p) => `Provider ${p.agb} is not known: an agreement belongs to a provider with trajectories in the data.`,
  ),
  'onbekende_aanbieder.stop': withParams<{ agb: string }>(
    400,
    (p) => `Aanbieder ${p.agb} is niet bekend: alleen een aanbieder uit de gegevens kan als stoppend worden gemeld.`,
    (p) => `Provider ${p.agb} is not known: only a provider in the data can be marked as stopping.`,
  ),
  // liaison positions (app/liaison.ts, server/routes/liaison.ts)
  ongeldige_functie: said(400),
  onbekende_functie: fixed(
    404,
    'Deze verbindingsfunctie bestaat niet (of valt buiten uw toegang).',
    'This liaison position does not exist (or is outside your access).',
  ),
  onbekende_stop: fixed(
    404,
    'Voor deze aanbieder in deze gemeente is geen stop gemeld (of die valt buiten uw toegang).',
    'No exit has been marked for this provider in this gemeente (or it is outside your access).',
  ),
  // the sociale kaart (issue 21): an offer refused field by field, in the words the importer uses
  ongeldig_aanbod: withParams<{ field: string; nl: string; en: string }>(
    400,
    // the field as words (geldig tot), as the form labels it, not as the CSV column
    (p) => `Ongeldig aanbod, veld '${String(p.field).replace(/_/g, ' ')}': ${p.nl}.`,
    (p) => `Invalid offer, field '${p.field}': ${p.en}.`,
  ),
  onbekend_aanbod: fixed(
    404,
    'Dit aanbod bestaat niet (of valt buiten uw toegang).',
    'This offer does not exist (or is outside your access).',
  ),
  'bestaat_al.aanbod': withParams<{ id: string }>(
    409,
    (p) => `Er is in deze gemeente al een aanbod met nummer '${p.id}'; kies een ander nummer of wijzig dat aanbod.`,
    (p) => `This gemeente already has an offer with id '${p.id}'; choose another id or change that offer.`,
  ),
  geen_sociale_kaart: fixed(
    404,
    'Voor dit adres is geen sociale kaart: gebruik /sociale-kaart/ met de viercijferige gemeentecode.',
    'There is no sociale kaart at this address: use /sociale-kaart/ with the four-digit gemeente code.',
  ),
  // the pilot and project register (issue 21)
  onbekende_pilot: fixed(
    404,
    'Deze pilot bestaat niet (of valt buiten uw toegang).',
    'This pilot does not exist (or is outside your access).',
  ),
  pilot_bestaat: withParams<{ name: string }>(
    409,
    (p) => `Er is al een pilot met de naam "${p.name}" in deze gemeente; kies een andere naam of wijzig die pilot.`,
    (p) => `There already is a pilot named "${p.name}" in this gemeente; choose another name or change that pilot.`,
  ),
  pilot_koppeling: withParams<{ field: string; ids: string; gemeente: string }>(
    400,
    (p) => `Veld '${p.field}': ${p.ids} bestaat niet in gemeente ${p.gemeente} (of valt buiten uw toegang).`,
    (p) => `Field '${p.field}': ${p.ids} does not exist in gemeente ${p.gemeente} (or is outside your access).`,
  ),
  pilot_ongeldig: withParams<{ field: string; nl: string; en: string }>(
    400,
    (p) => `Veld '${p.field}': ${p.nl}.`,
    (p) => `Field '${p.field}': ${p.en}.`,
  ),
  onbekende_afspraak: fixed(
    404,
    'Deze afspraak bestaat niet (of valt buiten uw toegang).',
    'This agreement does not exist (or is outside your access).',
  ),
  alleen_maand: fixed(400, 'Een teamrapport is een maandrapportage.', 'A team report is a monthly report.'),
  // red team 6: a team's amounts in the external version, beside the gemeente's, gave hidden team cells back
  team_alleen_intern: fixed(
    403,
    'Een teamrapport bestaat alleen in de interne versie: de bedragen per team zijn naast die van de gemeente niet te beschermen.',
    "A team report exists only in the internal version: a team's amounts cannot be protected beside the gemeente's.",
  ),
  bewaard_geen_team: fixed(
    400,
    'Een bewaard rapport is per gemeente of regio; een teamrapport maak je los: zicht report maand --team <team>.',
    'A saved report is per municipality or region; make a team report on its own: zicht report maand --team <team>.',
  ),
  onbekend_team: withParams<{ team: string; gemeente: string | undefined }>(
    400,
    (p) => `Team '${p.team}' bestaat niet in gemeente ${p.gemeente}.`,
    (p) => `Unknown team '${p.team}'.`,
  ),
  bestaat_al: withParams<{ name: string }>(
    409,
    (p) => `Er is al een vast rapport '${p.name}'; kies een andere naam.`,
    (p) => `A saved report '${p.name}' exists already.`,
  ),
  onbekend_rapport: withParams<{ name: string }>(
    404,
    (p) => `Geen vast rapport '${p.name}' binnen uw scope.`,
    () => 'No such saved report in your scope.',
  ),
  'onbekend_rapport.bestand': fixed(
    404,
    'Dit rapport is er niet (of niet binnen uw scope).',
    'No such report in your scope.',
  ),
  bestand_weg: withParams<{ name: string; period: string; dir: string }>(
    410,
    (p) => `Het bestand van ${p.name} ${p.period} is uit de map ${p.dir} verwijderd.`,
    () => 'The file has been removed.',
  ),

  // log-in via an identity provider (server/auth/oidc.ts): shown on the log-in page
  oidc_fout: said(502),

  // the command line (cli/*): the status only matters if one of these ever reaches the API
  /** a command given without what it needs: the command's own usage line */
  gebruik: said(400),
  'bestaat_al.bestand': withParams<{ path: string }>(
    400,
    (p) => `${p.path} bestaat al; kies een nieuwe naam`,
    () => 'already exists',
  ),
  'onbekende_indicator.lijst': withParams<{ ids: readonly string[] }>(
    400,
    (p) => `Onbekende indicator: ${list(p.ids)}. Zie: zicht indicators --list`,
    (p) => `unknown indicator: ${list(p.ids)}. See: zicht indicators --list`,
  ),
  geen_gemeenten: withParams<{ region: string }>(
    400,
    (p) => `Regio ${p.region} heeft geen gemeenten in de gegevens`,
    () => 'region has no gemeenten in the data',
  ),
  // a code that is neither in the data nor in CBS's gemeente list (current or ended): a typo, not "no data"
  'geen_gemeenten.onbekend': withParams<{ codes: readonly string[]; known: readonly string[] }>(
    400,
    (p) =>
      `${p.codes.length === 1 ? 'Gemeente' : 'Gemeenten'} ${list(p.codes)} ${p.codes.length === 1 ? 'staat' : 'staan'} niet in de gegevens en niet in de gemeentelijst van CBS${p.known.length === 0 ? '' : ` (in de gegevens: ${list(p.known.slice(0, 12))}${p.known.length > 12 ? ', …' : ''})`}`,
    (p) => `unknown gemeente ${list(p.codes)}: not in the data, not in CBS's list of gemeenten`,
  ),
  ongeldige_optie: said(400),
  'ongeldige_optie.poort': withParams<{ value: string | undefined }>(
    400,
    (p) => `--port moet een getal 0–65535 zijn (kreeg ${p.value})`,
    (p) => `--port must be 0–65535 (got ${p.value})`,
  ),
  'ongeldige_optie.uitvoer': withParams<{ value: string }>(
    400,
    (p) => `--out moet eindigen op .pdf of .xlsx (kreeg ${p.value})`,
    (p) => `--out must end in .pdf or .xlsx (got ${p.value})`,
  ),
  'ongeldige_optie.resolve': fixed(
    400,
    '--resolve: geef nummers uit de quarantainelijst, bv. --resolve 12,13',
    'give entry numbers',
  ),
  'ongeldige_optie.size': fixed(400, '--size moet region of national zijn', '--size must be region or national'),
  'ongeldige_optie.team': fixed(
    400,
    '--team is leeg: geef de naam van een team, of laat --team weg voor de hele gemeente',
    '--team is empty: give a team name, or leave --team out for the whole gemeente',
  ),
  'geen_bestand.cli': fixed(
    400,
    'Geef een of meer bestanden op: zicht import trajecten.csv',
    'give one or more files: zicht import trajecten.csv',
  ),
  'geen_bestand.niet_gevonden': withParams<{ paths: readonly string[] }>(
    400,
    (p) => `Bestand niet gevonden: ${list(p.paths)}`,
    (p) => `file not found: ${list(p.paths)}`,
  ),
  /** a file the user gave that is not well-formed: the text names the file and the field */
  ongeldig_bestand: said(400),
  'ongeldig_bestand.json': withParams<{ file: string; reason: string }>(
    400,
    (p) => `${p.file}: geen leesbare JSON`,
    (p) => `not readable JSON (${p.reason})`,
  ),
  'onbekend_team.wel': withParams<{ team: string; gemeente: string; known: readonly string[] }>(
    400,
    (p) => `Team '${p.team}' bestaat niet in gemeente ${p.gemeente}; wel: ${list(p.known) || '(geen teams)'}`,
    () => 'unknown team',
  ),
  'geen_aanbieder.cli': fixed(
    400,
    'het aanbiedersrapport vraagt --aanbieder <AGB-code>',
    'the provider report needs --aanbieder <AGB code>',
  ),
  'geen_toegang.demo_code': fixed(
    400,
    'Alleen voor demo-accounts met een tweede factor',
    'only for demo accounts with a second factor.',
  ),
  // files an importer refuses whole (ingest/): the text names the file, and the line or entry where it applies
  'ongeldig_bestand.zip': said(400),
  'ongeldig_bestand.codering': said(400),
  'ongeldig_bestand.blad': said(400),
  'ongeldig_bestand.csv': withParams<{ line: number; kind: 'truncated' | 'record_too_long'; maxChars: number }>(
    400,
    (p) =>
      p.kind === 'truncated'
        ? `het bestand eindigt midden in een veld tussen aanhalingstekens dat op regel ${p.line} begint`
        : `regel ${p.line} is langer dan ${p.maxChars} tekens`,
    (p) =>
      p.kind === 'truncated'
        ? `file ends inside a quoted field that starts on line ${p.line}`
        : `record on line ${p.line} is longer than ${p.maxChars} characters`,
  ),
  /** the installation's retention terms (ops/retention.ts): the text names the file and the record type */
  'ongeldig_bestand.bewaartermijnen': said(400),
  cbs_onbereikbaar: said(502),
  // the pseudonymisation key does not open what was sealed with it (ingest/seal.ts)
  // (one text "nl / en": it is also the message the import report and the logs carry)
  sleutel_past_niet: inOne<{ what: string }>(
    409,
    (p) =>
      `${p.what}: het bewaarde bronbestand is niet te openen met deze pseudonimiseringssleutel (andere sleutel, of het bestand is beschadigd) / the kept raw input cannot be opened with this pseudonymisation key (another key, or the file is damaged)`,
  ),
  // the data directory belongs to another process (store/dirLock.ts; the CLI exits 75 for it)
  datamap_in_gebruik: said(409),
  // backup and restore (ops/backup.ts): the text names the directory or file
  back_up_fout: said(400),
  // the access log's head outside the database (audit/head.ts)
  toegangslog_kop: said(409),
  // configuration (cli/config.ts): an environment variable with a value Zicht does not understand
  ongeldige_instelling: withParams<{ name: string; value: string; expected: string; expectedEn: string }>(
    400,
    (p) => `${p.name}=${p.value} is ongeldig: verwacht ${p.expected}`,
    (p) => `${p.name}=${p.value} is not valid: expected ${p.expectedEn}`,
  ),
  // the command line (cli/main.ts): an option the command does not declare
  onbekende_optie: withParams<{ command: string; options: string }>(
    400,
    (p) => `zicht ${p.command} kent ${p.options} niet`,
    (p) => `zicht ${p.command} does not take ${p.options}`,
  ),
} as const satisfies Record<string, ErrorSpec<never>>;

export type ErrorKey = keyof typeof ERRORS;
type ParamsOf<K extends ErrorKey> = (typeof ERRORS)[K] extends ErrorSpec<infer P> ? P : never;
type Args<K extends ErrorKey> = [ParamsOf<K>] extends [void] ? [] : [ParamsOf<K>];

/** The API code of a catalogue key: the part before the dot. */
export const codeOf = (key: ErrorKey): string => key.split('.')[0]!;

/** An error the user is told about, in Dutch and English, with a stable code and an HTTP status. */
export class UserError<K extends ErrorKey = ErrorKey> extends Error {
  readonly key: K;
  readonly code: string;
  readonly status: number;
  readonly nl: string;
  readonly en: string;
  constructor(key: K, ...args: Args<K>) {
    const spec = ERRORS[key] as ErrorSpec<unknown>;
    const p = args[0];
    const nl = spec.nl(p);
    const en = spec.en(p);
    const one = spec.one?.(p);
    // a text said in one string ("nl / en") is the message as it was; otherwise the English (logs)
    super(one ?? (nl === en ? nl : en));
    this.key = key;
    this.code = codeOf(key);
    this.status = spec.status;
    this.nl = nl;
    this.en = en;
    this.one = one;
  }

  private readonly one: string | undefined;

  /** The text on one line for a terminal: Dutch, then English when it differs (a one-string text as it was said). */
  get bilingual(): string {
    return this.one ?? (this.nl === this.en ? this.nl : `${this.nl} / ${this.en}`);
  }
}

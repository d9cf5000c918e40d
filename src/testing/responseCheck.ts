/**
 * Every answer a server test receives, checked against what its route declares (issue 17.2): the status must be
 * one the route documents, the media type one that status lists, a JSON body must validate against that schema
 * (ajv, the same JSON Schema the OpenAPI document shows), every answer must carry `API-Version`, and an error must
 * be problem details. So the document cannot drift from what the server does without a server test failing.
 * The server fixture (testing/server.ts) installs it; its close() fails with what did not match.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Answer } from '../server/app.js';
import { API_PREFIX, DOCS_PATH, OPENAPI_PATH, PROBLEM_MEDIA, PROBLEM_SCHEMA } from '../server/apiSchema.js';

type Schema = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export class ResponseCheck {
  /** what did not match, one line per route, status and kind of mismatch (the first body error kept) */
  readonly mismatches = new Map<string, string>();
  checked = 0;
  private readonly ajv: Ajv;
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
  }

  private validator(schema: Schema): ValidateFunction {
    let v = this.compiled.get(schema);
    if (!v) {
      v = this.ajv.compile(schema);
      this.compiled.set(schema, v);
    }
    return v;
  }

  private miss(key: string, text: string): void {
    if (!this.mismatches.has(key)) this.mismatches.set(key, text);
  }

  /** Hand this to buildApp as `onAnswer`. */
  readonly observe = (a: Answer): void => {
    const route = a.route;
    const where = `${a.method} ${route ?? '(geen route)'} ${a.status}`;
    if (!a.headers['api-version']) this.miss(`${where} version`, `${where}: no API-Version header`);
    if (a.method === 'HEAD' || a.method === 'OPTIONS') return;
    const media = a.contentType.split(';')[0]!.trim();
    if (a.status >= 400 && media !== PROBLEM_MEDIA) {
      this.miss(`${where} media`, `${where}: error answered as ${media || '(none)'}, not ${PROBLEM_MEDIA}`);
      return;
    }
    // the web app's files, the docs viewer and the document itself are not API operations
    const operation =
      route !== undefined &&
      route.startsWith(`${API_PREFIX}/`) &&
      route !== OPENAPI_PATH &&
      !route.startsWith(DOCS_PATH);
    if (!operation) {
      if (a.status >= 400) this.body(where, PROBLEM_SCHEMA, a.payload);
      return;
    }
    const declared = ((a.schema as { response?: Record<string, Schema> } | undefined)?.response ?? {}) as Record<
      string,
      Schema
    >;
    const entry = declared[String(a.status)] ?? declared[`${String(a.status)[0]}XX`] ?? declared.default;
    if (!entry) {
      this.miss(`${where} status`, `${where}: status not declared (declared: ${Object.keys(declared).join(', ')})`);
      return;
    }
    this.checked++;
    const content = entry.content as Record<string, { schema: Schema }> | undefined;
    if (!content) return; // a redirect or an empty answer
    const declaredMedia = content[media];
    if (!declaredMedia) {
      this.miss(`${where} media`, `${where}: ${media} not declared (${Object.keys(content).join(', ')})`);
      return;
    }
    if (/json/.test(media)) this.body(where, declaredMedia.schema, a.payload);
  };

  private body(where: string, schema: Schema, payload: unknown): void {
    let data: unknown;
    try {
      data = JSON.parse(Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload));
    } catch {
      this.miss(`${where} json`, `${where}: body is not JSON`);
      return;
    }
    const validate = this.validator(schema);
    if (!validate(data)) {
      const e = validate.errors?.[0];
      this.miss(`${where} body`, `${where}: ${e?.instancePath || '/'} ${e?.message ?? 'invalid'}`);
    }
  }

  /** The mismatches as one message, or null when every answer matched. */
  report(): string | null {
    if (this.mismatches.size === 0) return null;
    return `${this.mismatches.size} answers differ from their declared schema:\n${[...this.mismatches.values()].join('\n')}`;
  }
}

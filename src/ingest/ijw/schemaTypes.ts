/**
 * The compiled form of the iJw 3.2 XSDs that Zicht ships (ijw-3.2.schema.json): enough to validate
 * a message in the process the way the XSDs do (element order, occurrence, value facets) without
 * an XSD engine or the schema files at run time.
 */
export interface SimpleTypeDef {
  readonly base: 'string' | 'integer' | 'date' | 'time';
  /** every pattern must match the whole value (patterns of derived types are all applied) */
  readonly patterns?: readonly string[];
  readonly enumeration?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
}

export interface ElementDef {
  readonly name: string;
  /** namespace prefix of the schema that declares it (jw301, ijw …) */
  readonly ns: string;
  /** qualified type name: a key of complexTypes or simpleTypes */
  readonly type: string;
  readonly min: number;
  /** -1 = unbounded */
  readonly max: number;
}

export interface MessageDef {
  readonly namespace: string;
  readonly rootType: string;
}

export interface CompiledSchema {
  readonly source: string;
  readonly namespaces: Readonly<Record<string, string>>;
  readonly messages: Readonly<Record<string, MessageDef>>;
  readonly complexTypes: Readonly<Record<string, readonly ElementDef[]>>;
  readonly simpleTypes: Readonly<Record<string, SimpleTypeDef>>;
}

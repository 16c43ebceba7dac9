/**
 * The draft-07 cases a programme form handles differently from the JSON-Schema-Test-Suite, each
 * with the reasons (the checks that refuse the case's schema). Every case not listed here must be
 * accepted and give the suite's answer for every instance; every case listed must be refused for
 * exactly these reasons (test/integration/schema-conformance.test.ts). A change in behaviour shows
 * up as a change to this list. docs/form-keywords.md, "Agreement with JSON Schema draft-07",
 * explains each reason.
 */

export interface Reason {
  /** How checkFormSchema words the refusal (its English message). */
  pattern: RegExp;
  /**
   * An authoring rule: it refuses a way of writing a form, not a meaning. For cases refused only
   * by such rules the test still checks that the form validator, without them, gives the suite's
   * answers: the data is judged as draft-07 says.
   */
  authoring: boolean;
}

export const REASONS = {
  /** A keyword for one JSON type (maxLength, minimum, properties, items…) without `type` (ajv strictTypes). */
  TYPE_NEEDED: { pattern: /\(strictTypes\)/, authoring: true },
  /** `required` naming a property no `properties` for the same data defines: the form never shows it. */
  REQUIRED_UNDEFINED: { pattern: /^required names/, authoring: true },
  /** A tuple without `maxItems` or `"additionalItems": false`. */
  TUPLE_UNBOUNDED: { pattern: /^a tuple/, authoring: true },
  /** A keyword with no effect where it stands: `then`/`else` without `if`, `if` alone, `additionalItems` without tuple `items`. */
  IGNORED: { pattern: /^(?!.*beside "\$ref").*is ignored/, authoring: true },
  /** A validation keyword beside `$ref`: draft-07 ignores it, ajv and rjsf apply it. */
  REF_SIBLING: { pattern: /beside "\$ref"/, authoring: false },
  /** `$id` with a URI, or a `$ref` outside the document: nothing is fetched, the base URI never changes. */
  REMOTE: { pattern: /remote references are refused|\$id may only be an anchor/, authoring: false },
  /** A reference that resolves to nothing inside the document (only with REMOTE here: relative URIs need a base). */
  DANGLING: { pattern: /does not resolve inside this document/, authoring: false },
  /** A format ajv-formats does not implement (idn-email, idn-hostname, iri, iri-reference): refused, not ignored. */
  FORMAT: { pattern: /^unknown format/, authoring: false },
  /** A property named `__proto__`: ajv skips it, so its value could not be validated. */
  PROTO: { pattern: /cannot be validated/, authoring: false },
} satisfies Record<string, Reason>;

export type ReasonName = keyof typeof REASONS;

const { TYPE_NEEDED, REQUIRED_UNDEFINED, TUPLE_UNBOUNDED, IGNORED, REF_SIBLING, REMOTE, DANGLING, FORMAT, PROTO } = Object.fromEntries(
  Object.keys(REASONS).map((k) => [k, k]),
) as { [K in ReasonName]: K };

/** `file: case description` → why the form language refuses the case's schema. */
export const DIFFERENCES: Readonly<Record<string, readonly ReasonName[]>> = {
  // additionalItems.json
  "additionalItems: additionalItems as schema": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "additionalItems: when items is schema, additionalItems does nothing": [TYPE_NEEDED, IGNORED],
  "additionalItems: when items is schema, boolean additionalItems does nothing": [TYPE_NEEDED, IGNORED],
  "additionalItems: array of items with no additionalItems permitted": [TYPE_NEEDED],
  "additionalItems: additionalItems as false without items": [TYPE_NEEDED, IGNORED],
  "additionalItems: additionalItems are allowed by default": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "additionalItems: additionalItems does not look in applicators, invalid case": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "additionalItems: items validation adjusts the starting index for additionalItems": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "additionalItems: additionalItems with heterogeneous array": [TYPE_NEEDED],
  "additionalItems: additionalItems with null instance elements": [TYPE_NEEDED, IGNORED],
  // additionalProperties.json
  "additionalProperties: additionalProperties being false does not allow other properties": [TYPE_NEEDED],
  "additionalProperties: non-ASCII pattern with additionalProperties": [TYPE_NEEDED],
  "additionalProperties: additionalProperties with schema": [TYPE_NEEDED],
  "additionalProperties: additionalProperties can exist by itself": [TYPE_NEEDED],
  "additionalProperties: additionalProperties are allowed by default": [TYPE_NEEDED],
  "additionalProperties: additionalProperties does not look in applicators": [TYPE_NEEDED],
  "additionalProperties: additionalProperties with null valued instance properties": [TYPE_NEEDED],
  // allOf.json
  "allOf: allOf": [TYPE_NEEDED],
  "allOf: allOf with base schema": [TYPE_NEEDED],
  "allOf: allOf simple types": [TYPE_NEEDED],
  "allOf: allOf combined with anyOf, oneOf": [TYPE_NEEDED],
  // anyOf.json
  "anyOf: anyOf": [TYPE_NEEDED],
  "anyOf: anyOf complex types": [TYPE_NEEDED],
  // contains.json
  "contains: contains keyword validation": [TYPE_NEEDED],
  "contains: contains keyword with const keyword": [TYPE_NEEDED],
  "contains: contains keyword with boolean schema true": [TYPE_NEEDED],
  "contains: contains keyword with boolean schema false": [TYPE_NEEDED],
  "contains: items + contains": [TYPE_NEEDED],
  "contains: contains with false if subschema": [TYPE_NEEDED],
  "contains: contains with null instance elements": [TYPE_NEEDED],
  // default.json
  "default: invalid type for default": [TYPE_NEEDED],
  "default: invalid string value for default": [TYPE_NEEDED],
  // definitions.json
  "definitions: validate definition against metaschema": [REMOTE],
  // dependencies.json
  "dependencies: dependencies": [TYPE_NEEDED],
  "dependencies: dependencies with empty array": [TYPE_NEEDED],
  "dependencies: multiple dependencies": [TYPE_NEEDED],
  "dependencies: multiple dependencies subschema": [TYPE_NEEDED],
  "dependencies: dependencies with boolean subschemas": [TYPE_NEEDED],
  "dependencies: dependencies with escaped characters": [REQUIRED_UNDEFINED, TYPE_NEEDED],
  "dependencies: dependent subschema incompatible with root": [TYPE_NEEDED],
  // exclusiveMaximum.json
  "exclusiveMaximum: exclusiveMaximum validation": [TYPE_NEEDED],
  // exclusiveMinimum.json
  "exclusiveMinimum: exclusiveMinimum validation": [TYPE_NEEDED],
  // format.json
  "format: email format": [TYPE_NEEDED],
  "format: idn-email format": [FORMAT],
  "format: regex format": [TYPE_NEEDED],
  "format: ipv4 format": [TYPE_NEEDED],
  "format: ipv6 format": [TYPE_NEEDED],
  "format: idn-hostname format": [FORMAT],
  "format: hostname format": [TYPE_NEEDED],
  "format: date format": [TYPE_NEEDED],
  "format: date-time format": [TYPE_NEEDED],
  "format: time format": [TYPE_NEEDED],
  "format: json-pointer format": [TYPE_NEEDED],
  "format: relative-json-pointer format": [TYPE_NEEDED],
  "format: iri format": [FORMAT],
  "format: iri-reference format": [FORMAT],
  "format: uri format": [TYPE_NEEDED],
  "format: uri-reference format": [TYPE_NEEDED],
  "format: uri-template format": [TYPE_NEEDED],
  // if-then-else.json
  "if-then-else: ignore if without then or else": [IGNORED],
  "if-then-else: ignore then without if": [IGNORED],
  "if-then-else: ignore else without if": [IGNORED],
  "if-then-else: if and then without else": [TYPE_NEEDED],
  "if-then-else: if and else without then": [TYPE_NEEDED],
  "if-then-else: validate against correct branch, then vs else": [TYPE_NEEDED],
  "if-then-else: non-interference across combined schemas": [IGNORED],
  "if-then-else: if appears at the end when serialized (keyword processing sequence)": [TYPE_NEEDED],
  // infinite-loop-detection.json
  "infinite-loop-detection: evaluating the same schema location against the same data location twice is not a sign of an infinite loop": [TYPE_NEEDED],
  // items.json
  "items: a schema given for items": [TYPE_NEEDED],
  "items: an array of schemas for items": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "items: items with boolean schema (true)": [TYPE_NEEDED],
  "items: items with boolean schema (false)": [TYPE_NEEDED],
  "items: items with boolean schemas": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "items: items and subitems": [REQUIRED_UNDEFINED],
  "items: single-form items with null instance elements": [TYPE_NEEDED],
  "items: array-form items with null instance elements": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  // maxItems.json
  "maxItems: maxItems validation": [TYPE_NEEDED],
  "maxItems: maxItems validation with a decimal": [TYPE_NEEDED],
  // maxLength.json
  "maxLength: maxLength validation": [TYPE_NEEDED],
  "maxLength: maxLength validation with a decimal": [TYPE_NEEDED],
  // maxProperties.json
  "maxProperties: maxProperties validation": [TYPE_NEEDED],
  "maxProperties: maxProperties validation with a decimal": [TYPE_NEEDED],
  "maxProperties: maxProperties = 0 means the object is empty": [TYPE_NEEDED],
  // maximum.json
  "maximum: maximum validation": [TYPE_NEEDED],
  "maximum: maximum validation with unsigned integer": [TYPE_NEEDED],
  // minItems.json
  "minItems: minItems validation": [TYPE_NEEDED],
  "minItems: minItems validation with a decimal": [TYPE_NEEDED],
  // minLength.json
  "minLength: minLength validation": [TYPE_NEEDED],
  "minLength: minLength validation with a decimal": [TYPE_NEEDED],
  // minProperties.json
  "minProperties: minProperties validation": [TYPE_NEEDED],
  "minProperties: minProperties validation with a decimal": [TYPE_NEEDED],
  // minimum.json
  "minimum: minimum validation": [TYPE_NEEDED],
  "minimum: minimum validation with signed integer": [TYPE_NEEDED],
  // multipleOf.json
  "multipleOf: by int": [TYPE_NEEDED],
  "multipleOf: by number": [TYPE_NEEDED],
  "multipleOf: by small number": [TYPE_NEEDED],
  // not.json
  "not: forbidden property": [TYPE_NEEDED],
  // oneOf.json
  "oneOf: oneOf": [TYPE_NEEDED],
  "oneOf: oneOf complex types": [TYPE_NEEDED],
  "oneOf: oneOf with required": [REQUIRED_UNDEFINED],
  "oneOf: oneOf with missing optional property": [TYPE_NEEDED],
  // pattern.json
  "pattern: pattern validation": [TYPE_NEEDED],
  "pattern: pattern is not anchored": [TYPE_NEEDED],
  // patternProperties.json
  "patternProperties: patternProperties validates properties matching a regex": [TYPE_NEEDED],
  "patternProperties: multiple simultaneous patternProperties are validated": [TYPE_NEEDED],
  "patternProperties: regexes are not anchored by default and are case sensitive": [TYPE_NEEDED],
  "patternProperties: patternProperties with boolean schemas": [TYPE_NEEDED],
  "patternProperties: patternProperties with null valued instance properties": [TYPE_NEEDED],
  // properties.json
  "properties: object properties validation": [TYPE_NEEDED],
  "properties: properties, patternProperties, additionalProperties interaction": [TYPE_NEEDED],
  "properties: properties with boolean schema": [TYPE_NEEDED],
  "properties: properties with escaped characters": [TYPE_NEEDED],
  "properties: properties with null valued instance properties": [TYPE_NEEDED],
  "properties: properties whose names are Javascript object property names": [PROTO],
  // propertyNames.json
  "propertyNames: propertyNames validation": [TYPE_NEEDED],
  "propertyNames: propertyNames validation with pattern": [TYPE_NEEDED],
  "propertyNames: propertyNames with boolean schema true": [TYPE_NEEDED],
  "propertyNames: propertyNames with boolean schema false": [TYPE_NEEDED],
  "propertyNames: propertyNames with const": [TYPE_NEEDED],
  "propertyNames: propertyNames with enum": [TYPE_NEEDED],
  // ref.json
  "ref: root pointer ref": [TYPE_NEEDED],
  "ref: relative pointer ref to object": [TYPE_NEEDED],
  "ref: relative pointer ref to array": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "ref: escaped pointer ref": [TYPE_NEEDED],
  "ref: ref overrides any sibling keywords": [REF_SIBLING, TYPE_NEEDED],
  "ref: $ref prevents a sibling $id from changing the base uri": [REMOTE],
  "ref: remote ref, containing refs itself": [REMOTE],
  "ref: property named $ref that is not a reference": [TYPE_NEEDED],
  "ref: property named $ref, containing an actual $ref": [TYPE_NEEDED],
  "ref: Recursive references between schemas": [REMOTE],
  "ref: refs with quote": [TYPE_NEEDED],
  "ref: Reference an anchor with a non-relative URI": [REMOTE],
  "ref: Location-independent identifier with base URI change in subschema": [REMOTE],
  "ref: refs with relative uris and defs": [REMOTE, DANGLING],
  "ref: relative refs with absolute uris and defs": [REMOTE, DANGLING],
  "ref: $id must be resolved against nearest parent, not just immediate parent": [REMOTE],
  "ref: simple URN base URI with $ref via the URN": [REMOTE],
  "ref: simple URN base URI with JSON pointer": [REMOTE],
  "ref: URN base URI with NSS": [REMOTE],
  "ref: URN base URI with r-component": [REMOTE],
  "ref: URN base URI with q-component": [REMOTE],
  "ref: URN base URI with URN and JSON pointer ref": [REMOTE],
  "ref: URN base URI with URN and anchor ref": [REMOTE],
  "ref: ref to if": [REMOTE],
  "ref: ref to then": [REMOTE, IGNORED],
  "ref: ref to else": [REMOTE, IGNORED],
  "ref: ref with absolute-path-reference": [REMOTE],
  "ref: $id with file URI still resolves pointers - *nix": [REMOTE],
  "ref: $id with file URI still resolves pointers - windows": [REMOTE],
  // refRemote.json
  "refRemote: remote ref": [REMOTE],
  "refRemote: fragment within remote ref": [REMOTE],
  "refRemote: ref within remote ref": [REMOTE],
  "refRemote: base URI change": [REMOTE],
  "refRemote: base URI change - change folder": [REMOTE],
  "refRemote: base URI change - change folder in subschema": [REMOTE],
  "refRemote: root ref in remote ref": [REMOTE],
  "refRemote: remote ref with ref to definitions": [REMOTE],
  "refRemote: Location-independent identifier in remote ref": [REMOTE],
  "refRemote: retrieved nested refs resolve relative to their URI not $id": [REMOTE],
  "refRemote: $ref to $ref finds location-independent $id": [REMOTE],
  // required.json
  "required: required validation": [TYPE_NEEDED],
  "required: required default validation": [TYPE_NEEDED],
  "required: required with empty array": [TYPE_NEEDED],
  "required: required with escaped characters": [REQUIRED_UNDEFINED, TYPE_NEEDED],
  "required: required properties whose names are Javascript object property names": [REQUIRED_UNDEFINED, TYPE_NEEDED],
  // uniqueItems.json
  "uniqueItems: uniqueItems validation": [TYPE_NEEDED],
  "uniqueItems: uniqueItems with an array of items": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "uniqueItems: uniqueItems with an array of items and additionalItems=false": [TYPE_NEEDED],
  "uniqueItems: uniqueItems=false validation": [TYPE_NEEDED],
  "uniqueItems: uniqueItems=false with an array of items": [TUPLE_UNBOUNDED, TYPE_NEEDED],
  "uniqueItems: uniqueItems=false with an array of items and additionalItems=false": [TYPE_NEEDED],
};

/**
 * Instances of accepted cases where the form validator's answer differs from the suite's, by case,
 * then by instance description, with why. The test checks each still differs.
 */
export const ANSWER_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'multipleOf: float division = inf': {
    // multipleOf is checked to 8 decimal places (ajv's multipleOfPrecision, as rjsf does in the
    // browser), so 12.34 is a multiple of 0.01; a quotient that overflows to Infinity passes that check.
    'always invalid, but naive implementations may raise an overflow error': 'multipleOf to 8 decimal places',
  },
};


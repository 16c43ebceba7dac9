/**
 * The example programmes in schemas/*.json: each must pass the designer checks, its example data
 * must validate, and its field names are a contract with the workflows in workflows/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { describe, expect, it } from 'vitest';
import { publicView } from '../notices/mask.js';
import { platformValidatorOptions } from './form-keywords.js';
import { checkFormSchema, compileForm } from './form-schema.js';
import { declaredTypes, isSchemaObject, type SchemaObject } from './form-walk.js';

const dir = new URL('../../../schemas/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, any>;

/** Root fields the workflows rely on, and which of them the applicant need not fill at submit. */
const CONTRACT: Record<string, { fields: string[]; filledLater: string[]; applicantId: string }> = {
  identification: {
    fields: ['head', 'householdSize', 'labourCount', 'arableLand', 'housingGrade', 'drinkingWaterSafe', 'electricity', 'perCapitaIncome', 'causes', 'mainCause', 'members', 'bankCard', 'appraisal'],
    filledLater: ['appraisal', 'housingGrade'],
    applicantId: '/head/idNumber',
  },
  yulu: {
    fields: ['student', 'household', 'semester', 'semesters', 'aidAmount', 'bankCard'],
    filledLater: [],
    applicantId: '/student/idNumber',
  },
  monitoring: {
    fields: ['head', 'householdSize', 'perCapitaIncome', 'povertyLine', 'lastYearIncome', 'essentialSpending', 'riskFactors', 'warningLevel', 'measures', 'verificationNotes'],
    filledLater: ['warningLevel', 'measures', 'verificationNotes'],
    applicantId: '/head/idNumber',
  },
  housing: {
    fields: ['head', 'householdStatus', 'houseArea', 'housingGrade', 'renovationType', 'subsidyAmount', 'inspection'],
    filledLater: ['housingGrade', 'subsidyAmount', 'inspection'],
    applicantId: '/head/idNumber',
  },
  dibao: {
    fields: ['head', 'householdSize', 'perCapitaIncome', 'localStandard', 'reason', 'members', 'appraisal', 'bankCard'],
    filledLater: ['appraisal'],
    applicantId: '/head/idNumber',
  },
  household_change: {
    fields: ['head', 'reason', 'newMember', 'householdSize', 'proof'],
    filledLater: [],
    // The person being added: the same newborn cannot be added by two requests at once.
    applicantId: '/newMember/idNumber',
  },
  household_reduce: {
    fields: ['head', 'reason', 'member', 'eventDate', 'householdSize', 'proof'],
    filledLater: [],
    // The person leaving: one open request per person.
    applicantId: '/member/idNumber',
  },
  exit: {
    fields: ['head', 'householdSize', 'perCapitaIncome', 'povertyLine', 'checks', 'verification', 'exitYear', 'exitDate', 'appraisal'],
    filledLater: ['exitDate', 'appraisal'],
    applicantId: '/head/idNumber',
  },
};

/** Never on a public notice: contact details, money details of the household, members' IDs. */
const PRIVATE = /phone|bankCard|Income|Spending|members\/\*\/idNumber|headIdNumber|notes|details/i;

/** Property names an object schema can have, including those added by if/then/else and allOf. */
function propertyNames(node: SchemaObject): Set<string> {
  const names = new Set(Object.keys(isSchemaObject(node.properties) ? node.properties : {}));
  for (const key of ['then', 'else']) if (isSchemaObject(node[key])) propertyNames(node[key] as SchemaObject).forEach((n) => names.add(n));
  if (Array.isArray(node.allOf)) node.allOf.filter(isSchemaObject).forEach((s) => propertyNames(s).forEach((n) => names.add(n)));
  return names;
}

/** rjsf throws when ui:order misses a property (without '*'); a ui key for no field is a typo. */
function uiProblems(schema: SchemaObject, ui: Record<string, any>, at: string): string[] {
  const out: string[] = [];
  if (declaredTypes(schema).includes('array') && isSchemaObject(schema.items)) {
    return ui.items ? uiProblems(schema.items, ui.items, `${at}/items`) : [];
  }
  const names = propertyNames(schema);
  const order: string[] | undefined = ui['ui:order'];
  if (names.size > 0 && order && !order.includes('*')) {
    for (const n of names) if (!order.includes(n)) out.push(`${at}: ui:order misses ${n}`);
  }
  for (const n of order ?? []) if (n !== '*' && !names.has(n)) out.push(`${at}: ui:order names unknown ${n}`);
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:') || key === 'items') continue;
    const child = [schema.properties, (schema.then as SchemaObject | undefined)?.properties]
      .map((p) => (isSchemaObject(p) ? p[key] : undefined))
      .find(isSchemaObject);
    if (!child) out.push(`${at}: uiSchema names unknown field ${key}`);
    else out.push(...uiProblems(child, value, `${at}/${key}`));
  }
  return out;
}

describe('example programmes in schemas/', () => {
  it('are the agreed example programmes', () => {
    expect(files).toEqual(Object.keys(CONTRACT).map((k) => `${k}.json`).sort());
  });

  describe.each(files)('%s', (file) => {
    const doc = load(file);
    const contract = CONTRACT[doc.key];

    it('has a key matching its file name, names, descriptions and an owner', () => {
      expect(`${doc.key}.json`).toBe(file);
      for (const field of ['name', 'description']) {
        expect(doc[field].zh).toMatch(/\p{Script=Han}/u);
        expect(doc[field].en).toMatch(/[a-z]/);
      }
      expect(doc.owner).toMatch(/^县.+局$/);
    });

    it('passes checkFormSchema', () => {
      expect(checkFormSchema(doc.formSchema)).toEqual([]);
    });

    it('validates its example data', () => {
      expect(compileForm(doc.formSchema).validate(doc.example)).toEqual([]);
    });

    it('validates its example in the browser’s rjsf validator too', () => {
      const validator = customizeValidator(platformValidatorOptions());
      expect(validator.validateFormData(doc.example, doc.formSchema).errors).toEqual([]);
      const broken = { ...doc.example, [contract.applicantId.split('/')[1]]: { idNumber: '130636196803150317' } };
      expect(validator.validateFormData(broken, doc.formSchema).errors.length).toBeGreaterThan(0);
    });

    it('uses exactly the agreed root field names', () => {
      expect(Object.keys(doc.formSchema.properties).sort()).toEqual([...contract.fields].sort());
      for (const key of Object.keys(doc.example)) expect(contract.fields).toContain(key);
    });

    it('does not require at submit what later steps fill in', () => {
      for (const later of contract.filledLater) expect(doc.formSchema.required).not.toContain(later);
    });

    it('marks the applicant’s ID number unique', () => {
      expect(compileForm(doc.formSchema).uniqueFields.map((f) => f.pointer)).toEqual([contract.applicantId]);
    });

    it('publishes names and ID numbers only masked, and nothing private', () => {
      const { publicFields } = compileForm(doc.formSchema);
      expect(publicFields.length).toBeGreaterThan(0);
      for (const field of publicFields) {
        expect(field.pointer).not.toMatch(PRIVATE);
        if (/name$|idNumber$/i.test(field.pointer)) expect(field.mask).toBeDefined();
      }
      const view = JSON.stringify(publicView(doc.example, publicFields));
      const secrets = JSON.stringify(doc.example).match(/"1[3-9]\d{9}"|"\d{16,19}"|"\d{17}[\dX]"/g) ?? [];
      for (const secret of secrets) expect(view).not.toContain(secret);
    });

    it('has a uiSchema whose ui:order and field names match the form', () => {
      expect(uiProblems(doc.formSchema, doc.uiSchema, '')).toEqual([]);
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';

import { inspection } from '../testing/lifting';
import {
  changedData,
  createdData,
  formFields,
  initialValues,
  recordSchema,
  type FormValues,
} from './record-schema';
import { isoToZonedInput, zonedInputToIso } from '@/lib/zoned-time';

const ZONE = 'Europe/Paris';
const t = (key: string, values?: Record<string, unknown>) =>
  (i18n.getFixedT('en', 'modules') as (key: string, values?: object) => string)(key, values);

const valid: FormValues = {
  ...initialValues(inspection, ZONE),
  equipment: 'Tower crane TC-3',
  due_date: '2026-12-15',
};

/** The messages of the fields that fail, by field. */
function problems(values: Partial<FormValues>, require: string[] = []): Record<string, string> {
  const result = recordSchema(inspection, { t, zone: ZONE, require }).safeParse({
    ...valid,
    ...values,
  });
  if (result.success) return {};
  return Object.fromEntries(
    result.error.issues.map((issue) => [String(issue.path[0]), issue.message] as const),
  );
}

function parsed(values: Partial<FormValues>) {
  return recordSchema(inspection, { t, zone: ZONE }).parse({ ...valid, ...values });
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('recordSchema', () => {
  it('takes a valid record, empty fields as null, and leaves attachments out', () => {
    const data = parsed({ equipment: '  Hoist H-1 ' });
    expect(data.equipment).toBe('Hoist H-1');
    expect(data.remarks).toBeNull();
    expect(data.out_of_service).toBe(false);
    expect('photos' in data).toBe(false);
    expect(formFields(inspection).map((field) => field.code)).not.toContain('photos');
  });

  it('asks for required fields, and for those a state needs when told', () => {
    expect(problems({ equipment: '   ', due_date: '' })).toEqual({
      equipment: 'This field is required.',
      due_date: 'This field is required.',
    });
    expect(problems({}, ['result'])).toEqual({ result: 'Required to move to this state.' });
  });

  it('checks text lengths in characters, and the pattern over the whole value', () => {
    expect(problems({ equipment: 'ab' })).toEqual({ equipment: 'At least 3 characters.' });
    expect(problems({ equipment: 'x'.repeat(121) })).toEqual({
      equipment: 'At most 120 characters.',
    });
    expect(problems({ remarks: 'é'.repeat(20) })).toEqual({});
    expect(problems({ serial_number: 'tc3-01' })).toEqual({
      serial_number: 'This is not in the expected format.',
    });
    expect(problems({ serial_number: 'TC3-2019-0042 extra' })).toEqual({
      serial_number: 'This is not in the expected format.',
    });
    expect(parsed({ serial_number: 'TC3-2019-0042' }).serial_number).toBe('TC3-2019-0042');
  });

  it('reads numbers (a French comma too) within their bounds', () => {
    expect(parsed({ safe_working_load_kg: '8000,5' }).safe_working_load_kg).toBe(8000.5);
    expect(problems({ safe_working_load_kg: 'lots' })).toEqual({
      safe_working_load_kg: 'Enter a number.',
    });
    expect(problems({ safe_working_load_kg: '-1' })).toEqual({
      safe_working_load_kg: 'At least 0.',
    });
    expect(problems({ safe_working_load_kg: '1000001' })).toEqual({
      safe_working_load_kg: 'At most 1000000.',
    });
  });

  it('takes amounts with two decimals at most', () => {
    expect(parsed({ cost: '1250.5' }).cost).toBe(1250.5);
    expect(parsed({ cost: '0,10' }).cost).toBe(0.1);
    expect(problems({ cost: '1.234' })).toEqual({ cost: 'Two decimals at most.' });
    expect(problems({ cost: '-3' })).toEqual({ cost: 'At least 0.' });
  });

  it('takes calendar dates only, and date-times in the user’s time zone as UTC', () => {
    expect(problems({ due_date: '2026-02-30' })).toEqual({ due_date: 'Enter a valid date.' });
    expect(problems({ due_date: '15/12/2026' })).toEqual({ due_date: 'Enter a valid date.' });
    expect(parsed({ inspected_at: '2026-12-06T11:00' }).inspected_at).toBe('2026-12-06T10:00:00Z');
    // Summer time: two hours.
    expect(parsed({ inspected_at: '2026-07-01T08:30' }).inspected_at).toBe('2026-07-01T06:30:00Z');
    expect(problems({ inspected_at: '2026-12-06T25:00' })).toEqual({
      inspected_at: 'Enter a valid date and time.',
    });
  });

  it('takes only the choices declared, and ids for links', () => {
    expect(parsed({ result: 'pass' }).result).toBe('pass');
    expect(problems({ result: 'maybe' })).toEqual({ result: 'Choose a value from the list.' });
    expect(problems({ site: 'site-7' })).toEqual({
      site: 'Enter a valid identifier (UUID).',
    });
    expect(parsed({ site: '0193A7C2-5B1E-7D40-9C2A-1F3E5D7B9A02' }).site).toBe(
      '0193a7c2-5b1e-7d40-9c2a-1f3e5d7b9a02',
    );
  });
});

describe('form values and what is sent', () => {
  const saved = {
    equipment: 'Hoist H-1',
    due_date: '2026-12-15',
    inspected_at: '2026-12-06T10:00:00Z',
    cost: 12,
    remarks: 'Old note',
  };

  it('starts a new record on the fields’ defaults, an edited one on its values', () => {
    expect(initialValues(inspection, ZONE)).toMatchObject({ equipment: '', out_of_service: false });
    expect(initialValues(inspection, ZONE, saved)).toMatchObject({
      equipment: 'Hoist H-1',
      inspected_at: '2026-12-06T11:00',
      cost: '12',
      result: '',
      out_of_service: false,
    });
  });

  it('sends only what changed, null to clear, the same instant or number unchanged', () => {
    const values = parsed({
      ...initialValues(inspection, ZONE, saved),
      remarks: '',
      cost: '12.00',
      result: 'pass',
    });
    expect(changedData(inspection, saved, values)).toEqual({ remarks: null, result: 'pass' });
  });

  it('creates with the values given, blanks left out', () => {
    expect(createdData(inspection, parsed({}))).toEqual({
      equipment: 'Tower crane TC-3',
      due_date: '2026-12-15',
      out_of_service: false,
    });
  });

  it('converts instants both ways in a zone', () => {
    expect(zonedInputToIso('2026-03-29T03:30', ZONE)).toBe('2026-03-29T01:30:00Z');
    expect(isoToZonedInput('2026-12-06T10:00:00Z', ZONE)).toBe('2026-12-06T11:00');
    expect(isoToZonedInput('2026-12-06T10:00:00Z', 'America/New_York')).toBe('2026-12-06T05:00');
  });
});

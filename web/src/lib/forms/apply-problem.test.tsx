import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { ApiProblem, type Problem } from '@/lib/api/problem';
import { setLanguage } from '@/lib/i18n';

import { applyProblem } from './apply-problem';
import { useZodForm } from './use-zod-form';

vi.mock('sonner', () => ({ toast: { error: vi.fn(), success: vi.fn() } }));

const schema = z.object({ full_name: z.string(), email: z.string() });

const validation = (errors: Problem['errors']): ApiProblem =>
  new ApiProblem({
    type: 'urn:opsflux:problem:validation_failed',
    title: 'Unprocessable Content',
    status: 422,
    code: 'validation_failed',
    detail: 'The request body has invalid fields.',
    errors,
  });

/** A two-field form whose submit fails with `error`, as the API would answer. */
function ProfileForm({ error }: { error: unknown }) {
  const form = useZodForm(schema, { defaultValues: { full_name: '', email: '' } });
  const onSubmit = form.handleSubmit(() => {
    applyProblem(error, form.setError, ['full_name', 'email']);
  });
  return (
    <form onSubmit={onSubmit}>
      <FormField id="full_name" label="Name" error={form.formState.errors.full_name}>
        {(control) => <Input {...control} {...form.register('full_name')} />}
      </FormField>
      <FormField id="email" label="Email" error={form.formState.errors.email}>
        {(control) => <Input {...control} {...form.register('email')} />}
      </FormField>
      <button type="submit">Save</button>
    </form>
  );
}

beforeEach(async () => {
  vi.mocked(toast.error).mockClear();
  await setLanguage('en');
});

describe('applyProblem', () => {
  it('puts each errors[] entry under its field, announced and linked to the input', async () => {
    render(
      <ProfileForm
        error={validation([
          { field: 'full_name', code: 'length', message: 'must be 1 to 200 characters' },
          { field: 'email', code: 'email', message: 'is not an email' },
        ])}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    // No translation for `length`: the API's words.
    expect(name).toHaveAccessibleDescription('must be 1 to 200 characters');
    // `email` has ours, in the UI language.
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter a valid email address.',
    );
    expect(name).toHaveFocus();
    expect(toast.error).not.toHaveBeenCalled();
  });

  it('a problem with no field of this form goes to a toast, with its detail', async () => {
    render(
      <ProfileForm
        error={
          new ApiProblem({
            type: 'urn:opsflux:problem:conflict',
            title: 'Conflict',
            status: 409,
            code: 'slug_taken',
            detail: 'Another company already uses this slug.',
          })
        }
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(toast.error).toHaveBeenCalledWith('Another company already uses this slug.');
    expect(screen.getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
  });

  it('field errors for fields the form does not have fall back to the toast', async () => {
    render(<ProfileForm error={validation([{ field: 'phone', code: 'x', message: 'bad' }])} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(toast.error).toHaveBeenCalledWith('The request body has invalid fields.');
  });

  it('known codes are worded by us, in the UI language', async () => {
    await setLanguage('fr');
    render(
      <ProfileForm
        error={
          new ApiProblem({
            type: 'urn:opsflux:problem:rate_limited',
            title: 'Too Many Requests',
            status: 429,
            code: 'rate_limited',
            detail: 'Slow down.',
          })
        }
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: /save/i }));
    expect(toast.error).toHaveBeenCalledWith(
      'Trop de tentatives. Patientez un peu avant de réessayer.',
    );
  });
});

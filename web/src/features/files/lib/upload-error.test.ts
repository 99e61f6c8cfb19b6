import { beforeAll, describe, expect, it } from 'vitest';

import { ApiProblem, problemFrom } from '@/lib/api/problem';
import { i18n } from '@/lib/i18n';

import { xhrProblem } from '../api/upload-file';
import { uploadFailure } from './upload-error';

const problem = (status: number, code: string, detail: string) =>
  new ApiProblem({ type: `urn:opsflux:problem:${code}`, title: 'x', status, code, detail });

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('uploadFailure', () => {
  it('explains an infected file and keeps the signature the server names', () => {
    const failure = uploadFailure(
      problem(422, 'file_infected', 'The file holds Eicar-Signature'),
      'cv.pdf',
    );
    expect(failure.title).toBe('cv.pdf could not be uploaded');
    expect(failure.message).toMatch(/virus was found/);
    expect(failure.detail).toBe('The file holds Eicar-Signature');
  });

  it('explains a refused type, with the type found in the detail', () => {
    const failure = uploadFailure(
      problem(415, 'unsupported_media_type', 'application/zip is not accepted for photo'),
      'a.zip',
    );
    expect(failure.message).toBe('This type of file is not accepted.');
    expect(failure.detail).toContain('application/zip');
  });

  it('shows the server’s detail for a code it does not know', () => {
    const failure = uploadFailure(problem(422, 'something_new', 'Something new happened'), 'a');
    expect(failure).toEqual({
      title: 'a could not be uploaded',
      message: 'Something new happened',
    });
  });

  it('has words for a dropped connection and for anything else', () => {
    expect(uploadFailure(problemFrom(new Error('x'), 0), 'a').message).toBe(
      'The connection was lost during the upload.',
    );
    expect(uploadFailure(new Error('boom'), 'a').message).toBe('The file could not be saved.');
  });

  it('follows the UI language', async () => {
    await i18n.changeLanguage('fr');
    expect(uploadFailure(problem(413, 'payload_too_large', ''), 'a.jpg')).toEqual({
      title: 'Échec de l’envoi de a.jpg',
      message: 'Fichier trop volumineux pour ce type.',
    });
    await i18n.changeLanguage('en');
  });
});

describe('xhrProblem', () => {
  it('reads a problem+json body', () => {
    const error = xhrProblem(
      413,
      JSON.stringify({
        type: 't',
        title: 'Payload Too Large',
        status: 413,
        code: 'payload_too_large',
        detail: 'over 10 MiB',
      }),
    );
    expect(error.code).toBe('payload_too_large');
    expect(error.problem.detail).toBe('over 10 MiB');
  });

  it('makes a problem of an answer that is not one (a proxy’s page)', () => {
    const error = xhrProblem(502, '<html>Bad gateway</html>');
    expect(error.status).toBe(502);
    expect(error.code).toBe('unexpected_response');
  });
});

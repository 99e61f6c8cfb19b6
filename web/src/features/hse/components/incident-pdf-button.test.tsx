import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { incident, problem, renderHse } from '../testing/render-hse';
import { IncidentPdfButton } from './incident-pdf-button';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const download = vi.hoisted(() => ({ saveBlob: vi.fn() }));
vi.mock('@/lib/download', () => download);

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('IncidentPdfButton', () => {
  it('saves the report as <number>.pdf', async () => {
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    api.GET.mockResolvedValue(answer(pdf));
    renderHse(() => <IncidentPdfButton incident={incident()} />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download INC-2026-00042 as PDF' }),
    );
    await vi.waitFor(() =>
      expect(download.saveBlob).toHaveBeenCalledWith(pdf, 'INC-2026-00042.pdf'),
    );
    expect(api.GET).toHaveBeenCalledWith('/api/v1/hse/incidents/{id}/pdf', {
      params: { path: { id: incident().id } },
      parseAs: 'blob',
    });
  });

  it('says why when the download fails', async () => {
    const error = vi.spyOn(toast, 'error');
    api.GET.mockResolvedValue(problem(403, 'permission_denied'));
    renderHse(() => <IncidentPdfButton incident={incident()} />);
    await userEvent.click(await screen.findByRole('button', { name: /as PDF/ }));
    await vi.waitFor(() =>
      expect(error).toHaveBeenCalledWith('Your permissions do not allow this.'),
    );
    expect(download.saveBlob).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /as PDF/ })).toBeEnabled();
  });
});

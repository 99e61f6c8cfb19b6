import { fireEvent, render, screen, waitFor } from '@testing-library/react-native';

import { i18n } from '@/i18n';
import type { LocalPhoto } from '@/sync/outbox';

import { ReportForm } from './report-form';
import { blankIncident } from './rules';

const photo = (n: number): LocalPhoto => ({
  uri: `file:///photos/${n}.jpg`,
  name: `${n}.jpg`,
  type: 'image/jpeg',
});

function renderForm(pickPhoto = jest.fn(() => Promise.resolve<LocalPhoto | null>(null))) {
  const onSave = jest.fn(() => Promise.resolve());
  render(
    <ReportForm
      defaultValues={blankIncident(new Date())}
      sites={[]}
      onSave={onSave}
      pickPhoto={pickPhoto}
      locatePosition={() => Promise.resolve(null)}
    />,
  );
  return { onSave, pickPhoto };
}

describe('the report form', () => {
  it('refuses a title of 9 characters with the web’s message, and sends nothing', async () => {
    const { onSave } = renderForm();
    fireEvent.changeText(screen.getByLabelText(i18n.t('hse:form.incident_title')), 'Gas leak!');
    fireEvent.changeText(screen.getByLabelText(i18n.t('hse:form.location')), 'Pipe deck');
    fireEvent.changeText(
      screen.getByLabelText(i18n.t('hse:form.incident_description')),
      'A hissing flange on the separator, smell of gas.',
    );
    fireEvent.press(screen.getByRole('button', { name: i18n.t('field:report.send') }));

    expect(await screen.findByText(i18n.t('hse:errors.title_min'))).toBeVisible();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.changeText(screen.getByLabelText(i18n.t('hse:form.incident_title')), 'Gas leak !!');
    fireEvent.press(screen.getByRole('button', { name: i18n.t('field:report.send') }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ title: 'Gas leak !!' }), false);
  });

  it('takes five photos and refuses the sixth', async () => {
    let taken = 0;
    const pickPhoto = jest.fn(() => Promise.resolve<LocalPhoto | null>(photo((taken += 1))));
    renderForm(pickPhoto);
    const camera = screen.getByRole('button', { name: i18n.t('field:report.camera') });

    for (let n = 1; n <= 5; n += 1) {
      fireEvent.press(camera);
      expect(
        await screen.findByRole('button', {
          name: i18n.t('field:report.photo_remove', { index: n }),
        }),
      ).toBeVisible();
    }
    fireEvent.press(camera);

    expect(await screen.findByText(i18n.t('hse:form.photos_full'))).toBeVisible();
    expect(pickPhoto).toHaveBeenCalledTimes(5);
    expect(
      screen.queryByRole('button', { name: i18n.t('field:report.photo_remove', { index: 6 }) }),
    ).toBeNull();

    // Removing one makes room again.
    fireEvent.press(
      screen.getByRole('button', { name: i18n.t('field:report.photo_remove', { index: 2 }) }),
    );
    fireEvent.press(camera);
    await waitFor(() => expect(pickPhoto).toHaveBeenCalledTimes(6));
  });
});

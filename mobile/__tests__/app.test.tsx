// Route files only under app/ (Expo Router makes every file there a screen): their tests live here.
import { renderRouter, screen } from 'expo-router/testing-library';

import RootLayout from '../app/_layout';
import Index from '../app/index';

describe('the app', () => {
  it('starts on the screen that names it', async () => {
    renderRouter({ _layout: RootLayout, index: Index }, { initialUrl: '/' });
    expect(await screen.findByRole('header', { name: 'OpsFlux' })).toBeVisible();
  });
});

// Screenshots of the calendar: month, week and agenda views (the agenda and the month
// at 390 px too), an event's panel, the "which events?" question, the edit dialog with
// a repetition in words, and the iCal link panel, French and English, saved as
// <out-dir>/calendar-<name>[-<width>].<language>.png.
// Usage: npm run build && node scripts/calendar-screenshots.mjs <out-dir>
// No backend: the built SPA is served by `vite preview`, the page's API calls are
// answered by scripts/calendar-mock-api.mjs, and the browser's clock is stopped on
// Tuesday 10 November 2026, 09:12 in Paris, so "today" is the same in every shot.
import { checkNoSideScroll, shooter, startMockedPreview, toastsGone } from './mocked-preview.mjs';
import { calendarApi } from './calendar-mock-api.mjs';

const [outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: node scripts/calendar-screenshots.mjs <out-dir>');
const NOW = new Date('2026-11-10T08:12:00Z');

/** A page of `language` on the calendar, `search` in its address, once its events show. */
async function openCalendar({ base, openPage }, language, search, options) {
  const { context, page } = await openPage(language, calendarApi(language, options));
  await page.clock.setFixedTime(NOW);
  await page.goto(`${base}/calendar?${search}`);
  await page.getByRole('heading', { level: 1, name: /^(Calendrier|Calendar)$/ }).waitFor();
  await page.locator('.fc').waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /Chargement|Loading/ })
    .waitFor({ state: 'detached' });
  return { context, page };
}

const word = (language, fr, en) => (language === 'fr' ? fr : en);

for (const language of ['fr', 'en']) {
  // A browser per language: its date and time inputs speak it too.
  const preview = await startMockedPreview({ uiLanguage: language === 'fr' ? 'fr-FR' : 'en-GB' });
  const { context, page } = await openCalendar(preview, language, 'view=month&date=2026-11-10');
  const { shoot, shootDialog } = shooter(page, language, outDir, 'calendar');
  const weekly = word(language, 'Réunion sécurité hebdomadaire', 'Weekly safety meeting');

  await page.getByText(weekly).first().waitFor();
  await shoot('month');
  await checkNoSideScroll(page, `month ${language}`);

  // The week of 10 November, from the toolbar's view tabs.
  await page.getByRole('tab', { name: word(language, 'Semaine', 'Week') }).click();
  await page.locator('.fc-timeGridWeek-view').waitFor();
  await page.getByText(weekly).first().waitFor();
  await shoot('week');

  // One occurrence of the weekly meeting: its panel, then "which events?" before editing.
  await page.locator('.fc-event').filter({ hasText: weekly }).first().click();
  const panel = page.getByRole('dialog', { name: weekly });
  await panel.getByText(/Claire Dubois/).waitFor();
  await shootDialog('panel');
  await panel.getByRole('button', { name: word(language, 'Modifier', 'Edit') }).click();
  const question = page.getByRole('dialog', {
    name: word(language, 'Modifier un événement répété', 'Edit a repeating event'),
  });
  await question.waitFor();
  await shootDialog('scope');
  await question
    .getByRole('radio', { name: word(language, /^Tous les événements/, /^All events/) })
    .check();
  await question.getByRole('button', { name: word(language, 'Continuer', 'Continue') }).click();

  // The series' form: every 2 weeks until the end of June, in words.
  const form = page.getByRole('dialog', {
    name: word(language, 'Modifier l’événement', 'Edit event'),
  });
  await form.getByLabel(word(language, 'Intervalle', 'Interval')).fill('2');
  await form
    .getByTestId('recurrence-words')
    .getByText(word(language, /Toutes les 2 semaines/, /Every 2 weeks/))
    .waitFor();
  await form.getByTestId('recurrence-words').scrollIntoViewIfNeeded();
  await shootDialog('edit-recurrence', 1280, 1000);
  await page.keyboard.press('Escape');

  // A monthly rule on "the 2nd Tuesday", in a new event.
  await page.getByRole('button', { name: word(language, 'Nouvel événement', 'New event') }).click();
  const create = page.getByRole('dialog', {
    name: word(language, 'Nouvel événement', 'New event'),
  });
  await create
    .getByLabel(word(language, 'Titre', 'Title'))
    .fill(word(language, 'Revue des permis de travail', 'Permit to work review'));
  await create
    .getByRole('combobox', { name: word(language, 'Répétition', 'Repeat') })
    .selectOption('monthly');
  await create
    .getByRole('radio', { name: word(language, 'Semaine du mois', 'Week of the month') })
    .check();
  await create
    .getByTestId('recurrence-words')
    .getByText(word(language, 'Le 2e mardi de chaque mois', 'Every 2nd Tuesday of the month'))
    .waitFor();
  await shootDialog('create-monthly', 1280, 1000);
  await page.keyboard.press('Escape');

  // The iCal link: a new one, shown once.
  await page.getByRole('button', { name: word(language, 'Mon lien iCal', 'My iCal link') }).click();
  const ical = page.getByRole('dialog', { name: word(language, 'Mon lien iCal', 'My iCal link') });
  await ical
    .getByRole('button', { name: word(language, 'Créer un nouveau lien', 'Create a new link') })
    .click();
  await ical.getByLabel(word(language, 'Votre lien', 'Your link')).waitFor();
  await shootDialog('ical');
  await page.keyboard.press('Escape');
  await toastsGone(page);

  // A phone: the agenda (its default there) and the month.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'Agenda' }).click();
  await page.locator('.fc-list').waitFor();
  await shoot('agenda', [390], 844);
  await checkNoSideScroll(page, `agenda 390 ${language}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: word(language, 'Mois', 'Month') }).click();
  await page.locator('.fc-dayGridMonth-view').waitFor();
  await shoot('month', [390], 844);
  await checkNoSideScroll(page, `month 390 ${language}`);
  await context.close();

  // A month with nothing in it.
  const quiet = await openCalendar(preview, language, 'view=month&date=2026-11-10', {
    empty: true,
  });
  await quiet.page
    .getByText(
      word(language, 'Rien de prévu sur cette période.', 'Nothing planned for this period.'),
    )
    .waitFor();
  await shooter(quiet.page, language, outDir, 'calendar').shoot('empty');
  await quiet.context.close();
  await preview.close();
}

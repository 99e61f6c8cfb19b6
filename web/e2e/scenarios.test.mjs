// The web app end to end (issue #13): the release binary on PostgreSQL + Redis with a
// worker, the SMTP sink and the webhook receiver, all started by scripts/e2e.sh.
// The scenarios run in order: the first one enrols the admin's authenticator app and
// trusts its browser, which the later admin sign-ins rely on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { deflateSync } from 'node:zlib';

import {
  admin,
  adminState,
  artifact,
  base,
  closeBrowser,
  emailLink,
  eventually,
  freshTotp,
  inviteUser,
  navigation,
  receiver,
  signIn,
  signInAsAdmin,
  signInForm,
  userMenu,
  waitForEmail,
  withPage,
} from './support.mjs';

after(closeBrowser);

/** Each scenario invites someone of its own. */
const address = (/** @type {string} */ who) => `${who}-${Date.now()}@e2e.opsflux.localhost`;

test('the demo admin enrols an authenticator app, signs out, and signs in again with a code', () =>
  withPage('totp', async (page, context) => {
    await signIn(page, admin);
    await userMenu(page, 'Sécurité');
    await page.getByRole('button', { name: 'Configurer' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    assert.match(secret, /^[A-Z2-7]{16,}=*$/, 'the seed is shown for manual entry');
    await page.getByLabel('Code à 6 chiffres').fill(await freshTotp(secret));
    await page.getByRole('button', { name: 'Confirmer' }).click();
    const codes = page.getByRole('dialog', { name: 'Codes de secours' });
    await codes.waitFor();
    await codes.getByRole('button', { name: 'Je les ai enregistrés' }).click();
    // Enabled: the card now offers removal instead of set-up.
    await page.getByRole('button', { name: 'Retirer l’application' }).waitFor();
    adminState.totpSecret = secret;

    await userMenu(page, 'Se déconnecter');
    await signInForm(page).waitFor();
    // Signed out for good: the app's pages send back to the sign-in form.
    await page.goto(`${base}/profile`);
    await signInForm(page).waitFor();

    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérification en deux étapes' }).waitFor();
    await page.getByLabel('Code à 6 chiffres').fill(await freshTotp(secret));
    await page.getByRole('checkbox', { name: 'Faire confiance à cet appareil' }).check();
    await page.getByRole('button', { name: 'Vérifier' }).click();
    // Back to the page the sign-in interrupted.
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/profile');
    const device = (await context.cookies()).find((cookie) => cookie.name === 'opsflux_device');
    assert.ok(device, 'trusting the device set its cookie');
    adminState.trustedDevice = device;
  }));

test('an invited viewer sets a password, signs in, and has no administration', async () => {
  const viewer = { email: address('viewer'), name: 'Vera Viewer', role: 'Viewer' };
  await withPage('invite-admin', async (page, context) => {
    await signInAsAdmin(page, context);
    await inviteUser(page, viewer);
    await page.getByRole('row').filter({ hasText: viewer.email }).getByText('Invité').waitFor();
  });

  const link = emailLink(await waitForEmail(viewer.email), 'accept-invitation');
  assert.ok(link.startsWith(`${base}/`), `the link leads to this server: ${link}`);
  const password = `Viewer-e2e-${Date.now()}-pass`;
  await withPage('invite-viewer', async (page) => {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Bienvenue sur OpsFlux' }).waitFor();
    await page.getByLabel('Nouveau mot de passe').fill(password);
    await page.getByLabel('Confirmer le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await signInForm(page).waitFor();

    await signIn(page, { email: viewer.email, password });
    const nav = navigation(page);
    await nav.getByRole('link', { name: 'Accueil' }).waitFor();
    for (const entry of ['Administration', 'Utilisateurs', 'Rôles', 'Webhooks']) {
      assert.equal(await nav.getByText(entry, { exact: true }).count(), 0, `no "${entry}"`);
    }
    await page.goto(`${base}/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    await page.getByText('403', { exact: true }).waitFor();
  });
});

test('a webhook endpoint receives an event, and its delivery shows a 2xx answer', () =>
  withPage('webhook', async (page, context) => {
    const url = `${receiver}/hooks/opsflux-e2e`;
    await signInAsAdmin(page, context);
    await navigation(page).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('button', { name: 'Nouvelle destination' }).click();
    const form = page.getByRole('dialog', { name: 'Nouvelle destination' });
    await form.getByLabel('URL de destination').fill(url);
    await form.getByLabel('Description').fill('End-to-end receiver');
    await form.getByRole('checkbox', { name: 'user.invited' }).check();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const shown = page.getByRole('dialog', { name: 'Secret de signature' });
    const secret = (await shown.locator('code').textContent())?.trim() ?? '';
    assert.match(secret, /^whsec_/, 'the signing secret is shown once');
    // The receiver checks every signature with it (the reference implementation).
    const told = await fetch(`${receiver}/_control`, {
      method: 'POST',
      body: JSON.stringify({ secret }),
    });
    assert.equal(told.status, 204);
    await shown.getByRole('button', { name: 'Je l’ai copié' }).click();

    const invited = { email: address('hooked'), name: 'Hugo Hooked' };
    await inviteUser(page, invited);

    await navigation(page).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('link', { name: url }).click();
    await page.getByRole('heading', { level: 2, name: 'Envois' }).waitFor();
    const delivery = page.getByRole('row').filter({ hasText: 'user.invited' }).first();
    const response = delivery.getByRole('cell').nth(3);
    // The worker delivers in the background: the screen is looked at again until the
    // answer shows (the list does not poll by itself).
    await eventually(
      'the delivery with a 2xx answer in the deliveries screen',
      async () => {
        await page.reload();
        await delivery.or(page.getByText('Aucun envoi pour l’instant.')).first().waitFor();
        return (await delivery.count()) > 0 && /^2\d\d$/.test((await response.innerText()).trim());
      },
      { seconds: 30, interval: 300 },
    );
    await delivery.getByText('Livré').waitFor();

    const received = await (await fetch(`${receiver}/_received`)).json();
    const event = received.find((/** @type {any} */ r) => r.type === 'user.invited');
    assert.ok(event, `the receiver got user.invited: ${JSON.stringify(received)}`);
    assert.equal(event.valid, true, 'its signature verified');
    assert.equal(event.status, 200);
    assert.match(JSON.stringify(event.data), new RegExp(invited.email.replace(/\W/g, '\\$&')));
  }));

test('an access token that expires mid-session is refreshed without a visible sign-in', () =>
  withPage('token-refresh', async (page, context) => {
    // Any sign-in form drawn, even for a moment, is recorded.
    await page.addInitScript(() => {
      const look = () => {
        if (location.pathname.startsWith('/sign-in') || document.querySelector('#password')) {
          sessionStorage.setItem('e2e.saw-sign-in', location.pathname);
        }
      };
      new MutationObserver(look).observe(document, { childList: true, subtree: true });
    });
    /** @type {string | null} */
    let token = null;
    let refreshes = 0;
    /** @type {number[]} */
    const saves = [];
    page.on('request', (request) => {
      const authorization = request.headers()['authorization'];
      if (authorization?.startsWith('Bearer ')) token = authorization.slice(7);
      if (new URL(request.url()).pathname === '/api/v1/auth/refresh') refreshes += 1;
    });
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname === '/api/v1/me' && response.request().method() === 'PATCH') {
        saves.push(response.status());
      }
    });
    await signInAsAdmin(page, context);
    await page.evaluate(() => sessionStorage.removeItem('e2e.saw-sign-in'));
    await userMenu(page, 'Mon profil');
    const name = page.getByLabel('Nom complet');
    await name.waitFor();
    assert.ok(token, 'the page called the API with a bearer token');

    // The token the page holds stops working (3 s in the e2e config, plus the leeway).
    await eventually(
      'the access token to expire',
      async () =>
        (await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }))
          .status === 401,
      { seconds: 20, interval: 250 },
    );
    const before = refreshes;
    await name.fill('Demo Admin (e2e)');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByText('Profil enregistré.').waitFor();
    assert.deepEqual(saves, [401, 200], 'refused with the expired token, saved after the refresh');
    assert.ok(refreshes > before, 'the expired token was refreshed');
    assert.equal(new URL(page.url()).pathname, '/profile');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('e2e.saw-sign-in')), null);
    await page.getByRole('button', { name: 'Menu de Demo Admin (e2e)' }).waitFor();
  }));

test('an operator runs a periodic job by hand and sees it end in its history', () =>
  withPage('scheduler', async (page, context) => {
    await signInAsAdmin(page, context);
    await page.goto(`${base}/admin/scheduler`);
    await page.getByRole('heading', { level: 1, name: 'Tâches planifiées' }).waitFor();
    const job = 'Supprimer les sessions terminées et les liens expirés';
    await page.getByRole('button', { name: `Lancer maintenant : ${job}` }).click();
    // The run goes on in the server after the answer; the screen follows it to its end.
    await page.getByText(`« ${job} » terminée`).first().waitFor();
    const row = page.getByRole('button', { name: job, exact: true });
    await row.click();
    assert.equal(await row.getAttribute('aria-expanded'), 'true');
    await page.getByText('Historique des exécutions').waitFor();
    await page
      .getByText(/^par .+/)
      .first()
      .waitFor();
  }));

test('at 768 px the profile and the lists fit the width, with the menu folded or open', () =>
  withPage('layout-768', async (page, context) => {
    // Neither the page nor its scrolling main column may be wider than the window.
    const fits = async (/** @type {string} */ state) => {
      const [width, overflow] = await page.evaluate(() => {
        const column = document.querySelector('main');
        return [
          document.documentElement.scrollWidth,
          column ? column.scrollWidth - column.clientWidth : 0,
        ];
      });
      assert.ok(width <= 768, `${state}: the page is ${width} px wide`);
      assert.ok(overflow <= 0, `${state}: the main column overflows by ${overflow} px`);
    };
    await signInAsAdmin(page, context);
    await page.goto(`${base}/profile`);
    await page.getByLabel('Nom complet').waitFor();
    // Loaded wide, then narrowed: the menu must follow the resize.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole('button', { name: 'Déplier le menu' }).waitFor();
    await fits('narrowed after loading wide');
    await page.getByRole('button', { name: 'Déplier le menu' }).click();
    await navigation(page).getByRole('link', { name: 'Utilisateurs' }).waitFor();
    await fits('menu open');
    await page.screenshot({ path: artifact('profile-768-menu-open'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Déplier le menu' }).waitFor();
    for (const [tab, drawn] of [
      ['Vérification en deux étapes', 'Code par SMS'],
      ['Sessions et appareils', 'Cette session'],
    ]) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel').getByText(drawn, { exact: true }).first().waitFor();
      await fits(`tab ${tab}`);
    }
    // Loaded narrow; then wide tables, which scroll inside their card.
    for (const [path, title] of [
      ['/profile', 'Mon profil'],
      ['/admin/users', 'Utilisateurs'],
      ['/admin/emails', 'Messages envoyés'],
      ['/admin/audit', 'Journal d’audit'],
      ['/admin/scheduler', 'Tâches planifiées'],
      ['/admin/hooks', 'Automatisations'],
      ['/admin/hooks/new', 'Nouvelle automatisation'],
      ['/admin/translations', 'Traductions'],
    ]) {
      await page.goto(`${base}${path}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // Loaded: the lists' rows (not their skeletons) are drawn.
      await page.waitForLoadState('networkidle');
      await fits(`${path} loaded at 768 px`);
    }
  }));

/** The demo admin's access token, to call the API as them (it lives 3 s here: ask just before). */
async function adminAccessToken() {
  const post = async (/** @type {string} */ path, /** @type {unknown} */ body) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return response.json();
  };
  const login = await post('/api/v1/auth/login', {
    email: admin.email,
    password: admin.password,
    trusted_device_token: adminState.trustedDevice?.value,
  });
  if (login.access_token) return /** @type {string} */ (login.access_token);
  assert.ok(adminState.totpSecret, 'the admin has a second factor the test knows');
  const verified = await post('/api/v1/auth/mfa/verify', {
    mfa_token: login.mfa_token,
    method: 'totp',
    code: await freshTotp(adminState.totpSecret),
  });
  return /** @type {string} */ (verified.access_token);
}

test('a notification rings the bell without a reload; do-not-disturb hours are kept', () =>
  withPage('notifications', async (page, context) => {
    const streamOpen = page.waitForResponse((response) =>
      response.url().includes('/api/v1/notifications/stream?'),
    );
    await signInAsAdmin(page, context);
    await streamOpen;
    const bell = page.getByRole('button', { name: /^Notifications/ });
    const unread = async () =>
      Number(/(\d+)/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    const before = await unread();
    await page.evaluate(() => {
      /** @type {any} */ (window).e2eSamePage = true;
    });

    // Sent through the API by someone who may (the admin, to themselves): it links to
    // the preferences, the second half of this scenario.
    const title = `Inspection du pont B ${Date.now()}`;
    const token = await adminAccessToken();
    const me = await (
      await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    const sent = await fetch(`${base}/api/v1/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        recipients: [me.user.id],
        title,
        message: 'Garde-corps corrodé signalé zone 3 : à vérifier avant la relève.',
        category: 'hse',
        priority: 2,
        link: '/profile?tab=notifications',
        data: {},
      }),
    });
    assert.equal(sent.status, 201, await sent.text());

    const risen = await eventually('the bell’s count to rise', async () => {
      const count = await unread();
      return count > before ? count : 0;
    });
    // A high priority one also pops up.
    await page.getByRole('listitem').filter({ hasText: title }).first().waitFor();
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).e2eSamePage), true);

    await bell.click();
    const inbox = page.getByRole('dialog', { name: 'Notifications' });
    const item = inbox.getByRole('button', { name: new RegExp(title) });
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /Non lue/, 'shown unread');
    await item.click();
    // Opened: read, and its link followed.
    await page.getByRole('heading', { level: 2, name: 'Préférences de notification' }).waitFor();
    assert.equal(new URL(page.url()).search, '?tab=notifications');
    await eventually('the count to drop once read', async () => (await unread()) < risen);

    // Quiet hours: toggled, set (typed the French way), saved, and still there after a reload.
    const quiet = page.getByRole('region', { name: 'Ne pas déranger' });
    const dnd = quiet.getByRole('switch', { name: 'Activer' });
    const wasOn = (await dnd.getAttribute('aria-checked')) === 'true';
    await dnd.click();
    await quiet.getByLabel('Début').fill('21h30');
    await quiet.getByLabel('Fin').fill('6:45');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Préférences enregistrées.').waitFor();
    await page.reload();
    await quiet.getByLabel('Début').waitFor();
    assert.equal(await dnd.getAttribute('aria-checked'), String(!wasOn));
    assert.equal(await quiet.getByLabel('Début').inputValue(), '21:30');
    assert.equal(await quiet.getByLabel('Fin').inputValue(), '06:45');
  }));

test('an administrator automates a notification on invitations, tries it, and sees it run', () =>
  withPage('hooks', async (page, context) => {
    await signInAsAdmin(page, context);
    await navigation(page).getByRole('link', { name: 'Automatisations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Automatisations' }).waitFor();
    await page.getByRole('link', { name: 'Nouvelle automatisation' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle automatisation' }).waitFor();

    const name = `Invitations suivies ${Date.now()}`;
    await page.getByLabel('Nom', { exact: true }).fill(name);
    await page.getByLabel('Événement déclencheur').selectOption('user.invited');
    // A condition from the event's schema: the status, an enum, picked from its values.
    await page.getByRole('button', { name: 'Ajouter une condition' }).click();
    await page.getByLabel('Champ', { exact: true }).selectOption('status');
    await page.getByLabel('Valeur', { exact: true }).selectOption({ label: 'invited' });

    // Notify the admin themselves (their user id, through "Me"), the title quoting a field.
    const action = page.getByRole('region', { name: 'Action 1' });
    await action.getByRole('button', { name: 'Moi', exact: true }).click();
    await action.getByText(/^Moi \(/).waitFor();
    const title = action.getByRole('textbox', { name: 'Titre', exact: true });
    await title.fill('Nouvelle invitation : ');
    await action.getByRole('button', { name: 'Insérer un champ dans : Titre' }).click();
    await page.getByRole('menuitem', { name: '{full_name}' }).click();
    assert.equal(await title.inputValue(), 'Nouvelle invitation : {full_name}');
    await action
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill('{full_name} ({email}) est invité sur OpsFlux.');

    // The dry run: saved first, then tried on the event's sample, nothing sent.
    await page.getByRole('button', { name: 'Enregistrer et essayer' }).click();
    await page.getByText(`Automatisation « ${name} » créée.`).waitFor();
    const result = page.getByRole('region', { name: 'Résultat de l’essai' });
    await result.getByText('Conditions remplies').waitFor();
    await result.getByText('Nouvelle invitation : Amélie Moreau').waitFor();
    await result.getByText('1 destinataire').waitFor();
    // Tried again on a context of our own.
    const context_ = page.getByLabel('Événement d’essai (JSON)');
    await context_.fill((await context_.inputValue()).replace('Amélie Moreau', 'Zoé Leroy'));
    await page.getByRole('button', { name: 'Essayer', exact: true }).click();
    await result.getByText('Nouvelle invitation : Zoé Leroy').waitFor();
    const hookPage = page.url();

    // The real event: an invitation from the users screen; the worker runs the hook.
    const invited = { email: address('automated'), name: 'Aude Automatisée' };
    await inviteUser(page, invited);
    await page.goto(hookPage);
    const runs = page.getByRole('region', { name: 'Exécutions' });
    const run = runs.getByRole('row').filter({ hasText: 'user.invited' }).first();
    await eventually(
      'the hook’s run in its executions log',
      async () => {
        await runs.getByRole('button', { name: 'Actualiser' }).click();
        await run.or(runs.getByText('Aucune exécution pour l’instant.')).first().waitFor();
        return (await run.count()) > 0;
      },
      { seconds: 30, interval: 500 },
    );
    await run.getByText('Réussie').waitFor();
    await run.getByRole('button', { name: /^Détails de l’exécution/ }).click();
    await runs.getByText(invited.email).first().waitFor();
    await runs.getByText('1 destinataire').waitFor();

    // And the notification it sent is in the admin's bell.
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page
      .getByRole('dialog', { name: 'Notifications' })
      .getByText(`Nouvelle invitation : ${invited.name}`)
      .first()
      .waitFor();
  }));

/** A small PNG (a blue-to-green square), made here so the suite needs no image file. */
function png(size = 48) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (/** @type {Buffer} */ bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (/** @type {string} */ type, /** @type {Buffer} */ data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = [0]; // no filter
    for (let x = 0; x < size; x += 1) row.push(15, 76 + x * 2, 129 - y);
    rows.push(Buffer.from(row));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a photo is added to the profile’s documents with its progress, shown, then deleted; numbering lists HSE’s', () =>
  withPage('documents', async (page, context) => {
    await signInAsAdmin(page, context);
    await page.goto(`${base}/profile?tab=documents`);
    const panel = page.getByRole('region', { name: 'Documents' });
    await panel
      .getByText(/^\d+ sur 5 · Photo$/)
      .first()
      .waitFor();
    // The admin's documents are empty on the suite's fresh database.
    const emptyAtFirst = await panel.getByText('Aucun document').isVisible();
    const photos = async () =>
      Number(
        (
          await panel
            .getByText(/^\d+ sur 5 · Photo$/)
            .first()
            .textContent()
        )?.split(' ')[0],
      );
    const before = await photos();
    await panel.getByLabel('Type de fichier').selectOption('photo');

    // Sent through XMLHttpRequest with the bearer token (3 s long here: often refreshed).
    const name = `badge-${Date.now()}.png`;
    await panel.locator('input[type=file]').setInputFiles({
      name,
      mimeType: 'image/png',
      buffer: png(),
    });
    await page.getByText(`${name} ajouté.`).waitFor();
    const item = panel.getByRole('listitem').filter({ hasText: name });
    await item.waitFor();
    await panel
      .getByText(`${before + 1} sur 5 · Photo`)
      .first()
      .waitFor();
    // Its thumbnail through a signed link once the worker made it, an icon until then.
    const thumbnail = item.getByRole('img', { name: `Aperçu de ${name}` });
    await thumbnail
      .or(item.getByText('PNG', { exact: true }))
      .first()
      .waitFor();
    await thumbnail.waitFor({ timeout: 20_000 });
    const loaded = await eventually('the thumbnail loads through its signed link', () =>
      thumbnail.evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth > 0),
    );
    assert.ok(loaded, 'the thumbnail loads through its signed link');

    await item.getByRole('button', { name: `Supprimer ${name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Supprimer ${name} ?` });
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    await page.getByText(`${name} supprimé.`).waitFor();
    await item.waitFor({ state: 'detached' });
    await panel.getByText(`${before} sur 5 · Photo`).first().waitFor();
    if (emptyAtFirst) await panel.getByText('Aucun document').waitFor();

    await page.goto(`${base}/admin/sequences`);
    await page.getByRole('heading', { level: 1, name: 'Numérotation' }).waitFor();
    // The demo company has HSE on: its incidents and actions are numbered.
    await page.getByText('Incident HSE').first().waitFor();
    await page
      .getByText(/INC-\d{4}-\d{5}/)
      .first()
      .waitFor();
  }));

/** The example package (backend/tests/fixtures/modules/lifting) zipped, as scripts/bench.sh does. */
function liftingPackage() {
  const dir = new URL('../../backend/tests/fixtures/modules/lifting/', import.meta.url).pathname;
  const zip = join(mkdtempSync(join(tmpdir(), 'opsflux-e2e-')), 'lifting.zip');
  const python = process.env.OPSFLUX_TEST_PYTHON ?? 'python3';
  execFileSync(python, ['-m', 'zipfile', '-c', zip, ...readdirSync(dir)], { cwd: dir });
  return readFileSync(zip);
}

test('a package is installed and turned on; its records are checked, created and moved along', () =>
  withPage('modules', async (page, context) => {
    await signInAsAdmin(page, context);
    await navigation(page).getByRole('link', { name: 'Modules', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Modules' }).waitFor();

    // Uploaded through the page (XMLHttpRequest, with its progress), checked whole.
    const name = 'Inspections des équipements de levage';
    await page.locator('input[type=file]').setInputFiles({
      name: 'lifting.zip',
      mimeType: 'application/zip',
      buffer: liftingPackage(),
    });
    await page.getByText(`${name} 1.0.0 est installé.`, { exact: false }).waitFor();
    const card = page.getByRole('region', { name });
    await card.getByText('Désactivé', { exact: true }).waitFor();
    await card.getByRole('button', { name: `Activer ${name}` }).click();
    await page.getByText(`${name} est activé pour votre société.`).waitFor();
    await card.getByText('Activé', { exact: true }).waitFor();

    // Its menu entry arrives with it.
    await navigation(page).getByRole('link', { name: 'Inspections de levage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inspections' }).waitFor();
    await page.getByText('Aucune fiche « Inspections » pour l’instant').waitFor();

    // The form is drawn from the definition and checks it before sending.
    await page.getByRole('button', { name: 'Nouvelle fiche : Inspection' }).first().click();
    const form = page.getByRole('dialog', { name: 'Nouvelle fiche : Inspection' });
    await form.getByLabel(/^Équipement/).fill('ab');
    await form.getByLabel(/^Échéance/).fill('2026-12-15');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText('Au moins 3 caractères.').waitFor();
    const equipment = `Grue à tour TC-${Date.now() % 10000}`;
    await form.getByLabel(/^Équipement/).fill(equipment);
    await form.getByLabel(/^Type d.équipement/).selectOption({ label: 'Grue' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(new RegExp(`^Fiche LIFT-\\d{4}-\\d+ · ${equipment} créée\\.$`)).waitFor();
    await form.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: equipment });
    await row.getByText('Planifiée').waitFor();
    await row.getByText('Grue', { exact: true }).waitFor();

    // Completing it needs fields the new record lacks: the server names them, the form asks.
    await row.getByRole('link', { name: `Ouvrir ${equipment}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(equipment) }).waitFor();
    await page.getByRole('button', { name: 'Terminer' }).click();
    const confirm = page.getByRole('alertdialog', { name: /^Terminer : / });
    await confirm.getByRole('button', { name: 'Terminer' }).click();
    const complete = page.getByRole('dialog', { name: /^Terminer : / });
    await complete.getByText('Obligatoire pour passer à cet état.').first().waitFor();
    assert.equal(await complete.getByText('Obligatoire pour passer à cet état.').count(), 3);
    await complete.getByLabel('Inspectée le').fill('2026-12-06T10:30');
    await complete.getByRole('button', { name: 'Moi', exact: true }).click();
    await complete.getByLabel('Résultat').selectOption({ label: 'Conforme' });
    await complete.getByRole('button', { name: 'Enregistrer et passer à « Réalisée »' }).click();
    await page.getByText(/est passée à l’état « Réalisée »\.$/).waitFor();
    await complete.waitFor({ state: 'hidden' });
    const steps = page.getByRole('list', { name: 'Avancement' });
    assert.match((await steps.locator('[aria-current=step]').textContent()) ?? '', /Réalisée/);
    await page
      .getByText(/^Demo Admin/)
      .first()
      .waitFor();
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    await page.getByText('Changement d’état · Planifiée → Réalisée').waitFor();
  }));

/** A demo person of backend/src/demo.rs: the demo admin's password, no second factor. */
const demoPerson = (/** @type {string} */ local, /** @type {string} */ name) => ({
  email: `${local}@demo.opsflux.localhost`,
  password: admin.password,
  name,
});

/** Days from today as the date input takes it (`YYYY-MM-DD`), in the browser's local time. */
function dayFromNow(/** @type {number} */ days) {
  const day = new Date(Date.now() + days * 86_400_000);
  return [day.getFullYear(), day.getMonth() + 1, day.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
}

/** A JPEG photo drawn by the browser itself (a canvas), the PNG's counterpart. */
async function jpeg(/** @type {import('playwright-core').Page} */ page, size = 48) {
  const url = await page.evaluate((side) => {
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    const gradient = context.createLinearGradient(0, 0, side, side);
    gradient.addColorStop(0, '#b91c1c');
    gradient.addColorStop(1, '#f59e0b');
    context.fillStyle = gradient;
    context.fillRect(0, 0, side, side);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, size);
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

/** The card of the incident page titled `title` (a `<section>` under its `<h2>`). */
const card = (/** @type {import('playwright-core').Page} */ page, /** @type {string} */ title) =>
  page
    .locator('section')
    .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

/**
 * Photos chosen through a picker's file input, each followed until the server has it:
 * its tile's progress bar gone, and no error in its place.
 * @param {import('playwright-core').Locator} within
 * @param {{ name: string, mimeType: string, buffer: Buffer }[]} files
 */
async function addPhotos(within, files) {
  await within.getByLabel('Choisir des photos').setInputFiles(files);
  for (const { name } of files) {
    const tile = within
      .getByRole('listitem')
      .filter({ has: within.page().getByRole('img', { name }) });
    await tile.waitFor();
    await tile.getByRole('progressbar').waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(await tile.getByRole('alert').count(), 0, `${name} was sent`);
    await tile.getByText(name, { exact: true }).waitFor();
  }
}

/** Makes a workflow move on the incident page: its button, then the dialog's, reason given. */
async function move(
  /** @type {import('playwright-core').Page} */ page,
  /** @type {string} */ label,
  /** @type {string} */ dialogTitle,
  /** @type {string} */ reason = '',
) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: dialogTitle });
  if (reason) await dialog.getByLabel(/^Motif/).fill(reason);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

test('a critical incident with two photos rings the HSE manager’s bell live; investigated, its action done, approved, closed, and its PDF saved', () => {
  const worker = demoPerson('field.worker', 'Jean Okou');
  const manager = demoPerson('hse.manager', 'Claire Dubois');
  const stamp = Date.now();
  const title = `Fuite d’huile hydraulique sur la grue du pont B ${stamp}`;
  const actionTitle = `Remplacer le flexible hydraulique de la grue ${stamp}`;
  return withPage('hse-manager', async (boss) => {
    // 1. The manager waits on the home page, the bell fed by the live stream.
    const streamOpen = boss.waitForResponse((response) =>
      response.url().includes('/api/v1/notifications/stream?'),
    );
    await signIn(boss, manager);
    await streamOpen;
    const bell = boss.getByRole('button', { name: /^Notifications/ });
    const unread = async () =>
      Number(/(\d+)/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    const before = await unread();
    await boss.evaluate(() => {
      /** @type {any} */ (window).e2eSamePage = true;
    });

    let number = '';
    let actionNumber = '';
    await withPage('hse-worker', async (page) => {
      // 2. The field worker reports it from the menu, with two photos.
      await signIn(page, worker);
      await navigation(page).getByRole('link', { name: 'Déclarer un incident' }).click();
      await page.getByRole('heading', { level: 1, name: 'Déclarer un incident' }).waitFor();
      await page.getByLabel('Titre *', { exact: true }).fill(title);
      // The severities are labels over visually hidden radios: the label is what is clicked.
      const severity = page.getByRole('group', { name: 'Gravité *' });
      await severity.getByText('Critique', { exact: true }).click();
      assert.ok(await severity.getByRole('radio', { name: 'Critique' }).isChecked());
      await page.getByLabel('Type *', { exact: true }).selectOption({ label: 'Sécurité procédé' });
      await page
        .getByLabel('Description *', { exact: true })
        .fill(
          'Le flexible d’alimentation du vérin de flèche a cédé pendant un levage ; huile projetée sur le pont.',
        );
      await page.getByRole('combobox', { name: 'Site', exact: true }).click();
      await page.getByRole('option', { name: /Plateforme Alpha/ }).click();
      await page.getByRole('button', { name: 'Retirer Plateforme Alpha' }).waitFor();
      await page.getByLabel('Lieu précis *', { exact: true }).fill('Pont B, pied de la grue 2');
      const photos = [
        { name: `fuite-${stamp}-1.png`, mimeType: 'image/png', buffer: png(64) },
        { name: `fuite-${stamp}-2.jpg`, mimeType: 'image/jpeg', buffer: await jpeg(page, 80) },
      ];
      await addPhotos(page.locator('form'), photos);
      await page.getByRole('button', { name: 'Soumettre', exact: true }).click();
      await page.getByText(/^Incident INC-\S+ déclaré\.$/).waitFor();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      number = ((await page.getByText(/^INC-\d{4}-\d+$/).textContent()) ?? '').trim();
      assert.match(number, /^INC-\d{4}-\d+$/);
      await page.getByText('Critique', { exact: true }).waitFor();
      await page.getByText('Soumis', { exact: true }).waitFor();

      // 3. The manager's bell rings on the page they were on; the notification opens the incident.
      await eventually('the manager’s bell to ring', async () => (await unread()) > before);
      const alert = `URGENT : incident critique / critical incident ${number}`;
      // Urgent: it pops up too.
      await boss.getByRole('listitem').filter({ hasText: alert }).first().waitFor();
      assert.equal(await boss.evaluate(() => /** @type {any} */ (window).e2eSamePage), true);
      await bell.click();
      const inbox = boss.getByRole('dialog', { name: 'Notifications' });
      const item = inbox.getByRole('button', { name: new RegExp(alert) });
      assert.match((await item.textContent()) ?? '', /Non lue/, 'shown unread');
      await item.click();
      await boss.getByRole('heading', { level: 1, name: title }).waitFor();
      await boss.getByText(number, { exact: true }).waitFor();
      const shown = card(boss, 'Photos').getByRole('button', { name: /^Agrandir / });
      await shown.nth(1).waitFor();
      assert.deepEqual(
        (await shown.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label'))))
          .map((label) => label?.replace('Agrandir ', ''))
          .sort(),
        photos.map(({ name }) => name).sort(),
      );

      // The investigation: opened, then written (the manager and the HSE officer investigate).
      await move(boss, 'Ouvrir l’investigation', `Ouvrir l’investigation de ${number}`);
      await boss.getByText('Incident désormais « En investigation ».').waitFor();
      // Opening it started a blank one, the manager its first investigator: the page
      // offers to fill it in, and it opens as a form.
      const investigation = card(boss, 'Investigation');
      await boss.getByRole('button', { name: 'Renseigner l’investigation' }).waitFor();
      await investigation.getByRole('button', { name: `Retirer ${manager.name}` }).waitFor();
      await investigation.getByLabel('Enquêteurs *').fill('Karim');
      await investigation.getByRole('button', { name: /^Karim Benali/ }).click();
      await investigation.getByRole('button', { name: 'Retirer Karim Benali' }).waitFor();
      await investigation
        .getByLabel('Causes racines', { exact: true })
        .fill(
          'Flexible hors d’âge : inspection annuelle non planifiée depuis le changement de prestataire.',
        );
      await investigation
        .getByLabel('Constats', { exact: true })
        .fill('Flexible fissuré au sertissage ; aucune trace de l’inspection de 2024 au registre.');
      await investigation.getByRole('button', { name: 'Enregistrer l’investigation' }).click();
      await boss.getByText('Investigation enregistrée.').waitFor();
      await investigation.getByRole('button', { name: 'Modifier l’investigation' }).waitFor();

      // An action for the field worker, due in two weeks.
      await card(boss, 'Actions').getByRole('button', { name: 'Ajouter une action' }).click();
      const add = boss.getByRole('dialog', { name: `Nouvelle action sur ${number}` });
      await add.getByLabel('Titre *', { exact: true }).fill(actionTitle);
      await add.getByLabel('Type *', { exact: true }).selectOption({ label: 'Corrective' });
      await add.getByLabel('Échéance *', { exact: true }).fill(dayFromNow(14));
      await add.getByLabel('Responsable *', { exact: true }).fill('Jean');
      await add.getByRole('button', { name: new RegExp(`^${worker.name}`) }).click();
      await add.getByRole('button', { name: `Retirer ${worker.name}` }).waitFor();
      await add.getByRole('button', { name: 'Ajouter une action' }).click();
      const added = boss.getByText(/^Action \S+ créée ; son responsable est prévenu\.$/);
      actionNumber = /^Action (\S+) /.exec((await added.textContent()) ?? '')?.[1] ?? '';
      assert.ok(actionNumber, 'the action has a number');
      await add.waitFor({ state: 'hidden' });
      await card(boss, 'Actions')
        .getByRole('listitem')
        .filter({ hasText: actionTitle })
        .getByText('À faire')
        .waitFor();

      // 4. The field worker completes it from "My actions", a note and a photo as evidence.
      await navigation(page).getByRole('link', { name: 'Mes actions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes actions' }).waitFor();
      const mine = page.getByRole('main').getByRole('listitem').filter({ hasText: actionTitle });
      await mine.getByText('À faire').waitFor();
      await mine.getByRole('button', { name: 'Terminer', exact: true }).click();
      const complete = page.getByRole('dialog', { name: `Terminer ${actionNumber}` });
      await complete
        .getByLabel('Note')
        .fill('Flexible remplacé par un neuf certifié, essai en charge concluant.');
      await addPhotos(complete, [
        { name: `flexible-${stamp}.png`, mimeType: 'image/png', buffer: png(32) },
      ]);
      await complete.getByRole('button', { name: 'Terminer', exact: true }).click();
      await page.getByText(`Action ${actionNumber} : Réalisée.`).waitFor();
      await complete.waitFor({ state: 'hidden' });
      await mine.getByText('Réalisée', { exact: true }).waitFor();
    });

    // 5. The manager verifies the action, then the incident goes to approval, is approved and closed.
    await boss.reload();
    const action = card(boss, 'Actions').getByRole('listitem').filter({ hasText: actionTitle });
    await action.getByText('Réalisée', { exact: true }).waitFor();
    await action.getByRole('button', { name: 'Vérifier', exact: true }).click();
    const verify = boss.getByRole('dialog', { name: `Vérifier ${actionNumber}` });
    await verify.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await boss.getByText(`Action ${actionNumber} : Vérifiée.`).waitFor();
    await action.getByText('Vérifiée', { exact: true }).waitFor();

    await move(boss, 'Demander l’approbation', `Demander l’approbation de ${number}`);
    await boss.getByText('Incident désormais « En attente d’approbation ».').waitFor();
    const approval = 'Causes établies, action corrective vérifiée sur place.';
    await move(boss, 'Approuver', `Approuver ${number}`, approval);
    await boss.getByText('Incident désormais « Approuvé ».').waitFor();
    await move(boss, 'Clôturer', `Clôturer ${number}`);
    await boss.getByText('Incident désormais « Clôturé ».').waitFor();
    await boss.getByText('Clôturé', { exact: true }).waitFor();
    const steps = card(boss, 'Historique').getByRole('listitem');
    await steps.nth(5).waitFor();
    assert.deepEqual(
      (await steps.allInnerTexts()).map((text) => text.split('\n')[0]),
      [
        'Créé : Brouillon',
        'Brouillon → Soumis',
        'Soumis → En investigation',
        'En investigation → En attente d’approbation',
        'En attente d’approbation → Approuvé',
        'Approuvé → Clôturé',
      ],
    );
    await steps
      .filter({ hasText: 'En attente d’approbation → Approuvé' })
      .getByText(approval)
      .waitFor();

    // 6. Its PDF, saved as <number>.pdf.
    const saved = boss.waitForEvent('download');
    await boss.getByRole('button', { name: `Télécharger ${number} en PDF` }).click();
    const download = await saved;
    assert.equal(download.suggestedFilename(), `${number}.pdf`);
    const path = artifact(number, 'pdf');
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-');
  });
});

/** `YYYY-MM-DD` in Paris (the demo admin's time zone), `days` from today. */
function parisDay(/** @type {number} */ days = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The Monday of the week of `day` (`YYYY-MM-DD`), where the calendar's weeks start. */
function mondayOf(/** @type {string} */ day) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

test('create a weekly recurring event and see it in the week view', () =>
  withPage('calendar-weekly', async (page, context) => {
    const title = 'Réunion sécurité hebdomadaire';
    // Its first day: the next Tuesday, 1 to 7 days ahead, at 09:00 in Paris.
    const ahead = [1, 2, 3, 4, 5, 6, 7].find(
      (days) => new Date(`${parisDay(days)}T00:00:00Z`).getUTCDay() === 2,
    );
    const tuesday = parisDay(ahead);
    await signInAsAdmin(page, context);
    await navigation(page).getByRole('link', { name: 'Calendrier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendrier' }).waitFor();

    await page.getByRole('button', { name: 'Nouvel événement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel événement' });
    await dialog.getByLabel('Titre', { exact: true }).fill(title);
    await dialog.getByLabel('Début', { exact: true }).fill(tuesday);
    await dialog.getByLabel('Heure de début').fill('09:00');
    await dialog.getByLabel('Heure de fin').fill('10:00');
    await dialog.getByRole('combobox', { name: 'Répétition' }).selectOption('weekly');
    // The first day's weekday is the one offered, and the rule reads in words.
    assert.ok(await dialog.getByRole('checkbox', { name: 'mardi' }).isChecked());
    await dialog
      .getByTestId('recurrence-words')
      .getByText('Toutes les semaines le mardi', { exact: true })
      .waitFor();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`Événement « ${title} » créé.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // The week view opens on this week; the first Tuesday may be in the next one.
    await page.getByRole('tab', { name: 'Semaine' }).click();
    await page.getByRole('tab', { name: 'Semaine', selected: true }).waitFor();
    const next = page.getByRole('button', { name: 'Période suivante' });
    if (mondayOf(tuesday) > mondayOf(parisDay())) await next.click();
    /** The meeting in the time grid's column of `day` (FullCalendar's own markup). */
    const meetingOn = (/** @type {string} */ day) =>
      page
        .locator(`td.fc-timegrid-col[data-date="${day}"]`)
        .locator('.fc-timegrid-event')
        .filter({ hasText: title })
        .first();
    await meetingOn(tuesday).waitFor();
    await meetingOn(tuesday).getByRole('img', { name: 'Récurrent' }).waitFor();

    // The week after: the rule brings it back on that Tuesday.
    const shown = new URL(page.url()).searchParams.get('date');
    await next.click();
    await page.waitForURL((url) => url.searchParams.get('date') !== shown);
    const week = new Date(`${tuesday}T00:00:00Z`);
    week.setUTCDate(week.getUTCDate() + 7);
    await meetingOn(week.toISOString().slice(0, 10)).waitFor();
    assert.match(
      (await meetingOn(week.toISOString().slice(0, 10)).textContent()) ?? '',
      /09:00 - 10:00/,
      'at 09:00, its time in Paris',
    );
  }));

/** A users file as the import reads it: a header of field names, then one line per row. */
function usersCsv(/** @type {string[][]} */ rows) {
  return Buffer.from(
    ['email,full_name,locale', ...rows.map((row) => row.join(','))].join('\n') + '\n',
  );
}

test('import a CSV of users through the wizard with one invalid row fixed and re-imported', () =>
  withPage('import-users', async (page, context) => {
    const stamp = Date.now();
    const ana = `import-ana-${stamp}@e2e.opsflux.localhost`;
    const ben = `import-ben-${stamp}@e2e.opsflux.localhost`;
    const bad = `import-chloe-${stamp}(at)e2e.opsflux.localhost`;
    const chloe = bad.replace('(at)', '@');
    await signInAsAdmin(page, context);

    // 1. From the users list to the wizard, on the users.
    await navigation(page).getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await page.getByRole('link', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer des données' }).waitFor();
    assert.equal(await page.getByLabel('Données à importer').inputValue(), 'users');

    // 2. Three rows, the third's address mistyped: sent, then previewed.
    await page.getByRole('button', { name: 'Choisir un fichier' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: `equipe-${stamp}.csv`,
      mimeType: 'text/csv',
      buffer: usersCsv([
        [ana, 'Ana Lopes', 'fr'],
        [ben, 'Ben Okafor', 'en'],
        [bad, 'Chloé Roux', 'fr'],
      ]),
    });
    const refused = page.getByRole('cell', { name: new RegExp(`^${bad.replace(/\W/g, '\\$&')}`) });
    await refused.waitFor({ timeout: 20_000 });
    assert.equal(await refused.getAttribute('data-invalid'), 'true', 'the cell is marked');
    assert.ok(await refused.getAttribute('title'), 'the cell carries the server’s message');
    const problems = page.getByRole('region', { name: 'Erreurs ligne par ligne' });
    await problems.getByText(/^Ligne 4 — E-mail : /).waitFor();

    // 3. All or nothing by default: blocked; the valid rows only, then.
    assert.ok(await page.getByRole('button', { name: 'Importer 3 lignes' }).isDisabled());
    await page.getByRole('checkbox', { name: 'Importer seulement les lignes valides' }).click();
    await page.getByRole('button', { name: 'Importer 2 lignes' }).click();
    await page.getByText('Import terminé.').waitFor({ timeout: 30_000 });
    const report = page.getByLabel('Compte rendu', { exact: true });
    const count = (/** @type {string} */ label) =>
      report.locator('div').filter({ hasText: label }).locator('dd').innerText();
    assert.equal(await count('Créées'), '2');
    assert.equal(await count('Rejetées'), '1');

    // 4. The rejected row, with its reason, as a file.
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger les lignes rejetées (CSV)' }).click();
    const download = await saved;
    assert.equal(download.suggestedFilename(), 'users-rejected-rows.csv');
    const path = artifact(`users-rejected-rows-${stamp}`, 'csv');
    await download.saveAs(path);
    const rejected = readFileSync(path, 'utf8');
    assert.match(rejected.split('\n')[0] ?? '', /motif|reason/, 'a reason column');
    assert.ok(rejected.includes(bad), 'the mistyped address is in the file');
    assert.ok(!rejected.includes(ana), 'the imported rows are not');

    // 5. Fixed and imported again, on the same resource.
    await page.getByRole('button', { name: 'Corriger et réimporter' }).click();
    await page.getByRole('button', { name: 'Choisir un fichier' }).waitFor();
    assert.equal(await page.getByLabel('Données à importer').inputValue(), 'users');
    await page.locator('input[type=file]').setInputFiles({
      name: `equipe-${stamp}-corrigee.csv`,
      mimeType: 'text/csv',
      buffer: usersCsv([[chloe, 'Chloé Roux', 'fr']]),
    });
    await page.getByRole('cell', { name: chloe }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Importer 1 ligne' }).click();
    await page.getByText('Import terminé.').waitFor({ timeout: 30_000 });
    assert.equal(await count('Créées'), '1');
    assert.equal(await count('Rejetées'), '0');

    // 6. The three are invited; the jobs page lists both imports.
    await navigation(page).getByRole('link', { name: 'Utilisateurs' }).click();
    for (const email of [ana, ben, chloe]) {
      await page.getByLabel('Rechercher un nom ou une adresse e-mail').fill(email);
      await page.getByRole('row').filter({ hasText: email }).getByText('Invité').waitFor();
    }
    await userMenu(page, 'Tâches');
    await page.getByRole('heading', { level: 1, name: 'Tâches' }).waitFor();
    const imports = page
      .getByRole('row')
      .filter({ has: page.getByText('Import', { exact: true }) });
    await imports.nth(1).waitFor();
    await imports
      .first()
      .getByText('Utilisateurs · créées : 1 · mises à jour : 0 · rejetées : 0')
      .waitFor();
    await imports
      .nth(1)
      .getByRole('button', { name: 'Télécharger les lignes rejetées de cet import' })
      .waitFor();
  }));

import { i18n } from './index';
import { applyCatalogue } from './server-catalogue';

const menuLabel = (key: string) =>
  (i18n.t as (key: string, options: object) => string)(key, { ns: 'menu', keySeparator: false });

describe('the server catalogue in i18next', () => {
  afterEach(() => applyCatalogue('fr', {}));

  it('puts the company’s menu labels over the bundled ones', () => {
    applyCatalogue('fr', { 'menu.admin.users': 'Personnel', 'notification.category.hse': 'HSE' });
    expect(menuLabel('menu.admin.users')).toBe('Personnel');
    expect(menuLabel('menu.admin.roles')).toBe('Rôles');
    expect(i18n.getResource('fr', 'server', 'notification.category.hse')).toBe('HSE');
  });

  it('gives the bundled label back when the override goes', () => {
    applyCatalogue('fr', { 'menu.admin.users': 'Personnel' });
    applyCatalogue('fr', { 'menu.admin.users': 'Utilisateurs' });
    expect(menuLabel('menu.admin.users')).toBe('Utilisateurs');
    applyCatalogue('fr', {});
    expect(menuLabel('menu.admin.users')).toBe('Utilisateurs');
  });
});

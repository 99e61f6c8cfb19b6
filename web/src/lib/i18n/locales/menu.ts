/**
 * Labels of the server's menu (`label_key` of each module manifest's entries). Flat,
 * because the keys hold dots. A module that adds menu entries adds their labels here.
 */
export const frMenu = {
  'menu.home': 'Accueil',
  'menu.admin': 'Administration',
  'menu.admin.users': 'Utilisateurs',
  'menu.admin.roles': 'Rôles',
  'menu.admin.groups': 'Groupes',
  'menu.admin.companies': 'Sociétés',
  'menu.admin.api_tokens': 'Jetons d’API',
  'menu.admin.audit': 'Journal d’audit',
  'menu.admin.emails': 'Messages envoyés',
  'menu.admin.webhooks': 'Webhooks',
  'menu.admin.scheduler': 'Tâches planifiées',
  'menu.admin.hooks': 'Automatisations',
  'menu.admin.sequences': 'Numérotation',
  'menu.admin.sites': 'Sites',
  'menu.admin.storage': 'Stockage',
  'menu.admin.modules': 'Modules',
  'menu.admin.translations': 'Traductions',
};

export const enMenu: Record<keyof typeof frMenu, string> = {
  'menu.home': 'Home',
  'menu.admin': 'Administration',
  'menu.admin.users': 'Users',
  'menu.admin.roles': 'Roles',
  'menu.admin.groups': 'Groups',
  'menu.admin.companies': 'Companies',
  'menu.admin.api_tokens': 'API tokens',
  'menu.admin.audit': 'Audit trail',
  'menu.admin.emails': 'Sent messages',
  'menu.admin.webhooks': 'Webhooks',
  'menu.admin.scheduler': 'Periodic jobs',
  'menu.admin.hooks': 'Automations',
  'menu.admin.sequences': 'Numbering',
  'menu.admin.sites': 'Sites',
  'menu.admin.storage': 'Storage',
  'menu.admin.modules': 'Modules',
  'menu.admin.translations': 'Translations',
};

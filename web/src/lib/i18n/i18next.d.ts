import 'i18next';

import type { frAdmin } from './locales/admin.fr';
import type { frCalendar } from './locales/calendar.fr';
import type { frFiles } from './locales/files.fr';
import type { fr } from './locales/fr';
import type { frHooks } from './locales/hooks.fr';
import type { frHseKpi } from './locales/hse-kpi.fr';
import type { frHse } from './locales/hse.fr';
import type { frImportExport } from './locales/import-export.fr';
import type { frMenu } from './locales/menu';
import type { frModules } from './locales/modules.fr';
import type { frNotifications } from './locales/notifications.fr';
import type { frScheduler } from './locales/scheduler.fr';
import type { frSequences } from './locales/sequences.fr';
import type { frSites } from './locales/sites.fr';
import type { frTranslations } from './locales/translations.fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof fr;
      menu: typeof frMenu;
      admin: typeof frAdmin;
      scheduler: typeof frScheduler;
      notifications: typeof frNotifications;
      hooks: typeof frHooks;
      translations: typeof frTranslations;
      files: typeof frFiles;
      sequences: typeof frSequences;
      modules: typeof frModules;
      sites: typeof frSites;
      hse: typeof frHse;
      hseKpi: typeof frHseKpi;
      calendar: typeof frCalendar;
      importExport: typeof frImportExport;
    };
    returnNull: false;
  }
}

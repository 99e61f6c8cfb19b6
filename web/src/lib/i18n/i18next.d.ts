import 'i18next';

import type { fr } from './locales/fr';
import type { frMenu } from './locales/menu';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr; menu: typeof frMenu };
    returnNull: false;
  }
}

/**
 * French strings of the translations screen (namespace `translations`).
 * `translations.en.ts` has the same shape (the compiler checks it).
 */
export const frTranslations = {
  title: 'Traductions',
  description:
    'Les mots de l’application pour votre société : remplacez un libellé en français ou en anglais, ou revenez au texte d’origine.',
  search: 'Rechercher une clé ou un texte',
  only_mine: 'Seulement mes modifications',
  columns: {
    key: 'Clé',
    fr: 'Français',
    en: 'Anglais',
    actions: 'Actions',
  },
  default: 'Par défaut :',
  default_named: 'Texte par défaut : {{text}}',
  yours: 'Votre texte',
  field_label: '{{language}} pour {{key}}',
  placeholder: 'Texte par défaut',
  overridden: 'Modifié',
  keep_placeholders: 'À conserver : {{names}}',
  missing_placeholders: 'Conservez {{names}} : ils sont remplacés par des valeurs.',
  extra_placeholders: '{{names}} n’existe pas dans le texte par défaut.',
  save: 'Enregistrer',
  save_named: 'Enregistrer {{key}}',
  reset: 'Texte d’origine',
  reset_named: 'Revenir au texte d’origine pour {{key}}',
  saved: 'Traduction de {{key}} enregistrée.',
  reset_done: '{{key}} revient au texte d’origine.',
  empty: 'Aucune clé',
  empty_filtered: 'Aucune clé ne correspond : élargissez la recherche.',
  empty_mine: 'Vous n’avez modifié aucun texte.',
  count_one: '{{count}} clé',
  count_other: '{{count}} clés',
  show_more: 'Afficher {{count}} de plus',
  errors: {
    blank: 'Le texte ne peut pas être vide.',
    placeholders: 'Conservez les mêmes variables que le texte par défaut.',
  },
};

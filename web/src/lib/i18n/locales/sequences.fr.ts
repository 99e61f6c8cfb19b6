/** Chaînes de la page Numérotation (espace de noms `sequences`). */
export const frSequences = {
  title: 'Numérotation',
  description:
    'Le format des numéros donnés aux fiches (incidents, actions…) : préfixe, nombre de chiffres et remise à 1.',
  columns: {
    label: 'Séquence',
    code: 'Code',
    preview: 'Prochain numéro',
    period: 'Remise à 1',
    last: 'Dernier utilisé',
    actions: 'Actions',
  },
  period: {
    year: 'Chaque année',
    month: 'Chaque mois',
    none: 'Jamais',
  },
  period_current: 'Période en cours : {{key}}',
  never_used: 'Aucun encore',
  edit: 'Modifier',
  edit_named: 'Modifier la numérotation {{label}}',
  dialog: {
    title: 'Numérotation : {{label}}',
    description:
      'Le nouveau format s’applique aux prochains numéros ; ceux déjà attribués ne changent pas.',
    prefix: 'Préfixe',
    prefix_hint: '1 à 12 caractères : lettres majuscules, chiffres, - et _.',
    padding: 'Nombre de chiffres',
    padding_hint: 'Le numéro est complété de zéros à gauche (1 à 12).',
    period: 'Remise à 1',
    next_value: 'Prochaine valeur',
    next_value_hint: 'Ne peut qu’avancer : au-dessus de {{last}}, la dernière valeur utilisée.',
    preview: 'Aperçu du prochain numéro',
    saved: 'Numérotation {{label}} enregistrée.',
  },
  errors: {
    prefix: 'Lettres majuscules A-Z, chiffres, - et _ ; 1 à 12 caractères.',
    padding: 'Entre 1 et 12 chiffres.',
    next_value_min: 'Doit être supérieur à {{last}}, la dernière valeur utilisée.',
    next_value_max: 'Au plus 12 chiffres.',
    integer: 'Saisissez un nombre entier.',
  },
  empty: {
    title: 'Aucune numérotation pour l’instant',
    what: 'Les fiches reçoivent un numéro lisible, sans trou, par société et par période : par exemple INC-2026-00043 pour le 43ᵉ incident de 2026.',
    who: 'Ce sont les modules qui déclarent leurs séquences : quand un module comme HSE sera activé, ses numérotations apparaîtront ici et vous pourrez en choisir le préfixe, le nombre de chiffres et la remise à 1.',
  },
};

/**
 * French, the reference catalogue (default namespace). `en.ts` must have the same shape
 * (the compiler checks it). Keys follow web/src/lib/i18n: API error codes under
 * `errors.code.<code>`, field messages under `errors.field.<code>`.
 */
export const fr = {
  app: {
    name: 'OpsFlux',
    tagline: 'Terrain : déclarer et suivre, même sans réseau.',
  },
  common: {
    cancel: 'Annuler',
    close: 'Fermer',
    retry: 'Réessayer',
    save: 'Enregistrer',
    loading: 'Chargement…',
  },
  errors: {
    unexpected: 'Une erreur inattendue s’est produite. Réessayez.',
    field: {
      required: 'Ce champ est obligatoire.',
      email: 'Saisissez une adresse e-mail valide.',
      too_long: 'Trop long.',
    },
    code: {
      network_error: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
      unexpected_response: 'Réponse inattendue du serveur. Réessayez.',
      internal_error: 'Erreur du serveur. Réessayez ; si cela persiste, signalez-le.',
      invalid_credentials: 'Adresse e-mail ou mot de passe incorrect.',
      account_disabled: 'Ce compte est désactivé.',
      company_disabled: 'L’espace de votre société est désactivé.',
      rate_limited: 'Trop de tentatives. Patientez un peu avant de réessayer.',
      permission_denied: 'Vos droits ne permettent pas cette action.',
      revision_mismatch:
        'Cette fiche a changé entre-temps : rechargez-la et vérifiez avant de recommencer.',
      illegal_transition: 'Cette étape n’est plus possible : la fiche a changé entre-temps.',
    },
  },
};

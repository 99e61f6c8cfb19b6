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
  languages: { fr: 'Français', en: 'English' },
  auth: {
    fields: {
      email: 'Adresse e-mail',
      password: 'Mot de passe',
    },
    sign_in: {
      title: 'Connexion',
      description: 'Connectez-vous avec votre adresse e-mail professionnelle.',
      submit: 'Se connecter',
    },
    server: {
      toggle: 'Serveur',
      label: 'Adresse du serveur',
      hint: 'Celle de votre site, donnée par votre administrateur (http://… ou https://…).',
      invalid:
        'Saisissez une adresse http:// ou https://, par exemple https://opsflux.exemple.com.',
    },
    mfa: {
      title: 'Vérification en deux étapes',
      method: 'Méthode de vérification',
      methods: { totp: 'Application', sms: 'SMS', recovery: 'Code de secours' },
      describe: {
        totp: 'Saisissez le code à 6 chiffres affiché par votre application d’authentification.',
        sms: 'Saisissez le code à 6 chiffres reçu par SMS.',
        recovery: 'Saisissez un de vos codes de secours (chacun ne sert qu’une fois).',
      },
      code_label: 'Code à 6 chiffres',
      recovery_label: 'Code de secours',
      resend: 'Renvoyer le code',
      sms_sent: 'Code envoyé par SMS.',
      trust_device: 'Faire confiance à cet appareil',
      trust_device_hint: 'Aucun code ne sera demandé sur cet appareil pendant 30 jours.',
      submit: 'Vérifier',
      back: 'Utiliser un autre compte',
    },
  },
  tabs: {
    report: 'Déclarer',
    incidents: 'Incidents',
    actions: 'Actions',
    inbox: 'Notifications',
    profile: 'Profil',
  },
  inbox: {
    title: 'Notifications',
    empty: 'Aucune notification pour le moment.',
    error: 'Impossible de charger les notifications.',
    mark_all_read: 'Tout marquer comme lu',
    unread: 'Non lue',
    load_more: 'Afficher plus',
  },
  profile: {
    title: 'Profil',
    company: 'Société',
    language: 'Langue',
    server: 'Serveur',
    version: 'Version de l’application',
    sign_out: 'Se déconnecter',
    language_not_saved: 'Langue changée sur cet appareil ; le serveur ne l’a pas enregistrée.',
  },
  errors: {
    unexpected: 'Une erreur inattendue s’est produite. Réessayez.',
    field: {
      required: 'Ce champ est obligatoire.',
      email: 'Saisissez une adresse e-mail valide.',
      too_long: 'Trop long.',
      recovery_code: 'Un code de secours s’écrit xxxx-xxxx.',
      six_digits: 'Saisissez les 6 chiffres.',
    },
    code: {
      network_error: 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.',
      unexpected_response: 'Réponse inattendue du serveur. Réessayez.',
      internal_error: 'Erreur du serveur. Réessayez ; si cela persiste, signalez-le.',
      invalid_credentials: 'Adresse e-mail ou mot de passe incorrect.',
      account_disabled: 'Ce compte est désactivé.',
      company_disabled: 'L’espace de votre société est désactivé.',
      rate_limited: 'Trop de tentatives. Patientez un peu avant de réessayer.',
      invalid_code: 'Code incorrect.',
      mfa_token_invalid: 'La vérification a expiré ou a échoué trop de fois. Reconnectez-vous.',
      invalid_refresh_token: 'Votre session a pris fin. Reconnectez-vous.',
      session_expired: 'Votre session a pris fin. Reconnectez-vous.',
      permission_denied: 'Vos droits ne permettent pas cette action.',
      revision_mismatch:
        'Cette fiche a changé entre-temps : rechargez-la et vérifiez avant de recommencer.',
      illegal_transition: 'Cette étape n’est plus possible : la fiche a changé entre-temps.',
    },
  },
};

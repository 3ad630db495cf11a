"""French texts of lib/plan/schedule.py, lib/plan/tracking.py and lib/campaign/ambassadors.py
that `pybabel extract` cannot see yet: those modules keep them in constants, append them to
error lists or return them without a marker. Listed here (never imported) so that the
extraction keeps them in messages.pot and `pybabel update` keeps their English.

Once a module marks a text where it is defined (N_, Message, its error class), delete its
line here and re-run the extract and update commands of the README.
"""
from lib.core.i18n import N_

# lib/plan/schedule.py: STATUS_LABELS_FR
SCHEDULE = (N_("À venir"), N_("En cours"), N_("Réalisé"), N_("Reporté"), N_("Abandonné"))

# lib/plan/tracking.py: TARGET_KIND_LABELS_FR, PER_LABELS_FR, SCHEDULE_KIND_LABELS_FR, ON_TRACK_EXPLANATION_FR
TRACKING_LABELS = (
    N_("Réalisé ou non"), N_("Un total à atteindre d’ici une date"), N_("Un nombre par période"),
    N_("Un minimum à maintenir par période"),
    N_("par année"), N_("par mois"), N_("par semaine"),
    N_("Une fois (échéance)"), N_("Chaque année (mois choisis)"), N_("Chaque mois"), N_("En continu"),
    N_("Lors d’événements (sans échéance)"),
    N_("Avancement d’un axe : part de ses moyens réalisés ou en bonne voie. Un moyen compte s’il est "
       "réalisé (pour le cycle en cours s’il revient chaque année ou chaque mois), ou s’il n’est pas en "
       "retard et n’a pas été reporté. Les moyens abandonnés ne sont pas comptés."),
)
# lib/plan/tracking.py: describe_target_fr (its other sentences are built with f-strings)
TRACKING_TARGETS = (N_("Réalisé ou non (pas de quantité dans l’indicateur)"),)
# lib/plan/tracking.py: validate_evidence_url, validate_update, _schedule_error_fr, validate_target
TRACKING_ERRORS = (
    N_("Le lien de la preuve doit être une adresse web complète commençant par http:// ou https://."),
    N_("Choisissez un statut."),
    N_("Indiquez l’avancement (0 à 100 %)."),
    N_("L’avancement doit être un nombre entier entre 0 et 100 %."),
    N_("Indiquez la date du travail."),
    N_("La date du travail ne peut pas être dans le futur."),
    N_("La quantité doit être un nombre."),
    N_("La quantité ne peut pas être négative."),
    N_("Une échéance unique demande une date d’échéance."),
    N_("Choisissez des mois seulement pour un échéancier annuel."),
    N_("Un échéancier « lors d’événements » ne prend pas de date de début."),
    N_("Cet échéancier n’est pas valide."),
    N_("Choisissez un type de cible."),
    N_("La quantité visée doit être un nombre entier positif."),
    N_("Choisissez la période (par année, par mois ou par semaine)."),
    N_("Un total à atteindre demande une date limite."),
)

# lib/campaign/ambassadors.py: CHANNELS, STATUS_LABELS_FR, list_ambassadors's report labels, _text_errors's labels
AMBASSADOR_LABELS = (
    N_("Abonnés à l’infolettre"), N_("Visiteurs du site Web (par année)"),
    N_("En attente"), N_("Approuvé"), N_("Refusé"),
    N_("Non commencé"), N_("Brouillon"), N_("Soumis"), N_("Rouvert"), N_("Soumis en retard"),
    N_("Organisation"), N_("Personne-ressource"), N_("Pourquoi nous joignons le mouvement"),
    N_("Signature — nom"), N_("Signature — titre"),
)
# lib/campaign/ambassadors.py: check_logo, validate_agreement, validate_signup, duplicate_errors,
# rate_limit_message, sign_up
AMBASSADOR_ERRORS = (
    N_("Logo : le logo est obligatoire (PNG ou JPEG, 2 Mo au plus)."),
    N_("Logo : le fichier n’est pas une image PNG ou JPEG lisible."),
    N_("Logo : seuls les formats PNG et JPEG sont acceptés."),
    N_("Courriel : ce champ est obligatoire."),
    N_("Courriel : l’adresse n’est pas valide (exemple : nom@organisme.org)."),
    N_("Téléphone : ce champ est obligatoire."),
    N_("Téléphone : le numéro n’est pas valide (exemple : 819 555-1234, poste 12)."),
    N_("Site Web : l’adresse n’est pas valide (exemple : https://organisme.org)."),
    N_("Auditoire : canal inconnu."),
    N_("Pourquoi nous joignons le mouvement : ce texte est obligatoire (environ 100 mots)."),
    N_("Engagements : cochez au moins un engagement."),
    N_("Engagements : choix inconnu."),
    N_("Moments forts : choisissez au moins un moment fort, ou décochez l’engagement de "
       "diffuser de l’information lors des moments forts."),
    N_("Moments forts : cochez l’engagement de diffuser de l’information lors des moments forts "
       "pour les moments choisis."),
    N_("Signature : cochez la case pour accepter l’entente."),
    N_("Nom d’utilisateur : de 3 à 40 caractères, lettres minuscules, chiffres, point, "
       "tiret ou souligné."),
    N_("Mot de passe : les deux mots de passe ne sont pas identiques."),
    N_("Organisation : cette organisation est déjà inscrite comme ambassadrice de cette campagne. "
       "Connectez-vous avec son compte, ou écrivez à la personne-ressource de la campagne."),
    N_("Courriel : cette adresse a déjà servi à une inscription pour cette campagne."),
    N_("Trop d’envois depuis ce navigateur. Réessayez dans une heure."),
    N_("Le formulaire reçoit trop d’inscriptions en ce moment. Réessayez dans une heure."),
    N_("Nom d’utilisateur : ce nom d’utilisateur est déjà pris."),
)

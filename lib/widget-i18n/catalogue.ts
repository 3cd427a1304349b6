/**
 * Every string the chat iframe shows, per language. Plain strings, or small
 * functions where a name or number goes in; the view inserts them as text only.
 */
export type WidgetStrings = {
  title: string;
  minimise: string;
  endChat: string;
  newConversation: string;
  messages: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  attach: string;
  you: string;
  support: string;
  loading: string;
  connecting: string;
  loadingEncryption: string;
  creatingIdentity: string;
  notEmbedded: string;
  cannotStart: (reason: string) => string;
  welcome: string;
  waiting: string;
  queued: string;
  chattingWith: (agent: string) => string;
  anAgent: string;
  youEnded: string;
  ended: string;
  couldNotEnd: (reason: string) => string;
  sending: string;
  sent: string;
  seen: string;
  failed: string;
  retry: string;
  decrypting: string;
  undecryptable: string;
  /** Stands in for a message that is not end-to-end encrypted or comes from an unverified device. */
  unverifiedHidden: string;
  typing: (name: string) => string;
  openElsewhere: string;
  useHere: string;
  fileTooLarge: (limitMb: number) => string;
  /** The homeserver refused an upload: the visitor's daily attachment quota is used up. */
  uploadQuotaExceeded: string;
  attachment: (name: string) => string;
  download: (name: string) => string;
  prechatIntro: string;
  prechatName: string;
  prechatEmail: string;
  prechatStart: string;
  prechatSkip: string;
  prechatSummary: (name: string, email: string) => string;
  /** The embed carries no organisation key: nothing vouches for who reads. */
  notVerified: string;
  /** The roster the server serves is not signed by the embed's organisation key. */
  rosterRefused: string;
  /** Members of the conversation not on the signed roster (`who`: every one of their user ids). */
  notRostered: (who: readonly string[]) => string;
  /** Agents whose encryption identity is not the one on the signed roster. */
  identityNotRostered: (who: readonly string[]) => string;
  /** The bubble of a message the widget holds back (the warning says why). */
  held: string;
  /** Without an organisation key: members who are not the site's agents (`who`: their user ids); `holding`: the visitor's next message waits. */
  unknownMembers: (who: readonly string[], holding: boolean) => string;
  /** The button that lets the visitor continue with this one person present. */
  continueWith: (who: string) => string;
  memberJoined: (who: string) => string;
  memberInvited: (who: string, by: string) => string;
  memberRemoved: (who: string, by: string) => string;
  memberLeft: (who: string) => string;
};

/** "a", "a and b", "a, b and c" in the language's own way. */
export function listOf(lang: string, names: readonly string[]): string {
  return new Intl.ListFormat(lang, { style: "long", type: "conjunction" }).format(names);
}

const en: WidgetStrings = {
  title: "Support",
  minimise: "Minimise chat",
  endChat: "End chat",
  newConversation: "Start a new conversation",
  messages: "Messages",
  messageLabel: "Message",
  placeholder: "Write a message…",
  send: "Send",
  attach: "Attach a file",
  you: "You",
  support: "Support",
  loading: "Loading chat…",
  connecting: "Connecting",
  loadingEncryption: "Loading encryption",
  creatingIdentity: "Creating your encryption identity",
  notEmbedded: "This chat only works inside the website that embeds it.",
  cannotStart: (r) => `The chat could not start: ${r}`,
  welcome: "Ask us anything. Messages are end-to-end encrypted.",
  waiting: "Waiting for an agent…",
  queued: "All our agents are busy. You are in the queue: we will answer here, even if you leave and come back later.",
  chattingWith: (a) => `You're chatting with ${a}.`,
  anAgent: "an agent",
  youEnded: "You ended this conversation.",
  ended: "This conversation has ended.",
  couldNotEnd: (r) => `Could not end the chat: ${r}`,
  sending: "Sending…",
  sent: "Sent",
  seen: "Seen",
  failed: "Not sent",
  retry: "Retry",
  decrypting: "Decrypting…",
  undecryptable: "This message could not be decrypted",
  unverifiedHidden: "A message that could not be verified was hidden.",
  typing: (n) => `${n} is typing…`,
  openElsewhere: "This chat is open in another tab.",
  useHere: "Use the chat here",
  fileTooLarge: (mb) => `That file is too large: the limit is ${mb} MB.`,
  uploadQuotaExceeded: "You have sent as many files as you can today. You can still write messages.",
  attachment: (n) => `Attachment: ${n}`,
  download: (n) => `Download ${n}`,
  prechatIntro: "Before we start (optional): how should we reach you?",
  prechatName: "Your name",
  prechatEmail: "Your email",
  prechatStart: "Start chat",
  prechatSkip: "Skip",
  prechatSummary: (n, e) => `Visitor details: ${[n, e].filter(Boolean).join(", ")}`,
  notVerified: "Not verified: this website has not published a key that vouches for its support team.",
  rosterRefused: "Not sent: the chat server's list of support agents is not signed by this website's key. Your messages stay on this device.",
  notRostered: (w) =>
    `Not sent: ${listOf("en", w)} ${w.length > 1 ? "are in this conversation but are not among" : "is in this conversation but is not one of"} this website's verified agents. Your message waits here.`,
  identityNotRostered: (w) =>
    `Not sent: the encryption identity of ${listOf("en", w)} changed and this website has not confirmed the new one. Your message waits here.`,
  held: "Held",
  unknownMembers: (w, holding) =>
    `${listOf("en", w)} ${w.length > 1 ? "are" : "is"} in this conversation and ${w.length > 1 ? "are not" : "is not"} one of this website's agents. Whoever is in the conversation can read what you send next.${holding ? " Your message waits until you choose to continue." : ""}`,
  continueWith: (w) => `Continue with ${w} present`,
  memberJoined: (w) => `${w} joined`,
  memberInvited: (w, b) => `${w} was invited by ${b}`,
  memberRemoved: (w, b) => `${w} was removed by ${b}`,
  memberLeft: (w) => `${w} left`,
};

const fr: WidgetStrings = {
  title: "Assistance",
  minimise: "Réduire la discussion",
  endChat: "Terminer",
  newConversation: "Démarrer une nouvelle conversation",
  messages: "Messages",
  messageLabel: "Message",
  placeholder: "Écrivez un message…",
  send: "Envoyer",
  attach: "Joindre un fichier",
  you: "Vous",
  support: "Assistance",
  loading: "Chargement de la discussion…",
  connecting: "Connexion",
  loadingEncryption: "Chargement du chiffrement",
  creatingIdentity: "Création de votre identité de chiffrement",
  notEmbedded: "Cette discussion ne fonctionne que dans le site qui l’intègre.",
  cannotStart: (r) => `La discussion n’a pas pu démarrer : ${r}`,
  welcome: "Posez-nous vos questions. Les messages sont chiffrés de bout en bout.",
  waiting: "En attente d’un conseiller…",
  queued: "Tous nos conseillers sont occupés. Vous êtes dans la file : nous répondrons ici, même si vous partez et revenez plus tard.",
  chattingWith: (a) => `Vous discutez avec ${a}.`,
  anAgent: "un conseiller",
  youEnded: "Vous avez terminé cette conversation.",
  ended: "Cette conversation est terminée.",
  couldNotEnd: (r) => `Impossible de terminer la discussion : ${r}`,
  sending: "Envoi…",
  sent: "Envoyé",
  seen: "Vu",
  failed: "Non envoyé",
  retry: "Réessayer",
  decrypting: "Déchiffrement…",
  undecryptable: "Ce message n’a pas pu être déchiffré",
  unverifiedHidden: "Un message qui n’a pas pu être vérifié a été masqué.",
  typing: (n) => `${n} écrit…`,
  openElsewhere: "Cette discussion est ouverte dans un autre onglet.",
  useHere: "Utiliser la discussion ici",
  fileTooLarge: (mb) => `Ce fichier est trop volumineux : la limite est de ${mb} Mo.`,
  uploadQuotaExceeded: "Vous avez envoyé autant de fichiers que possible aujourd’hui. Vous pouvez toujours écrire des messages.",
  attachment: (n) => `Pièce jointe : ${n}`,
  download: (n) => `Télécharger ${n}`,
  prechatIntro: "Avant de commencer (facultatif) : comment vous joindre ?",
  prechatName: "Votre nom",
  prechatEmail: "Votre e-mail",
  prechatStart: "Commencer",
  prechatSkip: "Passer",
  prechatSummary: (n, e) => `Coordonnées du visiteur : ${[n, e].filter(Boolean).join(", ")}`,
  notVerified: "Non vérifié : ce site n’a pas publié de clé qui garantit son équipe d’assistance.",
  rosterRefused: "Non envoyé : la liste des conseillers servie par le serveur n’est pas signée par la clé de ce site. Vos messages restent sur cet appareil.",
  notRostered: (w) =>
    `Non envoyé : ${listOf("fr", w)} ${w.length > 1 ? "sont dans cette conversation mais ne font pas partie" : "est dans cette conversation mais ne fait pas partie"} des conseillers vérifiés de ce site. Votre message attend ici.`,
  identityNotRostered: (w) =>
    `Non envoyé : l’identité de chiffrement de ${listOf("fr", w)} a changé et ce site n’a pas confirmé la nouvelle. Votre message attend ici.`,
  held: "Retenu",
  unknownMembers: (w, holding) =>
    `${listOf("fr", w)} ${w.length > 1 ? "sont dans cette conversation et ne font pas partie" : "est dans cette conversation et ne fait pas partie"} des conseillers de ce site. Toute personne présente pourra lire ce que vous enverrez ensuite.${holding ? " Votre message attend que vous choisissiez de continuer." : ""}`,
  continueWith: (w) => `Continuer en présence de ${w}`,
  memberJoined: (w) => `${w} a rejoint la conversation`,
  memberInvited: (w, b) => `${w} a été invité par ${b}`,
  memberRemoved: (w, b) => `${w} a été retiré par ${b}`,
  memberLeft: (w) => `${w} est parti`,
};

const de: WidgetStrings = {
  title: "Support",
  minimise: "Chat minimieren",
  endChat: "Chat beenden",
  newConversation: "Neues Gespräch beginnen",
  messages: "Nachrichten",
  messageLabel: "Nachricht",
  placeholder: "Nachricht schreiben…",
  send: "Senden",
  attach: "Datei anhängen",
  you: "Sie",
  support: "Support",
  loading: "Chat wird geladen…",
  connecting: "Verbindung wird hergestellt",
  loadingEncryption: "Verschlüsselung wird geladen",
  creatingIdentity: "Ihre Verschlüsselungsidentität wird erstellt",
  notEmbedded: "Dieser Chat funktioniert nur innerhalb der Website, die ihn einbettet.",
  cannotStart: (r) => `Der Chat konnte nicht starten: ${r}`,
  welcome: "Fragen Sie uns alles. Nachrichten sind Ende-zu-Ende-verschlüsselt.",
  waiting: "Warten auf einen Mitarbeiter…",
  queued: "Alle Mitarbeiter sind gerade beschäftigt. Sie sind in der Warteschlange: Wir antworten hier, auch wenn Sie gehen und später zurückkommen.",
  chattingWith: (a) => `Sie chatten mit ${a}.`,
  anAgent: "einem Mitarbeiter",
  youEnded: "Sie haben dieses Gespräch beendet.",
  ended: "Dieses Gespräch wurde beendet.",
  couldNotEnd: (r) => `Der Chat konnte nicht beendet werden: ${r}`,
  sending: "Wird gesendet…",
  sent: "Gesendet",
  seen: "Gelesen",
  failed: "Nicht gesendet",
  retry: "Erneut versuchen",
  decrypting: "Wird entschlüsselt…",
  undecryptable: "Diese Nachricht konnte nicht entschlüsselt werden",
  unverifiedHidden: "Eine Nachricht, die nicht überprüft werden konnte, wurde ausgeblendet.",
  typing: (n) => `${n} schreibt…`,
  openElsewhere: "Dieser Chat ist in einem anderen Tab geöffnet.",
  useHere: "Chat hier verwenden",
  fileTooLarge: (mb) => `Diese Datei ist zu groß: Die Grenze liegt bei ${mb} MB.`,
  uploadQuotaExceeded: "Sie haben heute so viele Dateien gesendet wie möglich. Nachrichten können Sie weiterhin schreiben.",
  attachment: (n) => `Anhang: ${n}`,
  download: (n) => `${n} herunterladen`,
  prechatIntro: "Bevor wir beginnen (freiwillig): Wie erreichen wir Sie?",
  prechatName: "Ihr Name",
  prechatEmail: "Ihre E-Mail-Adresse",
  prechatStart: "Chat starten",
  prechatSkip: "Überspringen",
  prechatSummary: (n, e) => `Angaben des Besuchers: ${[n, e].filter(Boolean).join(", ")}`,
  notVerified: "Nicht überprüft: Diese Website hat keinen Schlüssel veröffentlicht, der für ihr Support-Team bürgt.",
  rosterRefused:
    "Nicht gesendet: Die Liste der Support-Mitarbeiter auf dem Chat-Server ist nicht mit dem Schlüssel dieser Website signiert. Ihre Nachrichten bleiben auf diesem Gerät.",
  notRostered: (w) =>
    `Nicht gesendet: ${listOf("de", w)} ${w.length > 1 ? "sind in diesem Gespräch, gehören aber nicht zu" : "ist in diesem Gespräch, gehört aber nicht zu"} den überprüften Mitarbeitern dieser Website. Ihre Nachricht wartet hier.`,
  identityNotRostered: (w) =>
    `Nicht gesendet: Die Verschlüsselungsidentität von ${listOf("de", w)} hat sich geändert, und diese Website hat die neue nicht bestätigt. Ihre Nachricht wartet hier.`,
  held: "Zurückgehalten",
  unknownMembers: (w, holding) =>
    `${listOf("de", w)} ${w.length > 1 ? "sind in diesem Gespräch und gehören nicht" : "ist in diesem Gespräch und gehört nicht"} zu den Mitarbeitern dieser Website. Wer im Gespräch ist, kann lesen, was Sie als Nächstes senden.${holding ? " Ihre Nachricht wartet, bis Sie fortfahren." : ""}`,
  continueWith: (w) => `Mit ${w} fortfahren`,
  memberJoined: (w) => `${w} ist beigetreten`,
  memberInvited: (w, b) => `${w} wurde von ${b} eingeladen`,
  memberRemoved: (w, b) => `${w} wurde von ${b} entfernt`,
  memberLeft: (w) => `${w} hat das Gespräch verlassen`,
};

const es: WidgetStrings = {
  title: "Soporte",
  minimise: "Minimizar el chat",
  endChat: "Terminar el chat",
  newConversation: "Iniciar una conversación nueva",
  messages: "Mensajes",
  messageLabel: "Mensaje",
  placeholder: "Escriba un mensaje…",
  send: "Enviar",
  attach: "Adjuntar un archivo",
  you: "Usted",
  support: "Soporte",
  loading: "Cargando el chat…",
  connecting: "Conectando",
  loadingEncryption: "Cargando el cifrado",
  creatingIdentity: "Creando su identidad de cifrado",
  notEmbedded: "Este chat solo funciona dentro del sitio web que lo integra.",
  cannotStart: (r) => `No se pudo iniciar el chat: ${r}`,
  welcome: "Pregúntenos lo que quiera. Los mensajes están cifrados de extremo a extremo.",
  waiting: "Esperando a un agente…",
  queued: "Todos nuestros agentes están ocupados. Está en la cola: responderemos aquí, aunque se vaya y vuelva más tarde.",
  chattingWith: (a) => `Está hablando con ${a}.`,
  anAgent: "un agente",
  youEnded: "Ha terminado esta conversación.",
  ended: "Esta conversación ha terminado.",
  couldNotEnd: (r) => `No se pudo terminar el chat: ${r}`,
  sending: "Enviando…",
  sent: "Enviado",
  seen: "Visto",
  failed: "No enviado",
  retry: "Reintentar",
  decrypting: "Descifrando…",
  undecryptable: "No se pudo descifrar este mensaje",
  unverifiedHidden: "Se ocultó un mensaje que no se pudo verificar.",
  typing: (n) => `${n} está escribiendo…`,
  openElsewhere: "Este chat está abierto en otra pestaña.",
  useHere: "Usar el chat aquí",
  fileTooLarge: (mb) => `Ese archivo es demasiado grande: el límite es de ${mb} MB.`,
  uploadQuotaExceeded: "Ha enviado hoy todos los archivos que puede. Todavía puede escribir mensajes.",
  attachment: (n) => `Archivo adjunto: ${n}`,
  download: (n) => `Descargar ${n}`,
  prechatIntro: "Antes de empezar (opcional): ¿cómo podemos contactarle?",
  prechatName: "Su nombre",
  prechatEmail: "Su correo electrónico",
  prechatStart: "Iniciar el chat",
  prechatSkip: "Omitir",
  prechatSummary: (n, e) => `Datos del visitante: ${[n, e].filter(Boolean).join(", ")}`,
  notVerified: "No verificado: este sitio web no ha publicado una clave que avale a su equipo de soporte.",
  rosterRefused:
    "No enviado: la lista de agentes de soporte del servidor de chat no está firmada con la clave de este sitio web. Sus mensajes se quedan en este dispositivo.",
  notRostered: (w) =>
    `No enviado: ${listOf("es", w)} ${w.length > 1 ? "están en esta conversación pero no son" : "está en esta conversación pero no es"} de los agentes verificados de este sitio web. Su mensaje espera aquí.`,
  identityNotRostered: (w) =>
    `No enviado: la identidad de cifrado de ${listOf("es", w)} ha cambiado y este sitio web no ha confirmado la nueva. Su mensaje espera aquí.`,
  held: "Retenido",
  unknownMembers: (w, holding) =>
    `${listOf("es", w)} ${w.length > 1 ? "están en esta conversación y no son" : "está en esta conversación y no es"} de los agentes de este sitio web. Quien esté en la conversación puede leer lo que envíe a continuación.${holding ? " Su mensaje espera hasta que decida continuar." : ""}`,
  continueWith: (w) => `Continuar con ${w} presente`,
  memberJoined: (w) => `${w} se unió`,
  memberInvited: (w, b) => `${b} invitó a ${w}`,
  memberRemoved: (w, b) => `${b} eliminó a ${w}`,
  memberLeft: (w) => `${w} se fue`,
};

/** Languages the widget speaks, by primary language subtag. */
export const WIDGET_CATALOGUE = { en, fr, de, es } as const;

/** A language the widget has strings for. */
export type WidgetLanguage = keyof typeof WIDGET_CATALOGUE;

/**
 * Picks the first supported language among BCP 47 tags in order of preference
 * (e.g. the embed's `data-lang`, then the page language, then the browser's),
 * by primary subtag; English when none matches.
 */
export function pickWidgetLanguage(candidates: readonly (string | null | undefined)[]): WidgetLanguage {
  for (const tag of candidates) {
    const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary && Object.hasOwn(WIDGET_CATALOGUE, primary)) return primary as WidgetLanguage;
  }
  return "en";
}

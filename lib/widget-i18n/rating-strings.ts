import { TRANSCRIPT_WORDS_EN, type TranscriptWords } from "../transcript/transcript-text";
import type { WidgetLanguage } from "./languages";

/** The widget's rating question at close and its transcript download, per language (one feature, one file). */
export type RatingStrings = {
  question: string;
  /** A score's accessible name ("4 stars"). */
  stars: (n: number) => string;
  /** What goes where, in plain words: the score to the site, the comment encrypted. */
  disclosure: (site: string) => string;
  commentLabel: string;
  send: string;
  skip: string;
  sending: string;
  thanks: string;
  chooseScore: string;
  failed: (reason: string) => string;
  downloadTranscript: string;
  transcript: TranscriptWords;
};

const en: RatingStrings = {
  question: "How was this conversation?",
  stars: (n) => (n === 1 ? "1 star" : `${n} stars`),
  disclosure: (site) =>
    `Your score is shared with ${site || "this website"}. Your comment is end-to-end encrypted: only the support team can read it, not the website's server.`,
  commentLabel: "Comment (optional)",
  send: "Send rating",
  skip: "Skip",
  sending: "Sending your rating…",
  thanks: "Thank you for your rating.",
  chooseScore: "Choose from 1 to 5 stars first, or skip.",
  failed: (reason) => `Your rating could not be sent: ${reason}`,
  downloadTranscript: "Download transcript",
  transcript: TRANSCRIPT_WORDS_EN,
};

const fr: RatingStrings = {
  question: "Comment s’est passée cette conversation ?",
  stars: (n) => (n === 1 ? "1 étoile" : `${n} étoiles`),
  disclosure: (site) =>
    `Votre note est transmise à ${site || "ce site"}. Votre commentaire est chiffré de bout en bout : seule l’équipe du support peut le lire, pas le serveur du site.`,
  commentLabel: "Commentaire (facultatif)",
  send: "Envoyer la note",
  skip: "Passer",
  sending: "Envoi de votre note…",
  thanks: "Merci pour votre note.",
  chooseScore: "Choisissez d’abord de 1 à 5 étoiles, ou passez.",
  failed: (reason) => `Votre note n’a pas pu être envoyée : ${reason}`,
  downloadTranscript: "Télécharger la transcription",
  transcript: {
    title: "Transcription de la conversation",
    madeAt: (time) => `Créée dans votre navigateur le ${time} à partir de la conversation chiffrée de bout en bout.`,
    attachment: "Pièce jointe",
    undecryptable: "[message qui n’a pas pu être déchiffré]",
    decrypting: "[message en cours de déchiffrement]",
    unverified: "[message non vérifié masqué]",
    notSent: "(non envoyé)",
  },
};

const de: RatingStrings = {
  question: "Wie war dieses Gespräch?",
  stars: (n) => (n === 1 ? "1 Stern" : `${n} Sterne`),
  disclosure: (site) =>
    `Ihre Bewertung wird an ${site || "diese Website"} übermittelt. Ihr Kommentar ist Ende-zu-Ende-verschlüsselt: Nur das Support-Team kann ihn lesen, nicht der Server der Website.`,
  commentLabel: "Kommentar (optional)",
  send: "Bewertung senden",
  skip: "Überspringen",
  sending: "Ihre Bewertung wird gesendet…",
  thanks: "Danke für Ihre Bewertung.",
  chooseScore: "Wählen Sie zuerst 1 bis 5 Sterne oder überspringen Sie.",
  failed: (reason) => `Ihre Bewertung konnte nicht gesendet werden: ${reason}`,
  downloadTranscript: "Verlauf herunterladen",
  transcript: {
    title: "Gesprächsverlauf",
    madeAt: (time) => `In Ihrem Browser am ${time} aus dem Ende-zu-Ende-verschlüsselten Gespräch erstellt.`,
    attachment: "Anhang",
    undecryptable: "[Nachricht, die nicht entschlüsselt werden konnte]",
    decrypting: "[Nachricht wird noch entschlüsselt]",
    unverified: "[nicht verifizierte Nachricht ausgeblendet]",
    notSent: "(nicht gesendet)",
  },
};

const es: RatingStrings = {
  question: "¿Qué tal ha ido esta conversación?",
  stars: (n) => (n === 1 ? "1 estrella" : `${n} estrellas`),
  disclosure: (site) =>
    `Tu puntuación se comparte con ${site || "este sitio web"}. Tu comentario está cifrado de extremo a extremo: solo el equipo de soporte puede leerlo, no el servidor del sitio.`,
  commentLabel: "Comentario (opcional)",
  send: "Enviar valoración",
  skip: "Omitir",
  sending: "Enviando tu valoración…",
  thanks: "Gracias por tu valoración.",
  chooseScore: "Elige primero de 1 a 5 estrellas, u omite.",
  failed: (reason) => `No se pudo enviar tu valoración: ${reason}`,
  downloadTranscript: "Descargar la transcripción",
  transcript: {
    title: "Transcripción de la conversación",
    madeAt: (time) => `Creada en tu navegador el ${time} a partir de la conversación cifrada de extremo a extremo.`,
    attachment: "Archivo adjunto",
    undecryptable: "[mensaje que no se pudo descifrar]",
    decrypting: "[mensaje aún descifrándose]",
    unverified: "[mensaje no verificado oculto]",
    notSent: "(no enviado)",
  },
};

/** {@link RatingStrings} in every widget language (the type makes a missing language a compile error). */
export const RATING_STRINGS: Record<WidgetLanguage, RatingStrings> = { en, fr, de, es };

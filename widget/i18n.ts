/**
 * The widget's words in English, French, German and Spanish, picked from the browser's
 * `navigator.languages` (or the snippet's `data-lang`). The English accessible
 * names "Open chat", "Close chat", "Message" and "Send" are part of the
 * widget's contract (tests and customers' scripts find the controls by them).
 *
 * The launcher's two labels are a separate export so the loader bundles only
 * those; the chat bundle carries the rest.
 *
 * @module
 */

/** A language the widget speaks. */
export type Lang = "en" | "fr" | "de" | "es";

/** The launcher's accessible names, per language: [closed, open, "{n} unread"]. */
export const LAUNCHER_LABELS: Record<Lang, readonly [string, string, string]> = {
  en: ["Open chat", "Close chat", "{n} unread"],
  fr: ["Ouvrir le chat", "Fermer le chat", "{n} non lu(s)"],
  de: ["Chat öffnen", "Chat schließen", "{n} ungelesen"],
  es: ["Abrir el chat", "Cerrar el chat", "{n} sin leer"],
};

/**
 * The first of `preferred` (BCP 47 tags, best first) the widget speaks, by
 * primary subtag: `fr-CA` -> `fr`. English when none matches.
 */
export function pickLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = String(tag).toLowerCase().split(/[-_]/)[0];
    if (primary in LAUNCHER_LABELS) return primary as Lang;
  }
  return "en";
}

const en = {
  close: "Close",
  message: "Message",
  placeholder: "Type your message…",
  send: "Send",
  attach: "Attach a file",
  removeFile: "Remove {name}",
  uploading: "Uploading…",
  human: "Talk to a human",
  humanText: "I'd like to talk to a person, please.",
  handoff: "A person from our team will follow up here.",
  emailAsk: "Leave your email so we can reply even if you close this page.",
  email: "Email",
  save: "Save",
  noThanks: "No thanks",
  emailInvalid: "Please enter a valid email address, like name@example.com.",
  emailSaved: "Thanks! We'll reply to {email}.",
  rateAsk: "How did we do?",
  solved: "This solved it",
  rateAnswer: "How helpful was this answer?",
  rateN: "Rate {n} out of 5",
  comment: "Comment (optional)",
  sendRating: "Send rating",
  rated: "Thanks for your feedback!",
  not_resolved: "This conversation is open again; you can rate it once it's resolved.",
  sending: "Sending…",
  delivered: "Delivered",
  read: "Read",
  failed: "Not sent",
  retry: "Retry",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  typing: "{name} is typing…",
  someone: "Someone",
  interrupted: "This answer was interrupted.",
  sources: "Sources",
  log: "Conversation",
  rate_limited: "You're sending messages too fast. Please wait a moment.",
  too_large: "That message or file is too large.",
  upload_failed: "The file could not be uploaded.",
  error: "Something went wrong. Please try again.",
};

/** Every string of the chat panel. */
export type Strings = typeof en;

const fr: Strings = {
  close: "Fermer",
  message: "Message",
  placeholder: "Écrivez votre message…",
  send: "Envoyer",
  attach: "Joindre un fichier",
  removeFile: "Retirer {name}",
  uploading: "Envoi du fichier…",
  human: "Parler à une personne",
  humanText: "Je voudrais parler à une personne, s'il vous plaît.",
  handoff: "Une personne de notre équipe va vous répondre ici.",
  emailAsk: "Laissez votre e-mail pour recevoir notre réponse même si vous fermez cette page.",
  email: "E-mail",
  save: "Enregistrer",
  noThanks: "Non merci",
  emailInvalid: "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
  emailSaved: "Merci ! Nous répondrons à {email}.",
  rateAsk: "Comment nous sommes-nous débrouillés ?",
  solved: "C'est résolu",
  rateAnswer: "Cette réponse vous a-t-elle aidé ?",
  rateN: "Noter {n} sur 5",
  comment: "Commentaire (facultatif)",
  sendRating: "Envoyer la note",
  rated: "Merci pour votre avis !",
  not_resolved: "Cette conversation a été rouverte ; vous pourrez la noter une fois résolue.",
  sending: "Envoi…",
  delivered: "Distribué",
  read: "Lu",
  failed: "Non envoyé",
  retry: "Réessayer",
  connecting: "Connexion…",
  reconnecting: "Reconnexion…",
  typing: "{name} écrit…",
  someone: "Quelqu'un",
  interrupted: "Cette réponse a été interrompue.",
  sources: "Sources",
  log: "Conversation",
  rate_limited: "Vous envoyez des messages trop vite. Patientez un instant.",
  too_large: "Ce message ou ce fichier est trop volumineux.",
  upload_failed: "Le fichier n'a pas pu être envoyé.",
  error: "Une erreur s'est produite. Veuillez réessayer.",
};

const de: Strings = {
  close: "Schließen",
  message: "Nachricht",
  placeholder: "Nachricht eingeben…",
  send: "Senden",
  attach: "Datei anhängen",
  removeFile: "{name} entfernen",
  uploading: "Wird hochgeladen…",
  human: "Mit einem Menschen sprechen",
  humanText: "Ich möchte bitte mit einer Person sprechen.",
  handoff: "Eine Person aus unserem Team meldet sich hier bei Ihnen.",
  emailAsk: "Hinterlassen Sie Ihre E-Mail, damit wir Ihnen auch nach dem Schließen der Seite antworten können.",
  email: "E-Mail",
  save: "Speichern",
  noThanks: "Nein danke",
  emailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.",
  emailSaved: "Danke! Wir antworten an {email}.",
  rateAsk: "Wie waren wir?",
  solved: "Das hat geholfen",
  rateAnswer: "Wie hilfreich war diese Antwort?",
  rateN: "Mit {n} von 5 bewerten",
  comment: "Kommentar (optional)",
  sendRating: "Bewertung senden",
  rated: "Danke für Ihr Feedback!",
  not_resolved: "Diese Unterhaltung ist wieder offen; Sie können sie bewerten, sobald sie gelöst ist.",
  sending: "Wird gesendet…",
  delivered: "Zugestellt",
  read: "Gelesen",
  failed: "Nicht gesendet",
  retry: "Erneut senden",
  connecting: "Verbinden…",
  reconnecting: "Verbindung wird wiederhergestellt…",
  typing: "{name} schreibt…",
  someone: "Jemand",
  interrupted: "Diese Antwort wurde unterbrochen.",
  sources: "Quellen",
  log: "Unterhaltung",
  rate_limited: "Sie senden zu schnell. Bitte warten Sie einen Moment.",
  too_large: "Diese Nachricht oder Datei ist zu groß.",
  upload_failed: "Die Datei konnte nicht hochgeladen werden.",
  error: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
};

const es: Strings = {
  close: "Cerrar",
  message: "Mensaje",
  placeholder: "Escribe tu mensaje…",
  send: "Enviar",
  attach: "Adjuntar un archivo",
  removeFile: "Quitar {name}",
  uploading: "Subiendo…",
  human: "Hablar con una persona",
  humanText: "Me gustaría hablar con una persona, por favor.",
  handoff: "Una persona de nuestro equipo te responderá aquí.",
  emailAsk: "Déjanos tu correo electrónico para que podamos responderte aunque cierres esta página.",
  email: "Correo electrónico",
  save: "Guardar",
  noThanks: "No, gracias",
  emailInvalid: "Introduce un correo electrónico válido, por ejemplo nombre@ejemplo.es.",
  emailSaved: "¡Gracias! Te responderemos a {email}.",
  rateAsk: "¿Qué tal lo hicimos?",
  solved: "Esto lo resolvió",
  rateAnswer: "¿Te ha sido útil esta respuesta?",
  rateN: "Valorar con {n} de 5",
  comment: "Comentario (opcional)",
  sendRating: "Enviar valoración",
  rated: "¡Gracias por tu opinión!",
  not_resolved: "Esta conversación se ha vuelto a abrir; podrás valorarla cuando esté resuelta.",
  sending: "Enviando…",
  delivered: "Entregado",
  read: "Leído",
  failed: "No enviado",
  retry: "Reintentar",
  connecting: "Conectando…",
  reconnecting: "Reconectando…",
  typing: "{name} está escribiendo…",
  someone: "Alguien",
  interrupted: "Esta respuesta se ha interrumpido.",
  sources: "Fuentes",
  log: "Conversación",
  rate_limited: "Estás enviando mensajes demasiado rápido. Espera un momento.",
  too_large: "Ese mensaje o archivo es demasiado grande.",
  upload_failed: "No se ha podido subir el archivo.",
  error: "Algo ha salido mal. Inténtalo de nuevo.",
};

/** The chat panel's strings in `lang`. */
export function strings(lang: Lang): Strings {
  return { en, fr, de, es }[lang] ?? en;
}

/** Every language's strings (the handoff line is recognised in whichever the server wrote it in). */
export const ALL_LANGS: readonly Lang[] = ["en", "fr", "de", "es"];

/** Fills `{name}` placeholders. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => k in vars ? String(vars[k]) : m);
}

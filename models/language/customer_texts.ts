/**
 * What the system writes to customers outside the chat: the emails (a reply they missed, the rating
 * request) and the rating page, in each language the system writes (en, fr, de, es). The language is the
 * conversation's (see `customerLangOf`). Written by hand: a few dozen lines need no library.
 *
 * @module
 */
import type { Lang } from "../chat/system_texts.ts";

const en = {
  replySubject: "Re: {title}",
  replied: "{name} from {company} replied:",
  ourTeam: "our team",
  continueLink: "Continue the conversation",
  ratingSubject: "How did we do? {title}",
  ratingBody: "Your request has been resolved. Would you tell us how we did? It takes one click.",
  rateLink: "Rate this conversation",
  sentBy: "— Sent by Frontdesk",
  pageTitle: "Rate your conversation",
  pageHeading: "How did we do?",
  pageSubtitle: "Your answer goes straight to the team.",
  yourRating: "Your rating",
  label1: "Very poor",
  label2: "Poor",
  label3: "Okay",
  label4: "Good",
  label5: "Excellent",
  comment: "Anything to add? (optional)",
  send: "Send rating",
  invalidTitle: "Link not valid",
  invalidHeading: "This rating link can't be used",
  invalidBody: "The link is invalid or has expired. Thank you all the same!",
  thanksTitle: "Thank you",
  thanksHeading: "Thank you!",
  thanksBody: "We got your rating of {score}/5. It helps the team get better.",
};

/** The keys of the catalog. */
export type CustomerTextKey = keyof typeof en;

const CATALOG: Record<Lang, Record<CustomerTextKey, string>> = {
  en,
  fr: {
    replySubject: "Re : {title}",
    replied: "{name}, de {company}, vous a répondu :",
    ourTeam: "notre équipe",
    continueLink: "Reprendre la conversation",
    ratingSubject: "Qu'en avez-vous pensé ? {title}",
    ratingBody: "Votre demande a été résolue. Pouvez-vous nous dire ce que vous en avez pensé ? Un clic suffit.",
    rateLink: "Noter cette conversation",
    sentBy: "— Envoyé par Frontdesk",
    pageTitle: "Notez votre conversation",
    pageHeading: "Comment nous sommes-nous débrouillés ?",
    pageSubtitle: "Votre réponse va directement à l'équipe.",
    yourRating: "Votre note",
    label1: "Très mauvais",
    label2: "Mauvais",
    label3: "Correct",
    label4: "Bien",
    label5: "Excellent",
    comment: "Quelque chose à ajouter ? (facultatif)",
    send: "Envoyer la note",
    invalidTitle: "Lien non valide",
    invalidHeading: "Ce lien de notation ne peut pas être utilisé",
    invalidBody: "Le lien n'est pas valide ou a expiré. Merci quand même !",
    thanksTitle: "Merci",
    thanksHeading: "Merci !",
    thanksBody: "Nous avons bien reçu votre note de {score}/5. Elle aide l'équipe à s'améliorer.",
  },
  de: {
    replySubject: "AW: {title}",
    replied: "{name} von {company} hat geantwortet:",
    ourTeam: "unserem Team",
    continueLink: "Gespräch fortsetzen",
    ratingSubject: "Wie waren wir? {title}",
    ratingBody: "Ihre Anfrage wurde gelöst. Sagen Sie uns, wie wir waren? Es dauert nur einen Klick.",
    rateLink: "Dieses Gespräch bewerten",
    sentBy: "— Gesendet von Frontdesk",
    pageTitle: "Bewerten Sie Ihr Gespräch",
    pageHeading: "Wie waren wir?",
    pageSubtitle: "Ihre Antwort geht direkt an das Team.",
    yourRating: "Ihre Bewertung",
    label1: "Sehr schlecht",
    label2: "Schlecht",
    label3: "In Ordnung",
    label4: "Gut",
    label5: "Ausgezeichnet",
    comment: "Möchten Sie etwas hinzufügen? (optional)",
    send: "Bewertung senden",
    invalidTitle: "Link ungültig",
    invalidHeading: "Dieser Bewertungslink kann nicht verwendet werden",
    invalidBody: "Der Link ist ungültig oder abgelaufen. Trotzdem vielen Dank!",
    thanksTitle: "Vielen Dank",
    thanksHeading: "Vielen Dank!",
    thanksBody: "Wir haben Ihre Bewertung von {score}/5 erhalten. Sie hilft dem Team, besser zu werden.",
  },
  es: {
    replySubject: "Re: {title}",
    replied: "{name}, de {company}, ha respondido:",
    ourTeam: "nuestro equipo",
    continueLink: "Continuar la conversación",
    ratingSubject: "¿Qué tal lo hicimos? {title}",
    ratingBody: "Tu solicitud se ha resuelto. ¿Nos cuentas qué tal lo hicimos? Solo hace falta un clic.",
    rateLink: "Valorar esta conversación",
    sentBy: "— Enviado por Frontdesk",
    pageTitle: "Valora tu conversación",
    pageHeading: "¿Qué tal lo hicimos?",
    pageSubtitle: "Tu respuesta llega directamente al equipo.",
    yourRating: "Tu valoración",
    label1: "Muy mal",
    label2: "Mal",
    label3: "Regular",
    label4: "Bien",
    label5: "Excelente",
    comment: "¿Algo más que añadir? (opcional)",
    send: "Enviar valoración",
    invalidTitle: "Enlace no válido",
    invalidHeading: "Este enlace de valoración no se puede usar",
    invalidBody: "El enlace no es válido o ha caducado. ¡Gracias de todos modos!",
    thanksTitle: "Gracias",
    thanksHeading: "¡Gracias!",
    thanksBody: "Hemos recibido tu valoración de {score}/5. Ayuda al equipo a mejorar.",
  },
};

/** One line in `lang` (English when unknown), its `{name}`-style holes filled. */
export function customerText(
  lang: Lang | undefined,
  key: CustomerTextKey,
  vars: Record<string, string | number> = {},
): string {
  return CATALOG[lang ?? "en"][key].replace(/\{(\w+)\}/g, (hole, k) => k in vars ? String(vars[k]) : hole);
}

/** Every line of one language (for tests that hold the catalog to its rules). */
export function customerTexts(lang: Lang): Readonly<Record<CustomerTextKey, string>> {
  return CATALOG[lang];
}

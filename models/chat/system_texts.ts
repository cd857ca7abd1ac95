/**
 * The lines the system writes into a conversation for the visitor to read
 * (handoff notice, a teammate joining, the AI answering again, the email and
 * rating requests, a ticket opened by staff), one catalog per language. They
 * are written in the customer's language: the conversation's (`language`,
 * detected from what they write, see models/language/detect.ts) when the
 * system writes it, else the one the widget sends when it starts its session
 * (`Visitor.lang`); English when neither is known.
 *
 * The widget speaks en, fr, de and es (`widget/i18n.ts`) and recognises the
 * handoff notice by its text, so those lines are word for word the widget's
 * own (`tests/api/widget_test.ts` checks it). Lines only staff see (notes,
 * status and priority changes) stay in English, the dashboard's language.
 *
 * @module
 */

/** The languages the system writes to visitors in. */
export const LANGS = ["en", "fr", "de", "es"] as const;

/** A language the system writes to visitors in. */
export type Lang = typeof LANGS[number];

const en = {
  /** A conversation handed to the team, before a teammate joins. */
  handoff: "A person from our team will follow up here.",
  /** A teammate took the conversation over. */
  staffJoined: "{name} from the team joined the conversation.",
  /** Staff handed the conversation back to the AI. */
  handback: "The AI assistant is answering again.",
  /** After a handoff, when the visitor's email is unknown (the widget shows a form). */
  emailRequest: "Leave your email so we can reply even if you close this page.",
  /** A ticket was resolved (the widget shows five stars). */
  ratingRequest: "How did we do? Please rate this conversation.",
  /** Staff opened a ticket on a new conversation. */
  ticketOpened: "{name} opened this ticket.",
};

/** The keys of the catalog. */
export type SystemTextKey = keyof typeof en;

const CATALOG: Record<Lang, Record<SystemTextKey, string>> = {
  en,
  fr: {
    handoff: "Une personne de notre équipe va vous répondre ici.",
    staffJoined: "{name}, de l'équipe, a rejoint la conversation.",
    handback: "L'assistant IA vous répond de nouveau.",
    emailRequest: "Laissez votre e-mail pour recevoir notre réponse même si vous fermez cette page.",
    ratingRequest: "Comment nous sommes-nous débrouillés ? Merci de noter cette conversation.",
    ticketOpened: "{name} a ouvert ce ticket.",
  },
  de: {
    handoff: "Eine Person aus unserem Team meldet sich hier bei Ihnen.",
    staffJoined: "{name} aus dem Team ist dem Gespräch beigetreten.",
    handback: "Der KI-Assistent antwortet wieder.",
    emailRequest: "Hinterlassen Sie Ihre E-Mail, damit wir Ihnen auch nach dem Schließen der Seite antworten können.",
    ratingRequest: "Wie waren wir? Bitte bewerten Sie dieses Gespräch.",
    ticketOpened: "{name} hat dieses Ticket eröffnet.",
  },
  es: {
    handoff: "Una persona de nuestro equipo te responderá aquí.",
    staffJoined: "{name}, del equipo, se ha unido a la conversación.",
    handback: "El asistente de IA vuelve a responder.",
    emailRequest: "Déjanos tu correo electrónico para que podamos responderte aunque cierres esta página.",
    ratingRequest: "¿Qué tal lo hicimos? Por favor, valora esta conversación.",
    ticketOpened: "{name} ha abierto este ticket.",
  },
};

/** The language of a BCP 47 tag (`fr-CA` -> `fr`), or undefined when the system does not write it. */
export function langOf(tag: string | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(primary ?? "") ? primary as Lang : undefined;
}

/** One line of the catalog in `lang` (English when unknown), with its `{name}`-style holes filled. */
export function systemText(lang: Lang | undefined, key: SystemTextKey, vars: Record<string, string> = {}): string {
  return CATALOG[lang ?? "en"][key].replace(/\{(\w+)\}/g, (hole, name) => vars[name] ?? hole);
}

/** Every line of one language (for tests that hold the catalog to its rules). */
export function systemTexts(lang: Lang): Readonly<Record<SystemTextKey, string>> {
  return CATALOG[lang];
}

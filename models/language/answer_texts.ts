/**
 * The fixed phrases the AI side says itself (not from a model): the built-in responder's "I couldn't
 * find…", its small talk, and the pipeline's handoff and apology lines, in each language the system
 * writes (en, fr, de, es); English for any other. Written by hand: a dozen lines need no library.
 *
 * @module
 */
import { type Lang, langOf } from "../chat/system_texts.ts";

const en = {
  /** The knowledge base has nothing on the question. */
  noAnswer:
    "I couldn't find anything about that in our help content. Would you like me to connect you with a person from our team?",
  /** A message with no topic in it ("ok", "?"). */
  clarify:
    "Could you tell me a little more about what you're looking for? I can also connect you with a person from our team.",
  greeting: "Hi there! How can I help you today?",
  thanks: "You're welcome! Is there anything else I can help you with?",
  goodbye: "Thanks for chatting with us. Have a great day!",
  /** The customer asked for a person. */
  askedForHuman: "Of course — I'm bringing in a person from our team. They'll reply here as soon as they can.",
  /** The provider failed every attempt. */
  providerFailed:
    "Sorry — I can't answer that right now. I've passed your question to our team, and a person will follow up here.",
  /** Every answering thread was busy too long. */
  busy: "We're answering a lot of questions right now, so I've passed yours to our team. A person will follow up here.",
};

/** The keys of the catalog. */
export type AnswerTextKey = keyof typeof en;

const CATALOG: Record<Lang, Record<AnswerTextKey, string>> = {
  en,
  fr: {
    noAnswer:
      "Je n'ai rien trouvé à ce sujet dans notre aide en ligne. Voulez-vous que je vous mette en relation avec une personne de notre équipe ?",
    clarify:
      "Pouvez-vous m'en dire un peu plus sur ce que vous cherchez ? Je peux aussi vous mettre en relation avec une personne de notre équipe.",
    greeting: "Bonjour ! Comment puis-je vous aider ?",
    thanks: "Avec plaisir ! Puis-je vous aider pour autre chose ?",
    goodbye: "Merci de votre visite. Bonne journée !",
    askedForHuman: "Bien sûr — je fais appel à une personne de notre équipe. Elle vous répondra ici dès que possible.",
    providerFailed:
      "Désolé — je ne peux pas répondre pour le moment. J'ai transmis votre question à notre équipe : une personne va vous répondre ici.",
    busy:
      "Nous recevons beaucoup de questions en ce moment : j'ai transmis la vôtre à notre équipe. Une personne va vous répondre ici.",
  },
  de: {
    noAnswer:
      "Dazu habe ich in unserer Hilfe nichts gefunden. Möchten Sie, dass ich Sie mit einer Person aus unserem Team verbinde?",
    clarify:
      "Können Sie mir etwas genauer sagen, wonach Sie suchen? Ich kann Sie auch mit einer Person aus unserem Team verbinden.",
    greeting: "Hallo! Wie kann ich Ihnen helfen?",
    thanks: "Gern geschehen! Kann ich Ihnen sonst noch helfen?",
    goodbye: "Danke für Ihre Nachricht. Einen schönen Tag noch!",
    askedForHuman:
      "Natürlich — ich hole eine Person aus unserem Team dazu. Sie antwortet Ihnen hier, so bald sie kann.",
    providerFailed:
      "Entschuldigung — ich kann das gerade nicht beantworten. Ich habe Ihre Frage an unser Team weitergegeben; eine Person meldet sich hier.",
    busy:
      "Wir beantworten gerade sehr viele Fragen, deshalb habe ich Ihre an unser Team weitergegeben. Eine Person meldet sich hier.",
  },
  es: {
    noAnswer:
      "No he encontrado nada sobre eso en nuestra ayuda. ¿Quieres que te ponga en contacto con una persona de nuestro equipo?",
    clarify:
      "¿Puedes contarme un poco más sobre lo que buscas? También puedo ponerte en contacto con una persona de nuestro equipo.",
    greeting: "¡Hola! ¿En qué puedo ayudarte?",
    thanks: "¡De nada! ¿Puedo ayudarte en algo más?",
    goodbye: "Gracias por escribirnos. ¡Que tengas un buen día!",
    askedForHuman: "Por supuesto — aviso a una persona de nuestro equipo. Te responderá aquí en cuanto pueda.",
    providerFailed:
      "Lo siento — ahora mismo no puedo responder. He pasado tu pregunta a nuestro equipo y una persona te responderá aquí.",
    busy:
      "Estamos respondiendo muchas preguntas ahora mismo, así que he pasado la tuya a nuestro equipo. Una persona te responderá aquí.",
  },
};

/** One fixed phrase in the customer's language (ISO 639-1; English when the system does not write it). */
export function answerText(language: string | undefined, key: AnswerTextKey): string {
  return CATALOG[langOf(language) ?? "en"][key];
}

/** Every phrase of one language (for tests that hold the catalog to its rules). */
export function answerTexts(lang: Lang): Readonly<Record<AnswerTextKey, string>> {
  return CATALOG[lang];
}

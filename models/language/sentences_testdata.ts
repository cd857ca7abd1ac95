/**
 * Typical short customer messages, ten per language, for measuring how well
 * the language detector does on what visitors really type (short, informal,
 * product words mixed in). Written by hand, not translated from each other.
 *
 * @module
 */
export const SENTENCES: Record<"en" | "fr" | "de" | "es", string[]> = {
  en: [
    "Hi, I can't log into my account",
    "How do I reset my password?",
    "My order hasn't arrived yet, can you check?",
    "I was charged twice this month",
    "Is there a way to export my data to CSV?",
    "The app keeps crashing when I upload a photo",
    "Can I change my plan to the yearly one?",
    "Where can I find my invoices?",
    "I need to talk to someone about a refund",
    "Thanks, that fixed it!",
  ],
  fr: [
    "Bonjour, je n'arrive pas à me connecter à mon compte",
    "Comment je réinitialise mon mot de passe ?",
    "Ma commande n'est toujours pas arrivée",
    "J'ai été débité deux fois ce mois-ci",
    "Est-ce que je peux exporter mes données ?",
    "L'application plante quand j'envoie une photo",
    "Je voudrais passer à l'abonnement annuel",
    "Où sont mes factures ?",
    "Je veux parler à quelqu'un pour un remboursement",
    "Merci, ça marche maintenant !",
  ],
  de: [
    "Hallo, ich kann mich nicht in mein Konto einloggen",
    "Wie setze ich mein Passwort zurück?",
    "Meine Bestellung ist noch nicht angekommen",
    "Mir wurde diesen Monat zweimal abgebucht",
    "Kann ich meine Daten als CSV exportieren?",
    "Die App stürzt ab, wenn ich ein Foto hochlade",
    "Kann ich auf den Jahrestarif wechseln?",
    "Wo finde ich meine Rechnungen?",
    "Ich möchte mit jemandem über eine Rückerstattung sprechen",
    "Danke, jetzt funktioniert es!",
  ],
  es: [
    "Hola, no puedo entrar en mi cuenta",
    "¿Cómo cambio mi contraseña?",
    "Mi pedido todavía no ha llegado",
    "Me cobraron dos veces este mes",
    "¿Puedo exportar mis datos a un archivo?",
    "La aplicación se cierra cuando subo una foto",
    "Quiero cambiarme al plan anual",
    "¿Dónde encuentro mis facturas?",
    "Necesito hablar con alguien sobre un reembolso",
    "Gracias, ¡ya funciona!",
  ],
};

/**
 * Test data for the local responder: a small help centre of a fictional shop
 * ("Acme Store") and a stand-in for retrieval that ranks it the way the real
 * one roughly does (shared content words), so tests feed the responder
 * realistic, imperfect passage lists.
 *
 * @module
 */
import type { Passage } from "../models/ports/ai_provider.ts";
import { expansions } from "../models/knowledge/synonyms.ts";
import { termSet } from "../models/knowledge/text.ts";

const doc = (id: string, title: string, heading: string, text: string, url?: string): Passage => ({
  chunkId: `c-${id}`,
  sourceId: `s-${id.split("-")[0]}`,
  title,
  heading,
  url: url ?? `https://help.acme.test/${id}`,
  text: text.trim(),
  score: 0,
});

/** The help centre, one passage per chunk. */
export const KB: Passage[] = [
  doc(
    "refunds",
    "Refund policy",
    "Billing > Refunds",
    `You can request a refund within 30 days of delivery for any unused item in its original packaging.
Refunds are issued to the original payment method within 5-10 business days after we receive the return.
Gift cards and downloadable products are not refundable.`,
  ),
  doc(
    "returns",
    "Returning an item",
    "Orders > Returns",
    `To return an item:
1. Sign in and open **Orders**.
2. Choose the order and click **Return item**.
3. Print the prepaid label and drop the parcel at any post office.

Return shipping is free for customers in the US. International customers pay their own return postage.`,
  ),
  doc(
    "shipping",
    "Shipping options",
    "Orders > Shipping",
    `# Shipping options
Standard shipping takes 3-5 business days within the US and costs $4.99.
Express shipping delivers in 1-2 business days for $14.99.
Orders over $50 ship free with standard shipping.
International orders usually arrive in 7-14 business days; customs fees are paid by the recipient.`,
  ),
  doc(
    "tracking",
    "Tracking your order",
    "Orders > Tracking",
    `As soon as your order leaves our warehouse we email you a tracking number.
You can also find it under Orders > Order details.
Tracking can take up to 24 hours to show the first scan.`,
  ),
  doc(
    "password",
    "Resetting your password",
    "Account > Password",
    `Forgot your password? Here is how to reset it:
- Click **Sign in**, then **Forgot password**.
- Enter the email address of your account.
- Open the link we email you (it expires after 1 hour) and choose a new password.

If the email doesn't arrive within 10 minutes, check your spam folder.`,
  ),
  doc(
    "pricing",
    "Acme Plus membership",
    "Membership > Pricing",
    `Acme Plus costs $9 per month or $90 per year.
Members get free express shipping on every order and early access to sales.
You can cancel your membership at any time from Account > Membership; it stays active until the end of the paid period.`,
  ),
  doc(
    "hours",
    "Contact and opening hours",
    "Support > Contact",
    `Our support team is available Monday to Friday, 9 a.m. to 6 p.m. Eastern Time.
On weekends and public holidays we answer emails on the next business day.
You can reach us by email at help@acme.test or through this chat.`,
  ),
  doc(
    "payment",
    "Payment methods",
    "Billing > Payment",
    `We accept Visa, Mastercard, American Express, PayPal and Apple Pay.
Your card is charged when the order ships, not when you place it.
We don't accept cash on delivery or cheques.`,
  ),
  doc(
    "account-delete",
    "Deleting your account",
    "Account > Privacy",
    `You can delete your account from Account > Privacy > Delete account.
Deleting your account erases your order history and saved addresses permanently.
This cannot be undone.`,
  ),
  doc(
    "warranty",
    "Warranty",
    "Products > Warranty",
    `All electronics come with a 2-year manufacturer warranty.
To make a warranty claim, email help@acme.test with your order number and a photo of the fault.
The warranty doesn't cover accidental damage or normal wear.`,
  ),
  doc(
    "giftcards",
    "Gift cards",
    "Billing > Gift cards",
    `Gift cards are delivered by email and never expire.
You can use several gift cards on one order. Gift card balances can be checked at acme.test/balance.`,
  ),
  doc(
    "refunds-faq",
    "FAQ",
    "FAQ > Refunds",
    `You can request a refund within 30 days of delivery for any unused item in its original packaging.`,
  ),
];

/**
 * A stand-in for retrieval: the `k` passages sharing the most content words
 * with the question or their support-vocabulary equivalents (as the real
 * retrieval expands queries), title and heading included; scores 0..1.
 */
export function retrieve(question: string, k = 4, kb: Passage[] = KB): Passage[] {
  const q = new Set([...termSet(question), ...expansions(question)]);
  const scored = kb.map((p) => {
    const terms = termSet(`${p.title} ${p.heading} ${p.text}`);
    let hits = 0;
    for (const t of q) if (terms.has(t)) hits++;
    return { p, hits };
  }).filter((x) => x.hits > 0).sort((a, b) => b.hits - a.hits).slice(0, k);
  const top = scored[0]?.hits ?? 1;
  return scored.map(({ p, hits }) => ({ ...p, score: hits / top }));
}

/** One passage of a page, for tests that build their own few. */
export const page = (chunkId: string, title: string, text: string, score: number): Passage => ({
  chunkId,
  sourceId: "s",
  title,
  url: `https://help.example/${chunkId}`,
  text,
  score,
});

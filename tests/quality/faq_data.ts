/**
 * A realistic help centre of 32 FAQ entries, each with a question a visitor
 * might ask in their own words (paraphrased: few words shared with the entry).
 *
 * @module
 */

/** One FAQ entry and a paraphrased question whose answer it holds. */
export interface FaqCase {
  title: string;
  text: string;
  question: string;
}

/** The cases. */
export const FAQ: FaqCase[] = [
  {
    title: "Refund policy",
    text: "Refunds are issued to the original payment method within 5 business days of receiving the returned item.",
    question: "how long until I get my money back after sending something back?",
  },
  {
    title: "Return window",
    text:
      "You can return any unworn item within 30 days of delivery for a full refund. Items must be in their original packaging.",
    question: "is there a time limit for sending products back?",
  },
  {
    title: "Shipping times",
    text:
      "Standard shipping within Europe takes 3 to 5 business days. Express delivery arrives the next working day if ordered before 2pm.",
    question: "when will my parcel arrive if I order today?",
  },
  {
    title: "International shipping",
    text:
      "We ship to over 60 countries. Customs duties and import taxes for orders outside the EU are paid by the recipient on delivery.",
    question: "do you deliver abroad and who pays customs fees?",
  },
  {
    title: "Order tracking",
    text:
      "Once your order ships you receive an email with a tracking link. You can also follow the shipment under Account > Orders.",
    question: "where can I see where my package is right now?",
  },
  {
    title: "Changing an order",
    text:
      "Orders can be modified or cancelled within one hour of purchase from the order confirmation page. After that the warehouse has started packing.",
    question: "I made a mistake in my purchase, can I still edit it?",
  },
  {
    title: "Payment methods",
    text:
      "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and bank transfer. Cash on delivery is not available.",
    question: "can I pay with my credit card or paypal?",
  },
  {
    title: "Invoices",
    text:
      "Invoices are emailed automatically when an order ships. Past invoices can be downloaded as PDF from Account > Billing.",
    question: "how do I get a receipt for my company's accounting?",
  },
  {
    title: "Password reset",
    text:
      "To reset your password, click 'Forgot password' on the sign-in page and follow the link we email you. The link expires after one hour.",
    question: "I can't log in because I forgot my credentials",
  },
  {
    title: "Two-factor authentication",
    text:
      "Enable two-factor authentication under Account > Security by scanning the QR code with an authenticator app such as Google Authenticator or 1Password.",
    question: "how can I make my login more secure with a code from my phone?",
  },
  {
    title: "Deleting an account",
    text:
      "You can permanently delete your account under Account > Privacy. All personal data is erased within 30 days, as required by GDPR.",
    question: "I want you to remove all my personal data",
  },
  {
    title: "Newsletter",
    text:
      "To unsubscribe from marketing emails, use the link at the bottom of any newsletter or switch off Promotions in your notification settings.",
    question: "stop sending me promotional mails",
  },
  {
    title: "Gift cards",
    text:
      "Gift cards are available from 10 to 500 euros, are delivered by email and remain valid for two years from the date of purchase.",
    question: "do vouchers expire?",
  },
  {
    title: "Discount codes",
    text:
      "Enter promo codes in the basket before checkout. Only one code can be used per order and codes cannot be combined with sale prices.",
    question: "can I use two coupons on one purchase?",
  },
  {
    title: "Size guide",
    text:
      "Our size guide lists chest, waist and hip measurements for every size. If you are between sizes we recommend choosing the larger one.",
    question: "which size should I pick if I'm in between?",
  },
  {
    title: "Warranty",
    text:
      "All electronics come with a two-year warranty covering manufacturing defects. Accidental damage and water damage are not covered.",
    question: "my headphones broke after a year, is that covered?",
  },
  {
    title: "Damaged items",
    text:
      "If an item arrives damaged, send us a photo within 48 hours through the contact form and we will ship a replacement at no cost.",
    question: "the product I received is broken, what should I do?",
  },
  {
    title: "Opening hours",
    text:
      "Our support team answers chats and calls from 9am to 6pm CET, Monday to Friday. Weekend messages are answered on Monday.",
    question: "when is your customer service available?",
  },
  {
    title: "Phone support",
    text: "You can call us on +44 20 7946 0000 during support hours. Calls are free from UK landlines.",
    question: "what number do I dial to speak with you?",
  },
  {
    title: "Store locations",
    text:
      "We have flagship stores in London, Berlin and Amsterdam. Store addresses and opening times are listed on the Stores page.",
    question: "do you have a physical shop I can visit?",
  },
  {
    title: "Click and collect",
    text:
      "Choose click and collect at checkout to pick up your order from any of our stores for free, usually within 2 days.",
    question: "can I get my order at a branch instead of home delivery?",
  },
  {
    title: "Student discount",
    text: "Students get 15 percent off all full-price items after verifying their status with UNiDAYS.",
    question: "is there a reduction for people at university?",
  },
  {
    title: "Subscription plans",
    text:
      "The Pro plan costs 29 dollars per month and includes unlimited projects, priority support and custom domains. Annual billing saves 20 percent.",
    question: "what does the premium tier cost per month?",
  },
  {
    title: "Cancelling a subscription",
    text:
      "Cancel your subscription any time under Account > Plan. You keep access until the end of the current billing period and are not charged again.",
    question: "how do I stop my membership from renewing?",
  },
  {
    title: "Free trial",
    text: "New accounts get a 14-day free trial of the Pro plan. No credit card is required to start the trial.",
    question: "can I test the product before paying anything?",
  },
  {
    title: "Data export",
    text:
      "Export all your projects as a ZIP archive of JSON and CSV files from Settings > Data export. Large exports are emailed when ready.",
    question: "how can I download a copy of everything I stored?",
  },
  {
    title: "API access",
    text:
      "API keys are created under Settings > Developers. The REST API is rate limited to 100 requests per minute per key.",
    question: "how many calls per minute can my integration make?",
  },
  {
    title: "Team members",
    text:
      "Invite colleagues under Settings > Team. Each plan includes 5 seats; additional seats cost 5 dollars each per month.",
    question: "how do I add coworkers to my workspace?",
  },
  {
    title: "Security and compliance",
    text:
      "We are SOC 2 Type II certified, encrypt data at rest with AES-256 and host all data in EU data centres in Frankfurt.",
    question: "where are your servers and is my information encrypted?",
  },
  {
    title: "Accessibility",
    text:
      "Our website follows WCAG 2.1 AA. Screen readers, keyboard navigation and high-contrast mode are fully supported.",
    question: "can blind users navigate your site?",
  },
  {
    title: "Loyalty programme",
    text: "Members earn one point per euro spent. 100 points can be redeemed for a 5 euro reward on a future order.",
    question: "how do reward points work?",
  },
  {
    title: "Bulk orders",
    text:
      "For orders of more than 50 units, contact our business team for volume pricing and a dedicated account manager.",
    question: "we want to buy in large quantities for our office, are there wholesale prices?",
  },
];

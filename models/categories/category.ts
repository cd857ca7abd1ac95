/**
 * Workspace categories (topics such as "billing" or "shipping"): a name (also the ticket tag it puts on),
 * a description, example phrases the offline classifier compares new conversations with, and phrases staff
 * said are *not* this category (kept from their corrections: a removed tag).
 *
 * @module
 */
import { z } from "zod";

/** A category, as stored. */
export interface Category {
  id: string;
  workspaceId: string;
  /** Lowercase, usable as a ticket tag (letters, digits, spaces, `-`, `_`). */
  name: string;
  description: string;
  /** Phrases of this category: given by staff, and added from their corrections (a tag added by hand). */
  examples: string[];
  /** Phrases staff said are not this category (a tag they removed): they count against it. */
  counterExamples: string[];
  createdAt: Date;
  updatedAt: Date;
}

const TAG_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*$";
/** The most examples a category keeps (corrections beyond that drop the oldest). */
export const MAX_EXAMPLES = 200;
const phrase = z.string().trim().min(1).max(500);

/** Body of `POST /api/categories` and `PUT /api/categories/:id`. */
export const categoryInputSchema = z.object({
  // Same rule as ticket tags: the category is applied as one.
  name: z.string().trim().toLowerCase().min(1).max(40).regex(new RegExp(TAG_PATTERN, "u"), {
    message: "Names use letters, digits, spaces, - and _.",
  }).meta({ pattern: TAG_PATTERN }),
  description: z.string().trim().max(1000).default(""),
  examples: z.array(phrase).max(MAX_EXAMPLES).default([]),
  counterExamples: z.array(phrase).max(MAX_EXAMPLES).optional(),
}).meta({ id: "CategoryInput" });

/** A category on the wire. */
export const categoryWire = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  examples: z.array(z.string()),
  counterExamples: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "Category" });

/** A category on the wire. */
export type CategoryJson = z.infer<typeof categoryWire>;

/** A category as the API answers it. */
export function categoryJson(c: Category): CategoryJson {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    examples: c.examples,
    counterExamples: c.counterExamples,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

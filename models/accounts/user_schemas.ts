/**
 * The zod schemas for what clients send about accounts and users. Pure (only
 * zod): the API validates with them and the dashboard's forms import them to
 * validate in the browser with exactly the same rules.
 *
 * @module
 */
import { z } from "zod";

/** Roles inside a workspace. */
export const ROLES = ["admin", "user"] as const;
/** A workspace role: `admin` manages the team and settings, `user` works the inbox. */
export type Role = typeof ROLES[number];

/** Emails: trimmed, at most 254 characters, one `@` with a dotted domain. */
export const emailSchema = z.string().trim().max(254).pipe(z.email({ message: "Enter a valid email address." }));

/** Passwords: 8 to 72 bytes (bcrypt reads only the first 72). */
const passwordSchema = z
  .string()
  .min(8, { message: "Use at least 8 characters." })
  .refine((p) => new TextEncoder().encode(p).length <= 72, { message: "Use at most 72 bytes." });

/** A person's display name. */
const nameSchema = z.string().trim().min(1, { message: "Enter your name." }).max(100);

/** A company / workspace name. */
const companySchema = z.string().trim().min(1, { message: "Enter your company name." }).max(100);

/** Body of `POST /api/auth/register`. */
export const registerSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  company: companySchema,
});

/** Body of `POST /api/auth/login`. */
export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { message: "Enter your password." }).max(1024),
});

/** Body of `PUT /api/auth/profile`: any subset; a new password needs the current one. */
export const profileUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    company: companySchema.optional(),
    currentPassword: z.string().min(1).max(1024).optional(),
    newPassword: passwordSchema.optional(),
  })
  .refine((b) => !b.newPassword || b.currentPassword, {
    message: "Enter your current password to set a new one.",
    path: ["currentPassword"],
  });

/** Body of `POST /api/auth/password/forgot`. */
export const forgotSchema = z.object({ email: emailSchema });

/** Body of `POST /api/auth/password/reset`. */
export const resetSchema = z.object({
  token: z.string().min(16).max(200),
  password: passwordSchema,
});

/** Body of `PUT /api/users/:id` (admin). */
export const userUpdateSchema = z.object({
  name: nameSchema.optional(),
  role: z.enum(ROLES).optional(),
});

/** Body of `POST /api/users/invites` (admin). */
export const inviteSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES).default("user"),
});

/** Body of `POST /api/auth/invite/accept`. */
export const acceptInviteSchema = z.object({
  token: z.string().min(16).max(200),
  name: nameSchema,
  password: passwordSchema,
});

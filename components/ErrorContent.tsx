/**
 * The body of an error page: status, explanation and a way back.
 *
 * @module
 */
import { Icon } from "./Icons.tsx";

const TITLES: Record<number, string> = {
  400: "That request didn't look right",
  401: "Please sign in",
  403: "You don't have access to this page",
  404: "Page not found",
  429: "Too many requests",
  500: "Something went wrong",
  503: "We'll be right back",
};

/** A human title for an HTTP error status. */
export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]);
}

/** Props of {@linkcode ErrorContent}. */
export interface ErrorContentProps {
  status: number;
  message: string;
  /** Offer the dashboard (signed in) or the sign-in page. */
  signedIn: boolean;
  /** Inside the auth card, where the layout already shows the title. */
  compact?: boolean;
}

/** Status, title, message and links. */
export function ErrorContent({ status, message, signedIn, compact }: ErrorContentProps) {
  const home = signedIn ? { href: "/", label: "Go to dashboard" } : { href: "/login", label: "Go to sign in" };
  return (
    <div class={compact ? "text-center" : "card px-6 py-16 text-center sm:px-12"}>
      <p class="text-sm font-semibold text-indigo-600">Error {status}</p>
      {!compact && (
        <h1 class="mt-2 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{errorTitle(status)}</h1>
      )}
      <p class={`${compact ? "mt-2" : "mt-4"} text-sm leading-6 text-slate-600 sm:text-base`}>{message}</p>
      <div class="mt-8 flex flex-wrap justify-center gap-3">
        <a href={home.href} class="btn-primary">
          {home.label}
          <Icon name="arrowRight" class="size-4" />
        </a>
        {status >= 500 && <a href="" class="btn-secondary">Try again</a>}
      </div>
    </div>
  );
}

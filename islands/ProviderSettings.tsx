/**
 * Settings → AI providers (admins): the built-in responder, always ready,
 * and one card per remote provider to save, test and remove its key.
 *
 * @module
 */
import { Badge } from "../components/Badge.tsx";
import { Icon } from "../components/Icons.tsx";
import { PROVIDER_INFO } from "../components/providers.ts";
import type { ProviderJson } from "./shared/agent_types.ts";
import { ProviderCard } from "./settings/ProviderCard.tsx";

/** Props of {@linkcode ProviderSettings}. */
export interface ProviderSettingsProps {
  providers: ProviderJson[];
}

/** Built-in card plus one card per provider. */
export default function ProviderSettings({ providers }: ProviderSettingsProps) {
  return (
    <div class="space-y-6">
      <section
        class="card flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:px-6"
        aria-labelledby="provider-local-heading"
      >
        <span
          class="grid size-10 shrink-0 place-items-center rounded-xl bg-slate-100 text-slate-600"
          aria-hidden="true"
        >
          <Icon name="sparkles" class="size-5" />
        </span>
        <div class="min-w-0 flex-1">
          <h3 id="provider-local-heading" class="text-base font-semibold text-slate-900">Built-in responder</h3>
          <p class="mt-0.5 text-sm text-slate-600">
            {PROVIDER_INFO.local.description} New agents use it until you pick another provider.
          </p>
        </div>
        <Badge tone="emerald" dot class="self-start sm:self-center">Always ready</Badge>
      </section>
      {providers.map((p) => <ProviderCard key={p.provider} initial={p} />)}
    </div>
  );
}

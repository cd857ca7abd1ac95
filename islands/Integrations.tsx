/**
 * Settings → Integrations (admins): Slack and Zendesk, each with its state,
 * its last error and when, and what connecting it takes.
 *
 * @module
 */
import type { IntegrationsJson } from "../models/integrations/wire.ts";
import { SlackCard } from "./settings/integrations/SlackCard.tsx";
import { ZendeskCard } from "./settings/integrations/ZendeskCard.tsx";

/** Props of {@linkcode Integrations}. */
export interface IntegrationsProps {
  integrations: IntegrationsJson;
}

/** Both cards. */
export default function Integrations({ integrations }: IntegrationsProps) {
  return (
    <div class="space-y-6">
      <SlackCard initial={integrations.slack} />
      <ZendeskCard initial={integrations.zendesk} />
    </div>
  );
}

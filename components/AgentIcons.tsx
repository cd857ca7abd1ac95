/**
 * The old name of {@linkcode Icon}, kept only so that `routes/agents.tsx`
 * and `routes/settings.tsx` (outside the islands change of issue 9) keep
 * building until they import `Icon` from `Icons.tsx`. Every icon, these
 * included, is drawn by the one `Icon`.
 *
 * @module
 */
import { Icon } from "./Icons.tsx";

/** @deprecated Use `Icon` from `components/Icons.tsx`. */
export const AgentIcon = Icon;

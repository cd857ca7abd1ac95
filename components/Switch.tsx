/**
 * An on/off switch (`role="switch"`) with a visible label and description.
 * The caller owns the state, so islands can use it.
 *
 * @module
 */

/** Props of {@linkcode Switch}. */
export interface SwitchProps {
  id: string;
  label: string;
  description?: string;
  checked: boolean;
  disabled?: boolean;
  onChange?: (checked: boolean) => void;
}

/** Label and description at the left, the switch at the right. */
export function Switch({ id, label, description, checked, disabled, onChange }: SwitchProps) {
  return (
    <div class="flex items-start justify-between gap-4">
      <div>
        <span id={`${id}-label`} class="field-label">{label}</span>
        {description && <p id={`${id}-description`} class="mt-1 text-xs text-slate-500">{description}</p>}
      </div>
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked ? "true" : "false"}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        disabled={disabled}
        onClick={() => onChange?.(!checked)}
        class={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60 ${
          checked ? "bg-indigo-600" : "bg-slate-300"
        }`}
      >
        <span
          aria-hidden="true"
          class={`inline-block size-5 rounded-full bg-white shadow transition-transform ${
            checked ? "translate-x-5.5" : "translate-x-0.5"
          }`}
        />
      </button>
    </div>
  );
}

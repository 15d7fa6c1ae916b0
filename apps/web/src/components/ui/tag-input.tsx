"use client";
import { useState } from "react";
import { cn } from "./cn";

/** Tags typed and confirmed with Enter or comma; Backspace on an empty box removes the last one. */
export function TagInput({ id, value, onChange, placeholder, label, disabled, validate }: {
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  label: string;
  disabled?: boolean;
  validate?: (tag: string, all: string[]) => string | null;
}) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const tag = draft.trim();
    if (!tag) return;
    const problem = validate?.(tag, value) ?? (value.some((v) => v.toLowerCase() === tag.toLowerCase()) ? `${tag} is already there` : null);
    if (problem) return setError(problem);
    setError(null);
    setDraft("");
    onChange([...value, tag]);
  };
  return (
    <div>
      <div className={cn("flex flex-wrap items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1", error && "border-red-500")}>
        {value.map((tag) => (
          <span key={tag} className="inline-flex items-center gap-1 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
            {tag}
            <button type="button" disabled={disabled} aria-label={`Remove ${tag} from ${label}`} className="text-brand-700 hover:text-red-600" onClick={() => onChange(value.filter((v) => v !== tag))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          aria-label={label}
          aria-invalid={Boolean(error)}
          disabled={disabled}
          value={draft}
          placeholder={value.length ? "" : placeholder}
          className="min-w-20 flex-1 border-0 bg-transparent py-1 text-sm focus:outline-none"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={add}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              add();
            } else if (e.key === "Backspace" && !draft && value.length) onChange(value.slice(0, -1));
          }}
        />
      </div>
      {error ? <p role="alert" className="mt-1 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

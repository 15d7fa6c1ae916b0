"use client";
import * as LabelPrimitive from "@radix-ui/react-label";
import { cn } from "./cn";

/** Label + control + message, wired for screen readers (aria-describedby on the control is the caller's). */
export function Field({ id, label, error, hint, children, className }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn("space-y-1", className)}>
      <LabelPrimitive.Root htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </LabelPrimitive.Root>
      {children}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

interface TrpcLikeError {
  message: string;
  data?: { fieldErrors?: Array<{ path: string; message: string }> | null; details?: { field?: string } | null } | null;
}

/**
 * Puts a server rejection next to the field it is about (zod field errors, or a domain error whose
 * details name the field), else returns it as a form-level message.
 */
export function applyServerError<T extends FieldValues>(err: TrpcLikeError, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  const fe = err.data?.fieldErrors?.filter((f) => fields.includes(f.path.split(".")[0] ?? ""));
  if (fe?.length) {
    for (const f of fe) setError(f.path.split(".")[0] as Path<T>, { type: "server", message: f.message });
    return null;
  }
  const field = err.data?.details?.field ?? /^(\w+):/.exec(err.message)?.[1];
  if (field && fields.includes(field)) {
    setError(field as Path<T>, { type: "server", message: err.message.replace(/^\w+:\s*/, "") });
    return null;
  }
  return err.message;
}

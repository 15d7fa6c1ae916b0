"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { ErrorNote } from "~/components/ui/misc";

const schemaFor = (invalid: string) => z.object({ email: z.string().trim().email(invalid) });

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const router = useRouter();
  const t = useTranslations("auth.signIn");
  const schema = useMemo(() => schemaFor(t("invalidEmail")), [t]);
  const [error, setError] = useState(initialError);
  const form = useForm<z.infer<ReturnType<typeof schemaFor>>>({ resolver: zodResolver(schema), mode: "onChange", defaultValues: { email: "" } });
  const onSubmit = form.handleSubmit(async ({ email }) => {
    setError(null);
    const res = await signIn("email", { email, callbackUrl, redirect: false });
    if (res?.status === 429 || res?.error === "RateLimited") return setError(t("errors.RateLimited"));
    if (!res || res.error) return setError(t("errors.EmailSignin"));
    router.push(`/signin/check-email?email=${encodeURIComponent(email)}`);
  });
  const err = form.formState.errors.email?.message;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field id="email" label={t("email")} error={err}>
        <Input id="email" type="email" autoComplete="email" autoFocus aria-invalid={Boolean(err)} aria-describedby={err ? "email-error" : undefined} {...form.register("email")} />
      </Field>
      <ErrorNote message={error} />
      <Button type="submit" className="w-full" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}

/** The enabled models as <option>s, labelled the same way in every agent form. */
export function ModelOptions({ models }: { models: ReadonlyArray<{ model: string; displayName: string }> }) {
  return (
    <>
      {models.map((m) => (
        <option key={m.model} value={m.model}>
          {m.displayName} ({m.model})
        </option>
      ))}
    </>
  );
}

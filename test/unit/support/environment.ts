/**
 * Sets environment variables for a test (undefined removes one) and returns a function that
 * puts every one of them back as it was.
 */
export function overrideEnvironment(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
  apply(vars);
  return () => apply(saved);
}

/** What went wrong, announced as it appears (nothing while there is no problem). */
export function FormProblem({ text }: { text: string | null | undefined | false }) {
  return text ? (
    <p className="form-problem" role="alert">
      {text}
    </p>
  ) : null;
}

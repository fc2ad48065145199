/** What is wrong with one field, under it; its input names this paragraph's id in aria-describedby. */
export function FieldProblem({ id, text }: { id: string; text: string | null | undefined }) {
  return text ? (
    <p className="field-problem" id={id}>
      {text}
    </p>
  ) : null;
}

/** Column heads over numbers, aligned as their cells are. */
export function NumberHeads({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name) => (
        <th key={name} scope="col" className="num">
          {name}
        </th>
      ))}
    </>
  );
}

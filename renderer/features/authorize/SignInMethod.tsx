/** How the person signs in at the issuer: a browser here (loopback redirect), or a code on another device. */
export type SignInWay = 'loopback' | 'device';

const ways: readonly (readonly [SignInWay, string])[] = [
  ['loopback', 'In a browser on this machine'],
  ['device', 'With a code on another device'],
];

/** The "How to sign in" choice of the Authorize and Reauthorize dialogs. */
export function SignInMethod({
  name,
  value,
  onChange,
}: {
  name: string;
  value: SignInWay;
  onChange(way: SignInWay): void;
}) {
  return (
    <fieldset className="authorize-method">
      <legend>How to sign in</legend>
      {ways.map(([way, words]) => (
        <label key={way}>
          <input type="radio" name={name} checked={value === way} onChange={() => onChange(way)} /> {words}
        </label>
      ))}
    </fieldset>
  );
}

import Link from 'next/link';

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no such page. See <Link href="/">all experiments</Link>.
      </p>
    </>
  );
}

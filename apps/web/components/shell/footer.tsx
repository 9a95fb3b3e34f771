import Link from 'next/link';

export function Footer() {
  return (
    <footer className="border-t border-slate-200 bg-white px-6 py-3 text-sm print:hidden">
      <Link href="/tillganglighet" className="text-brand-800 underline">
        Tillgänglighetsredogörelse
      </Link>
    </footer>
  );
}

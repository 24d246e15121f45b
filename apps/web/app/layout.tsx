import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import Script from 'next/script';
import { CAPTURE_ADDRESS_SCRIPT } from '../src/address';
import 'katex/dist/katex.min.css';
import 'uplot/dist/uPlot.min.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'HW3 Lab explorer', template: '%s · HW3 Lab' },
  description: 'μP, Monte Carlo gradient estimators and rematerialization, measured and checked against their closed forms in your browser.',
  icons: { icon: '/icon.svg' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Script id="hw3-address" strategy="beforeInteractive">
          {CAPTURE_ADDRESS_SCRIPT}
        </Script>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="site">
          <nav aria-label="Site">
            {/* No prefetching: it would parse those pages' payloads while this page computes its first result. */}
            <Link href="/" className="brand" prefetch={false}>
              HW3 Lab
            </Link>
            <Link href="/claims/" prefetch={false}>
              Claim checker
            </Link>
            {/* A plain link: the reference is static HTML (public/docs), not a page of this app. */}
            <a href="/docs/">API reference</a>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer className="site">
          Every number here is computed in your browser by the same WebAssembly core as the <code>hw3</code> command; the same seed gives the same numbers.
        </footer>
      </body>
    </html>
  );
}

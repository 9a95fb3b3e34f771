'use client';

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="hover:underline">
      Skriv ut
    </button>
  );
}

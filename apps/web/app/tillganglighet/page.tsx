import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Tillgänglighetsredogörelse' };

const REPORT_ADDRESS = 'kundtjanst@lansservice.example';

/**
 * The accessibility statement that lagen (2018:1937) om tillgänglighet till
 * digital offentlig service asks of public-sector services, after DIGG's model.
 * Public: it must be readable without logging in.
 */
export default function AccessibilityStatementPage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 p-4 wrap-break-word sm:p-8">
      <h1 className="text-2xl font-semibold">Tillgänglighetsredogörelse för BMB</h1>
      <p>
        Regionen står bakom BMB (byte av mottagare/betalare för hjälpmedel). Vi vill att så många som möjligt ska kunna
        använda tjänsten. Här beskriver vi hur BMB uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig
        service, kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.
      </p>

      <h2 className="text-xl font-semibold">Hur tillgänglig är tjänsten?</h2>
      <p>
        Vi bedömer att BMB är delvis förenlig med lagen. Tjänsten är byggd för att uppfylla WCAG 2.1 nivå AA: alla
        fält har etiketter, felmeddelanden är kopplade till sina fält och läses upp, allt kan göras med tangentbordet och
        fokus syns tydligt. Vi har inte ännu låtit användare med skärmläsare eller andra hjälpmedel testa tjänsten, och
        därför säger vi delvis förenlig tills det är gjort.
      </p>

      <h2 className="text-xl font-semibold">Kända brister</h2>
      <ul className="list-disc pl-6">
        <li>Diagrammet över skickade BMB per vecka under Admin är en bild; samma siffror finns i en tabell bredvid.</li>
        <li>Förslagen på förskrivare i BMB-formuläret visas med webbläsarens egen lista, som fungerar olika i olika webbläsare.</li>
      </ul>

      <h2 className="text-xl font-semibold">Rapportera brister</h2>
      <p>
        Om du upptäcker problem som inte beskrivs här, eller om du behöver innehåll i ett annat format, kontakta
        Länsservice kundtjänst på{' '}
        <a href={`mailto:${REPORT_ADDRESS}?subject=Tillg%C3%A4nglighet%20i%20BMB`} className="text-brand-800 underline">
          {REPORT_ADDRESS}
        </a>
        . Beskriv vad du försökte göra och vad som inte fungerade. Vi svarar inom fem arbetsdagar.
      </p>

      <h2 className="text-xl font-semibold">Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn över lagen. Om du inte är nöjd med hur vi
        hanterar dina synpunkter kan du kontakta DIGG och påtala det.
      </p>

      <h2 className="text-xl font-semibold">Hur vi testat</h2>
      <p>
        Varje sida och varje tillstånd (fel, dialoger, övningsläget med guiden öppen) granskas automatiskt med axe mot WCAG 2.1
        A och AA vid varje ändring, och manualens båda flöden (skicka och kvittera BMB) genomförs med enbart tangentbord.
        Redogörelsen uppdaterades senast 2026-11-25.
      </p>
      <p>
        <Link href="/hjalpmedel" className="text-brand-800 underline">
          Till BMB
        </Link>
      </p>
    </main>
  );
}

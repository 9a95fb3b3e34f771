import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Hjälp' };

/** A short version of the training manual ("Skicka och kvittera BMB"), in its own words. */
export default function HelpPage() {
  return (
    <article className="prose flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Hjälp</h1>
      <p>
        Det är viktigt att hjälpmedlen finns på rätt förskrivare/betalare. Om en patient byter
        vårdenhet förs hjälpmedlen över till den nya betalaren/vårdenheten med en BMB (byte
        mottagare/betalare). BMB är bara en lagermässig transaktion och ersätter aldrig
        överrapporteringsskyldigheten mellan förskrivare och vårdenheter.
      </p>

      <h2 className="text-xl font-semibold">Skicka BMB</h2>
      <ol className="list-decimal pl-6">
        <li>Välj Hjälpmedel i menyn. Skriv in patientens personnummer med alla 12 siffror och klicka på Sök.</li>
        <li>Klicka på länken BMB.</li>
        <li>
          Ange ny förskrivare/beställare (användarnamn). Aktuell patient ligger förvald. Markera
          vilket eller vilka hjälpmedel som avses och skriv gärna ett meddelande till mottagaren.
          Klicka på Spara ändringarna och därefter på Verkställ.
        </li>
      </ol>
      <p>
        Mottagaren har 7 dagar på sig att kvittera. Annars blir BMB för hjälpmedlet låst och du
        måste kontakta Länsservice kundtjänst, som kan låsa upp den.
      </p>

      <h2 className="text-xl font-semibold">Kvittera BMB</h2>
      <ol className="list-decimal pl-6">
        <li>Klicka på Kvittera BMB i menyn. Där visas de betalningsansvar som skickats till dig.</li>
        <li>Klicka på datumet för att komma till bilden där du kvitterar.</li>
        <li>
          Välj Kund/leveransadress och Betalare, markera Ja eller Nej under Godkänn, skriv gärna
          ett meddelande och klicka på Verkställ.
        </li>
        <li>När BMB är verkställd är den kvitterad och försvinner från listan.</li>
      </ol>

      <h2 className="text-xl font-semibold">BMB mellan patienter</h2>
      <p>
        Huvudregeln är att hjälpmedlet först ska till Länsservice för rekonditionering. I
        undantagsfall kan du som förskrivare göra BMB mellan patienter: en individuell
        behovsbedömning ska alltid göras, och du ansvarar för att hjälpmedlet är funktionsdugligt
        och inte bär smitta vidare.
      </p>
    </article>
  );
}

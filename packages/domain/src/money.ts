const kronor = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Prices are stored in öre (integers); shown as in the manual: `174,84 SEK`. */
export function formatPrice(ore: number): string {
  return `${kronor.format(ore / 100)} SEK`;
}

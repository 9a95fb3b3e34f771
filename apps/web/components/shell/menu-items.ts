/** The left menu, in the manual's order ("den blå listen"), and ours after it. */
export interface MenuItem {
  label: string;
  href: string;
  adminOnly?: boolean;
}

export const menuItems: MenuItem[] = [
  { label: 'Hjälpmedel', href: '/hjalpmedel' },
  { label: 'Individkort', href: '/individkort' },
  { label: 'Kvittera BMB', href: '/kvittera-bmb' },
  { label: 'Skickade BMB', href: '/skickade-bmb' },
  { label: 'Dina uppgifter', href: '/dina-uppgifter' },
  { label: 'Övningsläge', href: '/ovningslage' },
  { label: 'Admin', href: '/admin', adminOnly: true },
];

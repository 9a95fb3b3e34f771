/**
 * The left menu, in the manual's order ("den blå listen"). A screen appears as a
 * link once it is built; until then it is listed, greyed, so the layout people
 * learn from the manual stays the same.
 */
export interface MenuItem {
  label: string;
  href: string;
  ready: boolean;
  adminOnly?: boolean;
}

export const menuItems: MenuItem[] = [
  { label: 'Hjälpmedel', href: '/hjalpmedel', ready: true },
  { label: 'Individkort', href: '/individkort', ready: true },
  { label: 'Kvittera BMB', href: '/kvittera-bmb', ready: true },
  { label: 'Skickade BMB', href: '/skickade-bmb', ready: true },
  { label: 'Dina uppgifter', href: '/dina-uppgifter', ready: true },
  { label: 'Övningsläge', href: '/ovningslage', ready: false },
  { label: 'Admin', href: '/admin', ready: true, adminOnly: true },
];

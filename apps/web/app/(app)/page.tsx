import { redirect } from 'next/navigation';

/** The manual's Utgångsbild is Hjälpmedel. */
export default function StartPage() {
  redirect('/hjalpmedel');
}

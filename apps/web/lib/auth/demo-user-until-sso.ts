/**
 * Until SSO login lands (issue 3) every request acts as this demo prescriber.
 * This file is the one place that knows it; SSO replaces it, and nothing else
 * in the app needs to change.
 */
export const DEMO_USERNAME_UNTIL_SSO = 'k100ana';

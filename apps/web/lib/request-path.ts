/**
 * The request's path, set by proxy.ts on the request it passes on: a page can
 * name itself in a refusal without knowing its own route (a layout cannot).
 */
export const REQUEST_PATH_HEADER = 'x-bmb-path';

/** swagger-ui-dist ships no types; the one function used here. */
declare module 'swagger-ui-dist' {
  /** The folder holding the package's built files. */
  export function getAbsoluteFSPath(): string;
}

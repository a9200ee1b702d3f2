/** The released version, shown in reports; kept in step with package.json. */
export const VERSION = '1.0.0';

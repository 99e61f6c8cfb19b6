/** Another language's catalogue: the same keys as the French one, any words. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

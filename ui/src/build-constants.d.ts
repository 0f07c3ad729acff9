// Constants that vite.config.ts `define`s at build time (and for vitest).

/** `[workspace.package] repository` of the root Cargo.toml. */
declare const __HEXSTACK_REPOSITORY__: string

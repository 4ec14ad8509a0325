// undici's own files (src/api/undici.ts): CommonJS without type declarations of their own; their
// exports are typed there, from undici's public types.
declare module 'undici/lib/dispatcher/agent.js' {
  const exports: unknown;
  export default exports;
}
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  const exports: unknown;
  export default exports;
}
declare module 'undici/lib/api/api-request.js' {
  const exports: unknown;
  export default exports;
}
declare module 'undici/lib/global.js' {
  const exports: unknown;
  export default exports;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  const exports: unknown;
  export default exports;
}
declare module 'undici/lib/api/api-connect.js' {
  const exports: unknown;
  export default exports;
}
